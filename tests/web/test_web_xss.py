"""Stored markup is shown as text, never run: an article whose text, title, names and quote carry
``<script>`` and ``<img onerror>`` payloads, in a real browser (Debian's Chromium via Playwright).

The pages are opened with the server's Content-Security-Policy bypassed, so that what is tested is
the UI's own escaping (every string goes in as ``textContent``), not the CSP catching a slip.
Skipped when /usr/bin/chromium or the playwright package is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import serving
from newsevents.model import Actor, Analysis, Article, Entity, Event, Place, Quote, Speaker
from newsevents.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

pytestmark = pytest.mark.slow

SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"
SVG = "<svg onload=window.__pwned=3>"
NAME = f"Evil {IMG} Corp"
TEXT = (
    f"{NAME} attacked a village near Kismayo on Monday. {SCRIPT} "
    f'"We will {SVG} return," a spokesman for {NAME} said. Officials in Kismayo condemned it.'
)


def xss_analysis() -> Analysis:
    """One article whose every string a page shows carries markup."""
    analysis = Analysis(Article(id="xss", text=TEXT, title=f"Attack {SCRIPT}{IMG}", published="2026-10-14",
                                site=f"news{IMG}.example", url="https://news.example/xss"))  # fmt: skip
    actor_at, place_at = TEXT.index(NAME), TEXT.index("Kismayo")
    analysis.entities = [
        Entity("e1", "ORG", actor_at, actor_at + len(NAME), NAME, actor="a1"),
        Entity("e2", "GPE", place_at, place_at + 7, "Kismayo", place="p1"),
    ]
    analysis.actors = [Actor("a1", NAME, "organization", None, ["REB"], mentions=["e1"])]
    analysis.places = [Place("p1", f"Kismayo {IMG}", "city", "SOM", lat=-0.36, lon=42.55, mentions=["e2"])]
    first = TEXT.index(".") + 1
    sentence, trigger = analysis.span(0, first), analysis.span(TEXT.index("attacked"), TEXT.index("attacked") + 8)
    analysis.events = [Event("v1", "ASSAULT", "asserted", ["a1"], [], sentence, trigger, 0.9, place="p1",
                             evidence=[sentence])]  # fmt: skip
    quote_at = TEXT.index('"We will')
    quote_end = TEXT.index('return,"') + len('return,"')
    analysis.quotes = [Quote("q1", "direct", quote_at, quote_end, TEXT[quote_at:quote_end],
                             Speaker(NAME, actor_at, actor_at + len(NAME), "a1", False))]  # fmt: skip
    return analysis


@pytest.fixture(scope="module")
def xss_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("xss") / "xss.duckdb"
    with Store(db) as store:
        store.add(xss_analysis())
        store.add(Analysis(Article(id="jsurl", text="Officials met in Kismayo on Monday.", title="Script link",
                                   url="javascript:window.__pwned=4", published="2026-10-14")))  # fmt: skip
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize(
    ("view", "selector", "shown"),
    [
        ("#/article/xss", "[data-testid=article-text]", SCRIPT),
        ("#/article/xss", "[data-testid=article-text]", SVG),
        ("#/article/xss?event=v1", "[data-testid=article-text]", NAME),
        ("#/articles", "[data-testid=article-item]", SCRIPT),
        ("#/events", "[data-testid=event-row]", NAME),
        ("#/actors", "main", NAME),
        ("#/quotes", "main", SVG),
    ],
)
def test_stored_markup_is_shown_as_text_and_never_runs(browser, xss_url: str, view: str, selector: str,
                                                       shown: str) -> None:  # fmt: skip
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(f"{xss_url}/{view}")
        page.wait_for_function(
            "([selector, shown]) => [...document.querySelectorAll(selector)].some(n => n.textContent.includes(shown))",
            arg=[selector, shown],
            timeout=20_000,
        )
        page.wait_for_timeout(300)  # an injected <img src=x> would have asked for /x and fired by now
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('main img, main svg[onload], main script').length") == 0
        assert page.evaluate("document.querySelectorAll('[onerror], [onload]').length") == 0
        assert not [url for url in requested if url.split("?")[0].endswith("/x")], requested
    finally:
        context.close()


def test_markup_is_shown_as_text_with_the_servers_csp_on(browser, xss_url: str) -> None:
    """As a user's browser sees it: the CSP in force, the payload visible as the characters it is."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{xss_url}/#/article/xss")
        page.locator("[data-testid=article-text]").filter(has_text=SCRIPT).wait_for(timeout=20_000)
        assert SCRIPT in page.locator("[data-testid=article-text]").text_content()
        assert IMG in page.locator("h2, h1").first.text_content()
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()
    assert not errors, errors


@pytest.mark.parametrize(("article", "original_links"), [("jsurl", 0), ("xss", 1)])
def test_only_web_urls_become_links(browser, xss_url: str, article: str, original_links: int) -> None:
    """A stored URL that is not http(s) (a JSON Lines record or a feed can carry javascript:) is no link."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{xss_url}/#/article/{article}")
        page.locator("[data-testid=article-text]").wait_for(timeout=20_000)
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
        assert page.locator("a", has_text="original").count() == original_links
    finally:
        context.close()

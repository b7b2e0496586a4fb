"""The web UI in a real browser (Debian's Chromium driven by Playwright) against a real server.

Skipped when /usr/bin/chromium or the playwright package is missing. Screenshots go to
$NEWSEVENTS_ARTIFACTS (or the test's tmp folder) for a person to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from api.serving import get_json, serving
from newsevents.model import Actor, Analysis, Article, Entity, Event, Place
from newsevents.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

if not CHROMIUM.exists():
    pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("NEWSEVENTS_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, samples_url: str) -> Iterator[object]:
    """A fresh page that may talk to the test server only; console errors fail the test."""
    # bypass_csp: the tests evaluate expressions in the page, which our own CSP (no eval) would refuse.
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))

    def guard(route) -> None:
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", None) and not route.request.url.startswith("data:"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    pg.route("**/*", guard)
    yield pg
    context.close()
    assert not errors, errors
    assert not outside, f"the UI asked for outside resources: {outside}"


def test_events_filter_and_open_the_evidence(page, samples_url: str, artifacts: Path) -> None:
    page.goto(samples_url + "/#/events")
    rows = page.locator("[data-testid=event-row]")
    rows.first.wait_for()
    assert rows.count() > 10
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.click("[data-testid=apply]")
    page.wait_for_function("location.hash.includes('type=ASSAULT')")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=event-row] .badge')]"
        ".every(b => b.textContent.startsWith('ASSAULT'))"
    )
    assert rows.count() >= 3
    page.screenshot(path=str(artifacts / "events-assault.png"))

    article_id, event_id = rows.first.get_attribute("data-article"), rows.first.get_attribute("data-event")
    rows.first.click()
    page.wait_for_selector("#view-article .focus-sentence")
    status, event = get_json(f"{samples_url}/api/v1/events/{article_id}/{event_id}")
    assert status == 200
    shown = "".join(page.locator("#view-article .focus-sentence").all_text_contents())
    assert " ".join(shown.split()) == " ".join(event["sentence"].split())
    assert page.locator("#view-article .focus-trigger").first.text_content() in event["trigger"]
    assert page.locator("[data-testid=detail]").text_content().startswith("ASSAULT")
    page.screenshot(path=str(artifacts / "article-evidence.png"))


def test_article_view_links_quotes_to_speakers_and_lists_clutter(page, samples_url: str, artifacts: Path) -> None:
    page.goto(samples_url + "/#/articles")
    page.locator("[data-testid=article-item] a.title").first.wait_for()
    page.fill("#article-search input[name=q]", "Haiti")
    page.click("#article-search button")
    page.wait_for_function("location.hash.includes('q=Haiti')")
    page.locator("[data-testid=article-item] a.title", has_text="Gang attack").click()
    page.wait_for_selector("[data-testid=article-text] .quote")
    page.locator("[data-testid=article-quotes] li").first.click()
    assert page.locator("#view-article .focus-quote").count() >= 1
    assert page.locator("#view-article .focus-speaker").count() >= 1
    page.locator("[data-testid=article-events] li").first.click()
    assert page.locator("#view-article .focus-sentence").count() >= 1
    assert "Removed clutter" in page.locator("[data-testid=removed] summary").text_content()
    page.screenshot(path=str(artifacts / "article-quote.png"), full_page=True)


def test_timeline_network_map_and_stories(page, samples_url: str, artifacts: Path) -> None:
    page.goto(samples_url + "/#/timeline?interval=month&by=quad")
    page.wait_for_selector("[data-testid=timeline-bar]")
    page.screenshot(path=str(artifacts / "timeline.png"))

    page.goto(samples_url + "/#/network")
    node = page.locator("[data-testid=network-node][data-name=Pakistan]")
    node.wait_for()
    assert page.locator("[data-testid=network-edge]").count() > 5
    page.screenshot(path=str(artifacts / "network.png"))
    node.locator("circle").click()
    page.wait_for_function("location.hash.startsWith('#/events') && location.hash.includes('actor=Pakistan')")
    page.locator("[data-testid=event-row]").first.wait_for()

    page.goto(samples_url + "/#/map")
    page.wait_for_selector("[data-testid=map-cluster]")
    world = page.locator("[data-testid=map-cluster]").count()
    page.screenshot(path=str(artifacts / "map.png"))
    for _ in range(3):
        page.click("#map-zoom-in")
    assert page.locator("[data-testid=map-cluster]").count() >= world  # clusters split as the map zooms in

    page.goto(samples_url + "/#/stories")
    assert "story issue" in page.locator("[data-testid=stories-placeholder]").text_content()


def test_offsets_after_characters_outside_the_bmp_highlight_the_right_words(browser, tmp_path: Path) -> None:
    text = "🇰🇪 Kenya 😀 met 𝒜 Ethiopian officials in Nairobi."
    start, met = text.index("Nairobi"), text.index("met")  # Python counts code points, as the store does
    analysis = Analysis(Article(id="emoji", text=text, title="Emoji", published="2026-10-14"))
    analysis.entities = [Entity("e1", "GPE", start, start + 7, "Nairobi", place="p1"),
                         Entity("e2", "GPE", 3, 8, "Kenya", actor="a1")]  # fmt: skip
    analysis.actors = [Actor("a1", "Kenya", "country", "KEN", ["GOV"], mentions=["e2"])]
    analysis.places = [Place("p1", "Nairobi", "city", "KEN", lat=-1.28, lon=36.82, mentions=["e1"])]
    sentence = analysis.span(0, len(text))
    analysis.events = [Event("v1", "CONSULT", "asserted", ["a1"], [], sentence, analysis.span(met, met + 3), 0.8,
                             evidence=[sentence])]  # fmt: skip
    db = tmp_path / "emoji.duckdb"
    with Store(db) as store:
        store.add(analysis)
    with serving(db) as url:
        pg = browser.new_page()
        pg.goto(url + "/#/article/emoji?event=v1")
        pg.wait_for_selector("#view-article .focus-trigger")
        entities = pg.locator("[data-testid=article-text] .entity").all_text_contents()
        trigger = pg.locator("#view-article .focus-trigger").text_content()
        pg.close()
    assert entities == ["Kenya", "Nairobi"]
    assert trigger == "met"

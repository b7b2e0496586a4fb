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


def test_timeline_network_and_map(page, samples_url: str, artifacts: Path) -> None:
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



def test_stories_filter_open_a_story_and_an_article_from_it(page, stories_url: str, artifacts: Path) -> None:
    page.goto(stories_url + "/#/stories")
    stories = page.locator("[data-testid=story-item]")
    stories.first.wait_for()
    assert stories.count() == 3
    page.screenshot(path=str(artifacts / "stories.png"))

    page.fill("#story-search input[name=actor]", "GHA")
    page.click("[data-testid=stories-apply]")
    page.wait_for_function("location.hash.includes('actor=GHA')")
    page.wait_for_function("document.querySelectorAll('[data-testid=story-item]').length === 1")
    assert "3 articles · 3 sources" in stories.first.text_content()
    assert "Ghana and Togo" in stories.first.locator("a.title").text_content()

    stories.first.locator("a.title").click()
    articles = page.locator("[data-testid=story-article]")
    articles.first.wait_for()
    assert sorted(articles.evaluate_all("items => items.map(i => i.dataset.article)")) == ["gt-copy", "gt-daily",
                                                                                           "gt-wire"]  # fmt: skip
    assert "copy of coastlinewire.example" in articles.filter(has_text="Border patrols agreed").text_content()
    counts = page.locator("[data-testid=story-event-counts]").all_text_contents()
    assert counts and any(c.startswith("3 articles, 3 sources") for c in counts)
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)

    articles.filter(has_text="Asante, Djigbodi").locator("a").click()
    page.wait_for_function("location.hash === '#/article/gt-daily'")
    link = page.locator("[data-testid=article-story-link]")
    link.wait_for()
    assert link.text_content() == "Story: 3 articles on this happening"
    related = page.locator("[data-testid=article-related] [data-testid=related-item]")
    assert sorted(related.evaluate_all("items => items.map(i => i.dataset.article)")) == ["gt-copy", "gt-wire"]
    page.screenshot(path=str(artifacts / "article-story.png"))
    link.click()
    page.wait_for_function("location.hash.startsWith('#/story/')")
    page.locator("[data-testid=story-article]").first.wait_for()
    assert "Ghana and Togo" in page.locator("[data-testid=story-title]").text_content()


def test_an_event_row_links_to_its_story(page, stories_url: str) -> None:
    page.goto(stories_url + "/#/events?actor=Russia")
    row = page.locator("[data-testid=event-row]").first
    row.wait_for()
    row.locator("[data-testid=event-story]").click()
    page.wait_for_function("location.hash.startsWith('#/story/')")
    page.locator("[data-testid=story-article]").first.wait_for()
    assert page.locator("[data-testid=story-title]").text_content() == "Grain ship leaves Odesa under naval escort"


def test_actors_filter_and_list_their_events(page, samples_url: str, artifacts: Path) -> None:
    page.goto(samples_url + "/#/actors")
    rows = page.locator("[data-testid=actor-row]")
    rows.first.wait_for()
    assert rows.count() > 10 and page.locator("[data-testid=actor-partner]").count() > 0
    page.screenshot(path=str(artifacts / "actors.png"))
    page.fill("#actor-search input[name=q]", "Pakistan")
    page.click("[data-testid=actors-apply]")
    page.wait_for_function("location.hash.includes('q=Pakistan')")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=actor-row]')].every(r => r.dataset.name.includes('Pakistan'))"
    )
    pakistan = rows.filter(has=page.locator("[data-testid=actor-link]", has_text="Pakistan")).first
    assert "Afghanistan" in pakistan.text_content()  # a top partner
    pakistan.click()
    page.wait_for_function("location.hash.startsWith('#/events') && location.hash.includes('actor=PAK')")
    events = page.locator("[data-testid=event-row]")
    events.first.wait_for()
    status, listed = get_json(f"{samples_url}/api/v1/events?actor=PAK&limit=50")
    assert status == 200 and events.count() == len(listed["items"]) > 0


def test_quotes_filter_by_speaker_and_open_the_article_at_the_quote(page, samples_url: str, artifacts: Path) -> None:
    page.goto(samples_url + "/#/quotes")
    quotes = page.locator("[data-testid=quote-item]")
    quotes.first.wait_for()
    assert quotes.count() > 5
    page.fill("#quote-search input[name=speaker]", "Otieno")
    page.click("[data-testid=quotes-apply]")
    page.wait_for_function("location.hash.includes('speaker=Otieno')")
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=quote-item]')].every(q => q.dataset.speaker.includes('Otieno'))"
    )
    page.screenshot(path=str(artifacts / "quotes-otieno.png"))
    first = quotes.first
    article_id, quote_id = first.get_attribute("data-article"), first.get_attribute("data-quote")
    first.locator("[data-testid=quote-open]").click()
    page.wait_for_selector("#view-article .focus-quote")
    assert page.locator(f"#view-article .side-quotes li[data-quote='{quote_id}']").get_attribute("class") == "selected"
    status, doc = get_json(f"{samples_url}/api/v1/articles/{article_id}")
    assert status == 200
    quote = next(q for q in doc["quotes"] if q["id"] == quote_id)
    shown = "".join(page.locator("#view-article .focus-quote").all_text_contents())
    assert " ".join(shown.split()) == " ".join(quote["text"].split())
    page.screenshot(path=str(artifacts / "article-at-quote.png"))


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

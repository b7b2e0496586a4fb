"""The sample pages in examples/pages: title, date, body kept, furniture gone (INDEX.md lists it)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from newsevents.extract import extract_html, extract_text_page
from newsevents.model import Article

PAGES = Path(__file__).resolve().parents[2] / "examples" / "pages"
INDEX = PAGES / "INDEX.md"


def extract_sample(name: str) -> Article:
    """Extract one sample (``file`` or ``file.jsonl#record-id``) the way the pipeline would."""
    file_name, _, record_id = name.partition("#")
    path = PAGES / file_name
    if not path.exists():
        pytest.skip(f"sample page {path} not present")
    raw = path.read_bytes()
    if file_name.endswith(".gz"):
        raw = gzip.decompress(raw)
    if file_name.endswith(".jsonl"):
        records = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
        record = next(r for r in records if r["id"] == record_id)
        if "html" in record:
            return extract_html(record["html"], url=record.get("url"), source=name)
        return extract_text_page(f"{record['title']}\n\n{record['text']}", url=record.get("url"), source=name)
    if file_name.endswith(".txt"):
        return extract_text_page(raw.decode("utf-8"), source=name)
    return extract_html(raw, source=name)


# (page, title, published prefix or None, must-have body snippets, must-not-have clutter)
CASES = [
    (
        "wp-khartoum-aid-convoy.html",
        "UN convoy reaches Omdurman as fighting eases around Khartoum",
        "2026-10-12T10:45:00+02:00",
        [
            "OMDURMAN – A convoy of 42 trucks",
            "“Children here have been eating one meal a day",
            "according to UN figures.",
        ],
        [
            "Share this:",
            "Check Also:",
            "Related Posts",
            "Leave a Reply",
            "Popular Posts",
            "Finally some good news.",
            "Get the Nile Horizon morning briefing in your inbox.",
            "We use cookies to give you the best experience on our website.",
            "About Yasmin Adam",
            "Trucks from the WFP convoy are unloaded at a warehouse in Omdurman. Photo: Nile Horizon/Staff",
        ],
    ),
    (
        "wp-dhaka-garment-protest.html",
        "Police fire tear gas as garment workers march on Dhaka wage board",
        "2026-09-17T09:30:00+06:00",
        ["Police fired tear gas and rubber bullets", '"Not a single live round was fired," Hasan said.'],
        [
            "- Advertisement -",
            "Share this article:",
            "TAGS",
            "Check Also",
            "1 COMMENT",
            "LEAVE A REPLY",
            "12,500 taka does not even pay the rent in Mirpur.",
            "Subscribe to our newsletter and never miss a story.",
            "Garment workers block the Dhaka-Mymensingh highway on Wednesday. Photo: Bengal Bay Times",
        ],
    ),
    (
        "wp-nairobi-kenya-somalia-talks.html",
        "Kenya and Somalia agree joint border patrols after Nairobi talks",
        "2026-11-06T07:20:00+03:00",
        [
            "NAIROBI — Kenya and Somalia on Wednesday agreed",
            "“No refugee will be forced to go home,”",
            "is due to hold its first meeting in Garissa on 20 November.",
        ],
        [
            "Breaking News",
            "Telegram",
            "Advertisement",
            "3 minutes read",
            "Related Articles",
            "Kenya should never have sent troops to Gedo in the first place.",
            "Grace Wambui is East Africa Monitor's diplomatic correspondent in Nairobi.",
        ],
    ),
    (
        "wire-geneva-yemen-prisoner-swap.html",
        "Yemen's warring parties agree to swap 900 prisoners after Geneva talks",
        "2026-10-14T14:22:00",
        ["Yemen's internationally recognised government and the Houthi movement agreed", "according to U.N. agencies."],
        [
            "Deal covers about 900 detainees, including 15 Saudis",
            "Read Next",
            "Sponsored Content",
            "Our Standards: The Meridian Editorial Charter.",
            "All quotes delayed a minimum of 15 minutes.",
            "U.N. Special Envoy Lars Henriksen speaks to reporters at the Palais des Nations",
        ],
    ),
    (
        "wire-kharkiv-shelling.html",
        "Russian shelling kills at least 14 civilians in Kharkiv, officials say",
        "2026-09-28",
        [
            "KHARKIV, Ukraine, Sept 28 (Atlas) - Russian forces shelled",
            "EU foreign policy spokeswoman Nadia Ferrante said on Sunday.",
        ],
        [
            "[op/sk]",
            "UKRAINE-CRISIS/KHARKIV (UPDATE 3)",
            "Reporting by Olena Petrenko; Editing by Susan Keane",
            "3 Min Read",
            "Related Coverage",
            "Most Read",
            "This website uses cookies.",
        ],
    ),
    (
        "jsonld-bogota-arrests.html",
        "Colombian police arrest 23 in raids on dissident network in Bogota and Cali",
        "2026-10-22T08:30:00-05:00",
        ["Colombian police arrested 23 people in raids", "killing three fighters. One soldier was wounded."],
        [
            "Support independent journalism in the Andes.",
            "Subscribe from $1 a week",
            "Topics:",
            "Spotted an error?",
            "More from Colombia",
            "Government and dissidents set timetable for Caracas talks",
        ],
    ),
    (
        "jsonld-eu-myanmar-sanctions.html",
        "EU sanctions Myanmar generals over deadly air strikes",
        "2026-11-17T14:05:00+01:00",
        [
            "BRUSSELS — European Union foreign ministers on Monday imposed sanctions",
            "these sanctions are three years overdue,”",
        ],
        [
            "Europe and the world, explained",
            "Advertisement",
            "Topics:",
            "Most read",
            "© Continental Review 2026. Republishing requires a licence.",
        ],
    ),
    (
        "scraped-papua-intan-jaya-clashes.txt",
        "Two soldiers, three civilians killed in Intan Jaya clashes; 1,500 villagers flee",
        None,
        [
            "Jakarta - Two Indonesian soldiers and three civilians were killed",
            "if the government sent more troops to the highlands.",
        ],
        [
            "Read more:",
            "[yk/dh]",
            "Photo: NusaFoto/Markus Wenda",
            "Share this:",
            "Telegram",
            "Like Loading...",
            "Check Also",
            "Residents of Entrop and Hamadi received food packages",
            "Leave a Reply",
            "Popular Posts",
        ],
    ),
    (
        "scraped-mali-drone-strike.txt",
        "Mali: at least 21 civilians killed in drone strike on market, residents say",
        None,
        ["BAMAKO - At least 21 civilians", "to Mopti on Thursday to meet community leaders."],
        [
            "Photo: SahelPix/Oumar Traoré",
            "[sd/kt]",
            "Click to share on X (Opens in new window)",
            "Like this:",
            "Related",
            "Check Also",
            "Burkina Faso: gunmen attack convoy near Djibo",
            "Leave a Reply",
        ],
    ),
    (
        "local-turkana-cattle-raid.html.gz",
        "Eleven killed as raiders attack herders near Kainuk",
        "2026-10-01T07:15:00+03:00",
        [
            "At least 11 people were killed and more than 400 head of cattle stolen",
            "will now take place in Kapenguria on October 8, local administrators said.",
        ],
        [
            "LOCAL NEWS",
            "By PETER EKAI, Lodwar",
            "Thursday, October 1, 2026",
            "Print this story",
            "Comments (0)",
            "Mourners gather at Kainuk health centre.",
            "■",
            "More Local News",
            "Reader Comments",
            "Most Read This Week",
        ],
    ),
    (
        "local-negros-army-npa-clash.html.gz",
        "300 families flee as Army, NPA rebels clash in Negros Occidental",
        "2026-09-09T18:40:00+08:00",
        [
            "BACOLOD CITY – More than 300 families fled their homes",
            "would send investigators to Carabalan on Thursday (Sept. 10).",
        ],
        [
            "BREAKING:",
            "ADVERTISEMENT",
            "READ:",
            "12 NPA rebels surrender in Kabankalan",
            "Tags:",
            "Related Stories",
            "Comments are powered by Facebook.",
            "Get the Star in your inbox",
        ],
    ),
    (
        "visible-date-drc-rwanda-security-deal.html",
        "DR Congo and Rwanda sign deal on joint security mechanism in Addis Ababa",
        "2026-10-14",
        [
            "ADDIS ABABA – The foreign ministers of the Democratic Republic of Congo and Rwanda",
            "it had delivered food to 250,000 people in North Kivu over the past month.",
        ],
        [
            "Published 14 October 2026, 09:12",
            "Share:",
            "Photo: GLR/Selam Tesfaye",
            "Become a member",
            "#M23",
            "You may also like",
            "Goma airport: who controls the runway?",
            "Most read",
        ],
    ),
]


@pytest.mark.parametrize(("page", "title", "published", "must_have", "must_not_have"), CASES, ids=[c[0] for c in CASES])
def test_sample_page(
    page: str, title: str, published: str | None, must_have: list[str], must_not_have: list[str]
) -> None:
    article = extract_sample(page)
    assert article.title == title
    if published is None:
        assert article.published is None
    else:
        assert article.published is not None and article.published.startswith(published)
    for snippet in must_have:
        assert snippet in article.text, snippet
    for clutter in must_not_have:
        assert clutter not in article.text, clutter


def _index_sections() -> list[tuple[str, list[str]]]:
    """(page, every "Must NOT appear" string) for each page section of INDEX.md."""
    if not INDEX.exists():
        return []
    sections = []
    for section in re.split(r"\n### `", INDEX.read_text(encoding="utf-8"))[1:]:
        name = section.split("`", 1)[0]
        listed = re.search(r"^- Must NOT appear[^:]*:(.*)$", section, re.MULTILINE)
        if listed:
            sections.append((name, re.findall(r"`([^`]+)`", listed.group(1))))
    return sections


@pytest.mark.parametrize(("page", "clutter"), _index_sections() or [pytest.param("", [], marks=pytest.mark.skip)])
def test_nothing_listed_in_index_survives(page: str, clutter: list[str]) -> None:
    text = extract_sample(page).text
    assert [c for c in clutter if c in text] == []

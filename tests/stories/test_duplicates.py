"""Syndicated copies: which edits still make a copy, which texts are not copies, linking to the original."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.model import Analysis, Article
from newsevents.store import Store
from newsevents.stories.duplicates import DuplicateFinder

PARAGRAPHS = [
    "NAIROBI (Continental Wire) - Kenyan Foreign Minister Musalia Mudavadi met his Somali counterpart Ahmed "
    "Moalim Fiqi in Nairobi on Monday to discuss security along the two countries' shared border.",
    "The talks, the first at ministerial level in eight months, focused on the reopening of three border "
    "crossings closed since 2011 and on joint patrols against al-Shabaab militants in the Mandera and Lamu areas.",
    '"We agreed that trade and security go together, and that our border communities have waited long enough," '
    "Mudavadi told reporters after the meeting at the ministry's headquarters on Harambee Avenue.",
    "Fiqi said Somalia wanted the crossings at Mandera, Elwak and Liboi reopened within six months, subject to a "
    "security assessment by both governments.",
    "The two delegations are due to meet again in Mogadishu later this month, officials said. Kenya hosts more "
    "than 400,000 Somali refugees, most of them in the Dadaab camps.",
]
ORIGINAL = "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("name", "text", "is_copy"),
    [
        ("the same text", ORIGINAL, True),
        ("a trimmed last paragraph", "\n\n".join(PARAGRAPHS[:-1]), True),
        ("a local intro", "Somalia's top diplomat was in Nairobi this week.\n\n" + ORIGINAL, True),
        ("the site's clutter", ORIGINAL + "\n\nFollow us on X and Facebook.\n\nRead more: Mandera traders", True),
        ("house style", ORIGINAL.replace("on Monday", "Monday").replace("Foreign Minister", "foreign minister"), True),
        ("the first three paragraphs only", "\n\n".join(PARAGRAPHS[:3]), True),
        (
            "another report in its own words",
            "Kenya and Somalia want to reopen border points shut for over a decade, the two foreign ministers said "
            "after a closed-door meeting in the capital on Monday. Mudavadi hosted Fiqi for several hours of "
            "discussions that centred on the Mandera, Elwak and Liboi crossings and on operations against al-Shabaab.",
            False,
        ),
        (
            "one shared paragraph in a longer article",
            PARAGRAPHS[3] + "\n\n" + " ".join(f"Unrelated sentence number {i} about the economy." for i in range(30)),
            False,
        ),
    ],
)
def test_copies_are_found(tmp_path: Path, name: str, text: str, is_copy: bool) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        finder = DuplicateFinder(store)
        assert finder.check([Article(id="wire", text=ORIGINAL)]) == [None]
        finder.flush()
        match = finder.check([Article(id="other", text=text)])[0]
        assert (match is not None) is is_copy, name
        if match:
            assert match.duplicate_of == "wire" and match.article_id == "other"


def test_copies_are_found_in_the_store_by_a_later_process(tmp_path: Path) -> None:
    """Band keys and texts come from the store, not from memory."""
    with Store(tmp_path / "s.duckdb") as store:
        store.add(Analysis(Article(id="wire", text=ORIGINAL)))
        finder = DuplicateFinder(store)
        finder.check([Article(id="wire", text=ORIGINAL)])
        finder.flush()
    with Store(tmp_path / "s.duckdb") as store:
        match = DuplicateFinder(store).check([Article(id="copy", text=ORIGINAL + "\n\nAll rights reserved.")])[0]
        assert match is not None and match.duplicate_of == "wire"


def test_copies_in_one_batch_link_to_the_first(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        finder = DuplicateFinder(store)
        batch = [Article(id=f"a{i}", text=ORIGINAL + f"\n\nClutter of site {i}.") for i in range(3)]
        matches = finder.check(batch)
        assert matches[0] is None
        assert [m.duplicate_of for m in matches[1:] if m] == ["a0", "a0"]


def test_a_withdrawn_original_is_no_longer_matched(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        finder = DuplicateFinder(store)
        finder.check([Article(id="failed", text=ORIGINAL)])
        finder.withdraw("failed")
        assert finder.check([Article(id="copy", text=ORIGINAL)]) == [None]

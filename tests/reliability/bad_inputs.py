"""The bad-input table: one hostile or broken input per row, written by the test itself, with what must happen.

Each case writes its file under a directory and says what the store must hold afterwards: the
failures (input suffix, stage, words of the reason) and how many articles from it are stored, plus,
for inputs that must be read despite their defects, a check on the stored text.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.warcwriter import WARCWriter

from ingest.test_feeds import BILLION_LAUGHS, external_entity
from ingest.warcs import article_page, response

PARAGRAPHS = (
    "The harbour authority said on Tuesday that forty ships were waiting outside the port of Mombasa, "
    "and officials expected the queue to clear by Friday after cranes were repaired.",
    "Kenya's transport minister met shipping companies in Nairobi on Monday to discuss the delays, "
    "which traders say have raised the price of imported fuel and flour across the region.",
    "A spokesman for the port said the repairs had cost about two million dollars and that new "
    "equipment would arrive from China in December, according to a statement.",
)


def news_page(title: str, paragraphs: tuple[str, ...] = PARAGRAPHS, charset: str | None = "utf-8") -> str:
    """A small, plain news page (its text is the paragraphs)."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>" for p in (*paragraphs, f"This report, {title}, was filed from the harbour."))
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")  # fmt: skip


@dataclass(frozen=True)
class Expected:
    """What ingesting one case must leave: failures as (input suffix, stage, reason words), articles stored."""

    failures: tuple[tuple[str, str, str], ...] = ()
    stored: int = 0
    text_check: Callable[[str], bool] | None = None  # on each stored article's text


@dataclass(frozen=True)
class Case:
    name: str  # the file name; also the test id
    write: Callable[[Path], None]
    expected: Expected
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(data: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data.encode(encoding))


def _sparse(size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes that takes no disk space (a hole): the size cap must refuse it unread."""

    def write(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(b"<html><body><p>")
            handle.truncate(size)

    return write


def _deep(levels: int) -> Callable[[Path], None]:
    return _text(
        "<html><body>" + "<div>" * levels + "<p>" + PARAGRAPHS[0] + "</p>" + "</div>" * levels + "</body></html>"
    )


def _one_line(size: int) -> Callable[[Path], None]:
    paragraph = f"<p>{PARAGRAPHS[0]}</p>"
    return _text("<html><head><title>Long</title></head><body><article>" + paragraph * (size // len(paragraph))
                 + "</article></body></html>")  # fmt: skip


def _warc(pages: int, damage: Callable[[bytes, list[int]], bytes]) -> Callable[[Path], None]:
    """A gzipped WARC of ``pages`` HTML responses (URLs unique to the file), then ``damage``d."""

    def write(path: Path) -> None:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        offsets = []
        for n in range(pages):
            offsets.append(buffer.tell())
            writer.write_record(response(writer, f"https://warc.example/{path.stem}/{n}", article_page(n)))
        path.write_bytes(damage(buffer.getvalue(), offsets))

    return write


def _corrupt_second_record(data: bytes, offsets: list[int]) -> bytes:
    broken = bytearray(data)
    for i in range(offsets[1] + 30, offsets[1] + 80):
        broken[i] ^= 0xFF
    return bytes(broken)


def _jsonl_with_a_bad_line(path: Path) -> None:
    good = [{"id": f"jsonl-{n}", "url": f"https://lines.example/{n}", "text": PARAGRAPHS[n]} for n in (0, 1)]
    path.write_text(json.dumps(good[0]) + "\n{\"id\": \"broken\", \"text\": \"cut off\n" + json.dumps(good[1]) + "\n",
                    encoding="utf-8")  # fmt: skip


def _gzip_bomb(path: Path) -> None:
    with gzip.open(path, "wb", compresslevel=9) as out:
        chunk = b" " * 1_000_000
        for _ in range(25):  # 25 MB inflated, over the 20 MB cap; about 25 kB on disk
            out.write(chunk)


BOILERPLATE = ("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World news</a>"
               "</nav><footer><p>Subscribe to our newsletter</p><p>© 2026 Harbour Times. All rights reserved.</p>"
               "<p>Privacy policy | Terms of use | Cookie settings</p></footer></body></html>")  # fmt: skip
ZW = "\u200b"
RLO = "\u202e"

CASES: tuple[Case, ...] = (
    Case("empty.html", _bytes(b""), Expected(failures=(("", "extract", "the page is empty"),))),
    Case(
        "image.html",
        _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20),
        Expected(failures=(("", "read", "a PNG image, not an HTML page"),)),
    ),
    Case(
        "document.html",
        _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(range(256)) * 20),
        Expected(failures=(("", "read", "a PDF document, not an HTML page"),)),
    ),
    Case(
        "program.html",
        _bytes(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + bytes(range(256)) * 20),
        Expected(failures=(("", "read", "an ELF executable, not an HTML page"),)),
    ),
    Case(
        "truncated.html.gz",
        _bytes(gzip.compress(news_page("Cut short").encode(), mtime=0)[:60]),
        Expected(failures=(("", "read", "not a valid gzip file"),)),
    ),
    Case(
        "gzip-bomb.html.gz",
        _gzip_bomb,
        Expected(failures=(("", "read", "decompressed input is over the limit of 20,000,000 bytes"),)),
    ),
    Case(
        "truncated.warc.gz",
        _warc(3, lambda d, o: d[: o[2] + 100]),
        Expected(failures=(("", "read", "damaged WARC at byte offset"),), stored=2),
    ),
    Case(
        "corrupt-record.warc.gz",
        _warc(3, _corrupt_second_record),
        Expected(failures=(("", "read", "damaged WARC at byte offset"),), stored=2),
        note="the damaged record fails alone: reading resumes at the next gzip member",
    ),
    Case("deep.html", _deep(100_000), Expected(failures=(("", "extract", "max_dom_depth"),))),
    Case(
        "huge.html",
        _sparse(200_000_000),
        Expected(failures=(("", "read", "over the limit of 20,000,000 (max_page_bytes)"),)),
    ),
    Case("one-line.html", _one_line(19_000_000), Expected(failures=(("", "extract", "characters of text"),))),
    Case(
        "lying-charset.html",
        _text(
            news_page(
                "Café owners protest", (PARAGRAPHS[0] + " Café owners in Kisumu joined the protest.", *PARAGRAPHS[1:])
            ),
            "cp1252",
        ),
        Expected(stored=1, text_check=lambda t: "Café owners in Kisumu" in t),
        note="declares utf-8, is windows-1252",
    ),
    Case(
        "invalid-utf8.html",
        _bytes(news_page("Port delays — update").encode("utf-8").replace(b"Friday", b"Fri\xffday")),
        Expected(stored=1, text_check=lambda t: "forty ships" in t and "\ufffd" not in t),
    ),
    Case(
        "nul-bytes.html",
        _text(news_page("Port delays, NUL edition").replace("forty ships", "forty\x00 ships")),
        Expected(stored=1, text_check=lambda t: "\x00" not in t and "forty ships" in t),
    ),
    Case(
        "bidi-override.html",
        _text(news_page("Port delays, bidi edition").replace("Mombasa", f"{RLO}asabmoM")),
        Expected(stored=1, text_check=lambda t: RLO not in t),
    ),
    Case(
        "zero-width.html",
        _text(news_page("Port delays, zero-width").replace("Nairobi", f"Nai{ZW}robi")),
        Expected(stored=1, text_check=lambda t: ZW not in t and "Nairobi" in t),
    ),
    Case(
        "malformed-line.jsonl", _jsonl_with_a_bad_line, Expected(failures=((":2", "read", "not valid JSON"),), stored=2)
    ),
    Case(
        "not-xml.rss",
        _text("this is a feed, honest: <rss> <channel> <item> no closing"),
        Expected(failures=(("", "read", "not a readable XML feed"),)),
    ),
    Case("billion-laughs.rss", _text(BILLION_LAUGHS), Expected(failures=(("", "read", "declares XML entities"),))),
    Case("boilerplate.html", _text(BOILERPLATE), Expected(failures=(("", "extract", "no article text found"),))),
)


def external_entity_case(secret: Path) -> Case:
    """An RSS feed whose entity would read ``secret``: refused, and the secret never appears anywhere."""
    return Case("external-entity.rss", _text(external_entity(secret)),
                Expected(failures=(("", "read", "declares XML entities"),)))  # fmt: skip

"""Decoding page bytes: BOMs, declared charsets, pages that lie about theirs."""

from __future__ import annotations

import codecs

import pytest

from newsevents.extract import extract_html
from newsevents.extract.encoding import declared_charset, decode_html, normalize_charset

from .pages import article_html

TEXT = "Café owners in Zürich said “prices rose” – again – by 5 € this year."


def _page(charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>t</title></head><body><p>{TEXT}</p></body></html>"


@pytest.mark.parametrize(
    ("raw", "http_charset", "expected_codec"),
    [
        (_page("utf-8").encode("utf-8"), None, "utf-8"),
        (_page("windows-1252").encode("cp1252"), None, "cp1252"),
        (_page("iso-8859-1").encode("cp1252"), None, "cp1252"),  # latin-1 read as its superset
        (_page("utf-8").encode("cp1252"), None, "cp1252"),  # declares utf-8, is cp1252
        (_page(None).encode("cp1252"), None, "cp1252"),  # no declaration at all
        (_page("windows-1252").encode("utf-8"), None, "utf-8"),  # declares cp1252, is utf-8
        (codecs.BOM_UTF8 + _page(None).encode("utf-8"), None, "utf-8"),
        (codecs.BOM_UTF16_LE + _page(None).encode("utf-16-le"), None, "utf-16-le"),
        (_page(None).encode("cp1252"), "text/html; charset=windows-1252", "cp1252"),
    ],
    ids=["utf8", "cp1252", "latin1-label", "utf8-lie", "undeclared-cp1252", "cp1252-lie", "bom8", "bom16", "http"],
)
def test_decode_reads_the_text_right(raw: bytes, http_charset: str | None, expected_codec: str) -> None:
    text, codec = decode_html(raw, http_charset=http_charset)
    assert TEXT in text
    assert codec == expected_codec


def test_utf8_page_with_stray_cp1252_bytes_keeps_both() -> None:
    raw = "<p>Zürich – ".encode() + "“quoted”".encode("cp1252") + b"</p>"
    text, codec = decode_html(raw)
    assert text == "<p>Zürich – “quoted”</p>"
    assert codec == "utf-8+cp1252"


def test_shift_jis_declared() -> None:
    body = "東京で大雨、川の水位が上昇した。気象庁は警戒を呼びかけている。"
    raw = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head>'
        f"<body><p>{body}</p></body></html>".encode("shift_jis")
    )
    text, codec = decode_html(raw)
    assert body in text
    assert codec == "cp932"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("UTF-8", "utf-8"),
        ("latin1", "cp1252"),
        ("Shift_JIS", "cp932"),
        ("text/html; charset=gbk", "gb18030"),
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_normalize_charset(label: str | None, expected: str | None) -> None:
    assert normalize_charset(label) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b'<meta http-equiv="content-type" content="text/html; charset=ISO-8859-2">', "iso8859_2"),
        (b'<?xml version="1.0" encoding="utf-8"?><html>', "utf-8"),
        (b"<html><head></head>", None),
    ],
)
def test_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(head) == expected


@pytest.mark.parametrize(
    ("charset", "codec"),
    [("windows-1252", "cp1252"), ("utf-8", "cp1252"), ("utf-8", "utf-8")],
    ids=["cp1252", "utf8-declared-cp1252-bytes", "utf8"],
)
def test_extract_html_reads_encoded_pages(charset: str, codec: str) -> None:
    html = article_html().replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
    html = html.replace("Marta Olsen", "Márta Ölsen")
    article = extract_html(html.encode(codec))
    assert "Márta Ölsen" in article.text
    assert "“We would rather warn people early" in article.text

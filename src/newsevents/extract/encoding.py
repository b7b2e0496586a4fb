"""Decode raw page bytes to text: BOM, declared charset (HTTP or in-page), then detection.

Pages lie about their charset. The rules, in order:

1. A byte-order mark wins.
2. Bytes that are valid UTF-8 and contain multi-byte sequences are UTF-8, whatever the page declares
   (genuine single-byte text is practically never valid UTF-8 by accident).
3. The declared charset (HTTP header first, then ``<meta>`` / XML declaration), decoded strictly.
4. If that fails: UTF-8 with stray single bytes read as windows-1252 (a UTF-8 page with pasted
   cp1252 quotes), windows-1252 alone, then charset detection.
5. Last resort: UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import re

# Browsers read these labels as their supersets (WHATWG Encoding Standard); so do we.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.+-]+)""", re.IGNORECASE)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_SNIFF_BYTES = 4096


def normalize_charset(label: str | None) -> str | None:
    """Python codec name for a charset label (browser supersets applied); None when unknown."""
    if not label:
        return None
    match = _HTTP_CHARSET.search(label)  # accept a whole Content-Type header too
    label = (match.group(1) if match else label).strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    name = _SUPERSETS.get(name, name)
    return "utf-8" if name in {"utf_8", "utf_8_sig"} else name


def declared_charset(raw: bytes) -> str | None:
    """The charset the page declares in its first bytes (``<meta charset>``, http-equiv, XML)."""
    head = raw[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return normalize_charset(match.group(1).decode("ascii", "ignore")) if match else None


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the offending byte as windows-1252 (latin-1 if undefined there)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start : error.start + 1]
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:
        char = byte.decode("latin-1")
    return char, error.start + 1


codecs.register_error("newsevents-cp1252", _cp1252_fallback)


def _try(raw: bytes, codec: str, errors: str = "strict") -> str | None:
    try:
        return raw.decode(codec, errors)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(raw: bytes) -> str | None:
    """Charset detection (charset-normalizer, installed with trafilatura); None when unsure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a trafilatura dependency
        return None
    best = from_bytes(raw[:65536]).best()
    return normalize_charset(best.encoding) if best is not None else None


def decode_html(raw: bytes, *, http_charset: str | None = None) -> tuple[str, str]:
    """(text, codec used) for the page bytes ``raw``; ``http_charset`` is the Content-Type charset."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = _try(raw[len(bom) :], codec)
            if text is not None:
                return text, codec
    declared = normalize_charset(http_charset) or declared_charset(raw)
    multibyte_utf8 = _UTF8_MULTIBYTE.search(raw) is not None
    if declared is None or declared == "utf-8" or multibyte_utf8:
        text = _try(raw, "utf-8")
        if text is not None and (multibyte_utf8 or declared in {None, "utf-8"}):
            return text, "utf-8"
    if declared and declared != "utf-8":
        text = _try(raw, declared)
        if text is not None:
            return text, declared
    if multibyte_utf8:
        # Mostly UTF-8 with a few stray single-byte characters pasted in.
        return raw.decode("utf-8", "newsevents-cp1252"), "utf-8+cp1252"
    text = _try(raw, "cp1252")
    if text is not None:
        return text, "cp1252"
    detected = _detect(raw)
    if detected:
        text = _try(raw, detected)
        if text is not None:
            return text, detected
    return raw.decode("utf-8", "replace"), "utf-8(replace)"

"""What WARC and ARC records share once parsed: the HTTP status, the media type and the page itself.

Both readers hand a warcio record here after checking its own framing, so one test decides what
counts as an HTML page and one parser reads the charset for both archive formats.
"""

from __future__ import annotations

from warcio.recordloader import ArcWarcRecord

from newsevents.ingest.raw import RawInput, Skipped


def http_content_type(record: ArcWarcRecord, skipped: Skipped) -> str | None:
    """The Content-Type of a response's HTTP part ("" when it has none), or None for a non-2xx
    response, which is tallied as skipped (an error page or a redirect is not an article)."""
    http = record.http_headers
    if http is None:
        return ""
    status = http.get_statuscode() or ""
    if not status.startswith("2"):
        skipped.add(f"HTTP {status[:1] or '?'}xx response")
        return None
    return http.get_header("Content-Type") or ""


def html_page(
    source: str, record: ArcWarcRecord, payload: bytes, content_type: str, skipped: Skipped, what: str
) -> RawInput | None:
    """The page as a RawInput when it is HTML (by its media type, or by its first bytes when it has
    none); otherwise None, tallied as skipped under ``what`` (e.g. "ARC response")."""
    media_type = content_type.split(";")[0].strip().lower()
    if "html" not in media_type and not (not media_type and looks_like_html(payload)):
        skipped.add(f"non-HTML {what} ({media_type or 'no content type'})")
        return None
    return RawInput(
        source,
        "html",
        payload,
        url=(record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None,
        captured=record.rec_headers.get_header("WARC-Date"),
        charset=content_type_charset(content_type),
    )


def looks_like_html(payload: bytes) -> bool:
    """Whether a payload with no media type opens like an HTML document."""
    head = payload[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def content_type_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header value, unquoted, or None."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None

"""WARC files our tests write themselves with warcio, record by record."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CAPTURED = "2026-10-14T08:30:00Z"


def article_page(n: int) -> bytes:
    """A small news page whose body differs with ``n`` (so gzip cannot squeeze it to nothing)."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of story {n}: the harbour authority said on Tuesday that {n * 7 + i} ships "
        f"were waiting outside the port, and officials expected the queue to clear by Friday.</p>"
        for i in range(6)
    )
    return (
        f"<!DOCTYPE html><html><head><title>Port story {n}</title></head>"
        f"<body><article><h1>Port story {n}</h1>{paragraphs}</article></body></html>"
    ).encode()


def response(
    writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )


def request(writer: WARCWriter, url: str):
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
    return writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=headers)


def revisit(writer: WARCWriter, url: str):
    return writer.create_revisit_record(
        url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=url, refers_to_date=CAPTURED
    )


def write_warc(path: Path, records: list[str], *, gzip: bool = True) -> list[int]:
    """Write records named in ``records`` ("html", "request", "pdf", "revisit", "metadata", "404");
    returns each record's byte offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    offsets = []
    for n, name in enumerate(records):
        url = f"https://news.example/story-{n}"
        if name == "html":
            record = response(writer, url, article_page(n))
        elif name == "pdf":
            record = response(writer, url + ".pdf", b"%PDF-1.4 " + bytes(range(256)) * 4, "application/pdf")
        elif name == "404":
            record = response(writer, url, b"<html><body>Not found</body></html>", status="404 Not Found")
        elif name == "request":
            record = request(writer, url)
        elif name == "revisit":
            record = revisit(writer, url)
        elif name == "metadata":
            record = writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(b"via: x\n"), length=7, warc_content_type="application/warc-fields"
            )
        else:
            raise ValueError(name)
        offsets.append(buffer.tell())
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())
    return offsets

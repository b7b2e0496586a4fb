"""Ingest: turn paths, directories and standard input into raw inputs for extraction.

Formats, by name (and by content for standard input and unknown names):
    .html .htm .xhtml          an HTML page
    .html.gz .htm.gz (.gz)     a gzipped page (HTML, or text when the inner name ends in .txt)
    .txt                       a page scraped as plain text: title line, body, site clutter
    .jsonl .ndjson             JSON Lines records {id?, url?, title?, html|text, published?, site?, language?}
    .warc .warc.gz             a web archive: every HTML response record is a page (``warc.py``)
    .arc .arc.gz               the older web archive format, read the same way (``arc.py``); what both
                               archive readers share is in ``archived.py``
    .rss .atom .xml (a feed)   a feed: every item carried in full is an article (``feeds.py``)
    directory                  every file above inside it, recursively, in sorted order

An input that cannot be read becomes a ``Failure`` naming it and the cause; reading goes on. Records
that are not articles (WARC requests, revisits, feed links to fetch) are tallied in ``Skipped``.
"""

from newsevents.ingest.files import DEFAULT_MAX_BYTES, iter_inputs
from newsevents.ingest.raw import KINDS, RawInput, Skipped

__all__ = ["DEFAULT_MAX_BYTES", "KINDS", "RawInput", "Skipped", "iter_inputs"]

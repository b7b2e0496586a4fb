"""Extraction stage: from a raw page (HTML or scraped text) to an Article.

* :func:`extract_html` - an HTML page (bytes in any charset, or text);
* :func:`extract_text_page` - a page scraped as plain text (title on the first line);
* :class:`ExtractionError` - raised when a page holds no article text, with the reason.

Both record the furniture they drop in ``Article.removed`` as ``{"kind": ..., "text": ...}``.
"""

from __future__ import annotations

from newsevents.extract.errors import ExtractionError
from newsevents.extract.html import extract_html
from newsevents.extract.textpage import extract_text_page

__all__ = ["ExtractionError", "extract_html", "extract_text_page"]

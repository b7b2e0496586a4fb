"""The write endpoint: ``POST /api/v1/articles`` analyses one article and stores it.

Protected by a bearer token: the ``api_token`` setting, else ``$NEWSEVENTS_API_TOKEN``. With no token
configured, writing is disabled and the endpoint answers 403 saying how to enable it. The article
goes through the library (``newsevents.library.ingest_inputs``) like any ingested page, so a failure
is recorded in the store's failures table as well as returned.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsevents.api.access import StoreAccess
from newsevents.errors import Failure
from newsevents.model import Analysis
from newsevents.store import Store

TOKEN_ENV = "NEWSEVENTS_API_TOKEN"
SOURCE = "POST /api/v1/articles"


def configured_token() -> str | None:
    """The API token from the settings (``api_token``) or the environment; None when writing is off."""
    try:
        from newsevents.config import load_settings

        token = getattr(load_settings(), "api_token", None)
    except Exception:  # a broken settings file must not stop the read API; the CLI reports it
        token = None
    return token or os.environ.get(TOKEN_ENV) or None


class ArticleIn(BaseModel):
    """One article to analyse: its page (``html``) or its body text (``text``), with what is known."""

    model_config = ConfigDict(extra="forbid")

    html: str | None = Field(None, description="the article's page as HTML")
    text: str | None = Field(None, description="the article's body text as plain text")
    url: str | None = Field(
        None, max_length=4000, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://", description="where the article was published"
    )  # http(s) only: the UI links to it, and a javascript: URL must never become a link
    published: str | None = Field(
        None, max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}([T ].*)?$", description="publication date, ISO 8601"
    )
    title: str | None = Field(None, max_length=2000)

    @model_validator(mode="after")
    def one_content(self) -> ArticleIn:
        if (self.html is None) == (self.text is None):
            raise ValueError("give exactly one of `html` (a page) or `text` (the body text)")
        if not (self.html or self.text or "").strip():
            raise ValueError("the article is empty: `html` or `text` must hold the article")
        return self


class _RecordingStore(Store):
    """A store that notes the article ids the library looks up, to answer with the article's id."""

    def __init__(self, path: str, *, read_only: bool = False, lock_wait: float = 10.0) -> None:
        super().__init__(path, read_only=read_only, lock_wait=lock_wait)
        self.looked_up: list[str] = []
        self.added: list[Analysis] = []

    def has_article(self, article_id: str) -> bool:
        self.looked_up.append(article_id)
        return super().has_article(article_id)

    def stored_articles(self, article_ids: list[str]) -> set[str]:
        self.looked_up.extend(article_ids)  # how ingest asks for a batch of extracted articles
        return super().stored_articles(article_ids)

    def add_many(self, analyses: list[Analysis]) -> list[Analysis]:
        new = super().add_many(analyses)  # what ``add`` and the ingest's batches both go through
        self.added.extend(new)
        return new


def write_router(access: StoreAccess, token: str | None, max_bytes: int) -> APIRouter:
    """The write endpoint, enabled only when ``token`` is set."""
    router = APIRouter(prefix="/api/v1")

    @router.post(
        "/articles",
        status_code=201,
        summary="Analyse and store one article (needs `Authorization: Bearer TOKEN`)",
        responses={200: {"description": "already stored"}, 401: {}, 403: {}, 413: {}, 422: {}, 503: {}},
    )
    def post_article(article: ArticleIn, authorization: Annotated[str | None, Header(max_length=4000)] = None) -> Any:
        if not token:
            raise HTTPException(
                403, f"writing is disabled: set ${TOKEN_ENV} (or the api_token setting) and restart the server"
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(
                401,
                "missing or wrong token: send the header `Authorization: Bearer TOKEN`",
                headers={"WWW-Authenticate": "Bearer"},
            )
        content = article.html if article.html is not None else article.text
        assert content is not None
        if len(content.encode("utf-8", "surrogatepass")) > max_bytes:
            raise HTTPException(413, f"the article is larger than max_page_bytes ({max_bytes} bytes)")
        return _ingest_one(access, article, content)

    return router


def _ingest_one(access: StoreAccess, article: ArticleIn, content: str) -> JSONResponse:
    """Analyse and store one article through the library; the answer names it and its events."""
    from newsevents.ingest import RawInput
    from newsevents.library import ingest_inputs

    raw = RawInput(
        SOURCE,
        "html" if article.html is not None else "text",
        content,
        url=article.url,
        title=article.title,
        published=article.published,
    )
    failures: list[Failure] = []
    with access.write(_RecordingStore) as store:
        counts = ingest_inputs([raw], store, on_failure=failures.append)
    if failures or counts.failed:
        reason = str(failures[0]) if failures else "the article could not be analysed"
        raise HTTPException(422, f"the article could not be analysed: {reason}")
    article_id = store.added[0].article.id if store.added else (store.looked_up[0] if store.looked_up else None)
    body = {
        "id": article_id,
        "created": bool(store.added),
        "events": len(store.added[0].events) if store.added else None,
        "url": f"/api/v1/articles/{article_id}",
    }
    return JSONResponse(body, status_code=201 if store.added else 200)

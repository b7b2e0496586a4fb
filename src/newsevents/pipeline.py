"""The whole pipeline in one place: which stages run, in what order, what each reads and writes.

    raw input --extract--> Article --language (spaCy, nlp.pipe)--> Doc
        --entities--> --actors--> --places--> --times--> --quantities--> --quotes--> --events--> Analysis

Each stage is a function ``stage(analysis, doc) -> None`` that appends to the ``Analysis``. A stage
that fails for one article fails that article only: the caller gets a ``Failure`` naming the input,
the stage and the reason, and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsevents import __version__
from newsevents.actors import resolve_actors
from newsevents.config import Settings
from newsevents.entities import find_entities
from newsevents.errors import Failure
from newsevents.events import code_events
from newsevents.extract import extract_html, extract_text_page
from newsevents.extract.limits import check_article_length, remove_unwanted_characters
from newsevents.ingest import RawInput
from newsevents.language import guess_language, load_nlp, model_version, parse
from newsevents.model import Analysis, Article, stable_id
from newsevents.places import geocode_places
from newsevents.quantities import find_quantities
from newsevents.quotes import attribute_quotes
from newsevents.times import resolve_times

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Stage:
    """A named analysis stage and the parts of the Analysis it reads and writes."""

    name: str
    run: Callable[[Analysis, Doc], None]
    reads: tuple[str, ...]
    writes: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("entities", find_entities, reads=("doc",), writes=("entities",)),
    Stage("actors", resolve_actors, reads=("doc", "entities"), writes=("actors", "entities.actor")),
    Stage("places", geocode_places, reads=("doc", "entities", "actors"), writes=("places", "entities.place")),
    Stage("times", resolve_times, reads=("doc", "article.published"), writes=("times",)),
    Stage("quantities", find_quantities, reads=("doc", "times"), writes=("quantities",)),
    Stage("quotes", attribute_quotes, reads=("doc", "entities", "actors"), writes=("quotes",)),
    Stage(
        "events",
        code_events,
        reads=("doc", "entities", "actors", "places", "times", "quotes"),
        # a place standing in as recipient gets its country's actor (added, and linked from the entity)
        writes=("events", "actors", "entities.actor"),
    ),
)


def article_id(url: str | None, text: str) -> str:
    """Stable id: from the URL when there is one, else from the text itself."""
    return stable_id("url", url.strip()) if url else stable_id("text", text)


def extract_article(raw: RawInput, settings: Settings | None = None) -> Article:
    """Stage 1: turn one raw input into an Article (no language model needed)."""
    settings = settings or Settings()
    if raw.kind == "html":
        article = extract_html(
            raw.content, url=raw.url, source=raw.source, http_charset=raw.charset,
            max_dom_depth=settings.max_dom_depth, max_article_chars=settings.max_article_chars,
        )
    elif raw.kind == "text_page":
        article = extract_text_page(
            _as_text(raw.content), url=raw.url, source=raw.source, max_article_chars=settings.max_article_chars
        )
    elif raw.kind == "text":
        body = remove_unwanted_characters(_as_text(raw.content)).strip()
        check_article_length(body, settings.max_article_chars)
        article = Article(id="", text=body, url=raw.url, source=raw.source)
    else:  # pragma: no cover - RawInput.kind is checked when inputs are read
        raise ValueError(f"unknown input kind {raw.kind!r}")
    if not article.text.strip():
        raise ValueError("no article text found")
    # What the input record says explicitly wins over what was read off the page.
    article.id = raw.id or article.id or article_id(raw.url or article.url, article.text)
    article.url = raw.url or article.url
    article.title = raw.title or article.title
    article.site = raw.site or article.site
    # The capture date (WARC-Date, fetch time) only stands in when the page gives no date of its own.
    article.published = raw.published or article.published or raw.captured
    article.language = raw.language or article.language or guess_language(article.text)
    article.source = raw.source
    return article


def _as_text(content: bytes | str) -> str:
    return content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content


# A short page of our own, read once by ``Pipeline.warm_up``: it touches every stage, so that each loads
# what it loads on first use (gazetteer, knowledge base, date parser, language identifier...).
_WARM_UP_PAGE = """<html><head><title>Ministers meet over border crossing</title></head><body><article>
<h1>Ministers meet over border crossing</h1>
<p>The foreign minister of Kenya met his Ugandan counterpart in Nairobi on Tuesday to discuss the closed
border crossing at Busia, officials said. About 2,000 traders have been stranded there since March 3.</p>
<p>"We agreed to reopen the crossing within two weeks," the Kenyan minister told reporters after the talks,
adding that police would patrol the area. Uganda's government did not comment on the plan.</p>
</article></body></html>"""


class Pipeline:
    """Extraction plus the language-model stages; the spaCy model loads on first use."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[Stage] = STAGES) -> None:
        self.settings = settings or Settings()
        self.stages = tuple(stages)
        self._nlp: Any = None
        # Entered while the model parses a batch: ``ingest`` releases the store there (``Store.released``).
        self.idle: Callable[[], AbstractContextManager[None]] = nullcontext

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.model)
        return self._nlp

    def warm_up(self) -> None:
        """Load the model and everything the stages load on first use, by reading a short page of our own
        (the result is dropped). Measured: the first article of a fresh process took 2.4 s, the next 12 ms;
        a worker process does this when it starts, before its first batch, as it loads the model."""
        raw = RawInput("<warm-up>", "html", _WARM_UP_PAGE, id="warm-up", url="https://example.org/warm-up",
                       published="2026-01-06")  # fmt: skip
        for _ in self.analyze([raw]):
            pass

    def versions(self) -> dict[str, str]:
        return {"newsevents": __version__, "model": model_version(self.nlp)}

    def extract(self, inputs: Iterable[RawInput | Failure]) -> Iterator[Article | Failure]:
        """Extract every input, in order; a bad input becomes a Failure, the rest go on."""
        for raw in inputs:
            if isinstance(raw, Failure):
                yield raw
                continue
            started = time.monotonic()
            try:
                article = extract_article(raw, self.settings)
            except Exception as exc:  # one bad page must not stop the batch
                yield Failure(raw.source, "extract", _reason(exc))
                continue
            yield self.overtime(article, "extract", started) or article

    def analyze(self, items: Iterable[RawInput | Article | Failure]) -> Iterator[Analysis | Failure]:
        """Extract (where needed) and analyse every item, in input order, in spaCy batches."""
        articles = (
            item if isinstance(item, Article | Failure) else next(iter(self.extract([item])))
            for item in items
        )
        for batch in self.batches(articles):
            yield from self._analyze_batch(batch)

    def batches(self, items: Iterable[Article | Failure]) -> Iterator[list[Article | Failure]]:
        """Consecutive batches of at most ``batch_size`` items whose articles hold at most ``batch_chars``
        characters together (a single longer article makes a batch of its own). The parser's memory
        grows with the characters it reads at once: measured here on the benchmark pages, batches of 32
        articles peaked at 833 MB and a 30,000-character budget at 398 MB, at the same speed."""
        batch: list[Article | Failure] = []
        chars = 0
        for item in items:
            size = len(item.text) if isinstance(item, Article) else 0
            if batch and (len(batch) >= self.settings.batch_size or chars + size > self.settings.batch_chars):
                yield batch
                batch, chars = [], 0
            batch.append(item)
            chars += size
        if batch:
            yield batch

    def _analyze_batch(self, batch: list[Article | Failure]) -> Iterator[Analysis | Failure]:
        batch = [self.refuse(item) or item if isinstance(item, Article) else item for item in batch]
        todo = [item for item in batch if isinstance(item, Article)]
        with self.idle():
            docs = iter(self._parse_all(todo))
        versions = self.versions()
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            doc = next(docs)
            yield doc if isinstance(doc, Failure) else self.analyze_doc(item, doc, versions)

    def _parse_all(self, articles: list[Article]) -> list[Doc | Failure]:
        """Parse a batch with nlp.pipe; if the model fails on it, parse one by one so only the
        article it fails on is lost (as a Failure at stage 'language')."""
        try:
            return list(parse(self.nlp, (a.text for a in articles), batch_size=self.settings.batch_size))
        except Exception:
            parsed: list[Doc | Failure] = []
            for article in articles:
                try:
                    parsed.append(self.nlp(article.text))
                except Exception as exc:
                    parsed.append(Failure(article.source or article.id, "language", _reason(exc),
                                          article_id=article.id))
            return parsed

    def refuse(self, article: Article) -> Failure | None:
        """A failure for an article the model must not read (language, length), else None."""
        return self.unsupported_language(article) or self.too_long(article)

    def too_long(self, article: Article) -> Failure | None:
        """Articles that skip extraction (loaded, reanalysed) still get the length cap."""
        if len(article.text) > self.settings.max_article_chars:
            reason = (f"the article text is {len(article.text):,} characters, over the limit of "
                      f"{self.settings.max_article_chars:,} (max_article_chars)")
            return Failure(article.source or article.id, "language", reason, article_id=article.id)
        return None

    def unsupported_language(self, article: Article) -> Failure | None:
        """A failure for an article detected as a language the model cannot read, else None."""
        if article.language and article.language not in self.settings.languages:
            reason = (f"language {article.language!r} is not analysed (setting languages = "
                      f"{list(self.settings.languages)})")
            return Failure(article.source or article.id, "language", reason, article_id=article.id)
        return None

    def analyze_doc(self, article: Article, doc: Doc, versions: dict[str, str]) -> Analysis | Failure:
        """Run every stage over one parsed article."""
        analysis = Analysis(article=article, pipeline=dict(versions))
        started = time.monotonic()
        for stage in self.stages:
            try:
                stage.run(analysis, doc)
            except Exception as exc:
                return Failure(article.source or article.id, stage.name, _reason(exc), article_id=article.id)
            if late := self.overtime(article, stage.name, started):
                return late
        return analysis

    def overtime(self, article: Article, stage: str, started: float) -> Failure | None:
        """A Failure at ``stage`` when the article has taken longer than ``article_timeout_seconds``
        since ``started`` (its extraction, or its stages after the model), else None.

        Checked when a stage ends: a stage is never cut short, the stages after it do not run. The
        shared model pass (``nlp.pipe`` over a batch) is not counted; ``max_article_chars`` bounds it.
        """
        limit = self.settings.article_timeout_seconds
        elapsed = time.monotonic() - started
        if not limit or elapsed <= limit:
            return None
        reason = (f"analysis exceeded {limit:g} s (article_timeout_seconds): {elapsed:.1f} s by the end of stage "
                  f"{stage!r}, so the stages after it did not run")
        return Failure(article.source or article.id, stage, reason, article_id=article.id)


def _reason(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__

"""The memoised attribute ruler and lemmatizer give exactly what the stock spaCy components give."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.fast_attributes import MemoisedAttributeRuler, MemoisedLemmatizer
from newsevents.language import DEFAULT_MODEL, SENTENCE_HINTS, load_nlp

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "article-extraction-benchmark"

TEXTS = [
    "The central bank raised interest rates by 0.25 percentage points on Tuesday, its third rise this year.",
    "\"We ain't gonna let 'em win,\" said Mayor Jane O'Neill, 54, outside City Hall in New York.",
    "I can't say, and I won't. She'd have gone if they'd asked; we'd've stayed. You're right, it's late.",
    "Y'all gotta see this! C'mon, let's go. Let's not pretend nothin' happened to ol' Sam, doin' fine.",
    "There is a problem. There are two. There was one, and there were many; there's more, there're few.",
    "Somethin' 'bout it: 'nuff said. He's been being careful. She gets it; he got it. Does he? He did.",
    "It was raining.\n\nOfficials said 1,200 people   were evacuated from the coast.\n  Rescue teams arrived at 3 a.m.",
    "PRESIDENT BIDEN MET WITH LEADERS IN BRUSSELS. The E.U. and NATO issued a joint statement.",
    "Whether or not the talks succeed, though, depends on Russia; if so, Ukraine and Poland will respond.",
    "She told him that she'd give it to me, but he said nobody, not even anyone here, would have it.",
    "Shares of Apple Inc. fell 3% to $182.50 in New York, while the S&P 500 rose 0.4% and oil hit $90.",
    "'Do it yourself,' they told themselves. Have you? I have done it, and I do. We had had enough.",
    "“This is what we’ve waited for,” Ms. García said. “It isn’t over; we’re just starting,” she added.",
    "Can't, won't, shan't, ain't, didn't, isn't, aren't, wasn't, weren't, hasn't, haven't, hadn't.",
    "  \n\t ",
    "",
    "Gon na? Got ta. Y' all. c'm on. AIN'T NOTHIN' BUT A HEARTACHE. Its own, his, hers, ours, theirs.",
    "On 12 March 2024, at 14:30 GMT, about 40 km north of Kyiv, two drones were shot down, the army said.",
]


@pytest.fixture(scope="module")
def stock():
    """The stock en_core_web_sm pipeline with our sentence hints, nothing swapped: what ours must equal."""
    import spacy

    load_nlp()  # registers the sentence hints component
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe(SENTENCE_HINTS, before="parser")
    return nlp


@pytest.fixture(scope="module")
def ours():
    return load_nlp()


def token_rows(doc) -> list[tuple]:
    """Everything the compared components write, plus what the later components derive from it."""
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
        for t in doc
    ]


def assert_same(stock, ours, texts: list[str]) -> int:
    """Assert both pipelines annotate every token of ``texts`` alike; returns the tokens compared."""
    batch_size = Settings().batch_size
    compared = 0
    pairs = zip(stock.pipe(texts, batch_size=batch_size), ours.pipe(texts, batch_size=batch_size), strict=True)
    for text, (a, b) in zip(texts, pairs, strict=True):
        rows_a, rows_b = token_rows(a), token_rows(b)
        assert len(rows_a) == len(rows_b)
        for row_a, row_b in zip(rows_a, rows_b, strict=True):
            assert row_a == row_b, f"in {text[:60]!r}"
        compared += len(rows_a)
    return compared


def test_components_are_swapped_under_stock_names(ours, stock) -> None:
    assert ours.pipe_names == stock.pipe_names
    assert isinstance(ours.get_pipe("attribute_ruler"), MemoisedAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), MemoisedLemmatizer)
    assert ours.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


def test_same_annotations_as_stock(stock, ours) -> None:
    # Twice: the first pass learns each token key, the second runs from the memo alone.
    assert assert_same(stock, ours, TEXTS + TEXTS) > 500


def test_single_docs_and_a_cleared_memo(stock, ours) -> None:
    ours.get_pipe("attribute_ruler")._forget()
    ours.get_pipe("lemmatizer")._lemmas.clear()
    for text in TEXTS:
        assert token_rows(ours(text)) == token_rows(stock(text))


def test_keeps_what_no_pattern_sets(stock, ours) -> None:
    # Attributes the patterns leave alone keep whatever the Doc had, as with the stock components
    # (built here in our pipeline's vocab, so both sides see the same Doc).
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler

    stock_ruler = AttributeRuler(ours.vocab)
    stock_ruler.add_patterns(stock.get_pipe("attribute_ruler").patterns)
    stock_lemmatizer = EnglishLemmatizer(ours.vocab, None, mode="rule")
    stock_lemmatizer.initialize(lookups=stock.get_pipe("lemmatizer").lookups)
    doc = ours.make_doc("Officials said the port reopened; we'd been told it wasn't gonna happen.")
    for name, component in ours.pipeline:
        if name == "attribute_ruler":
            break
        doc = component(doc)
    for token in doc:
        token.pos_, token.lemma_ = "X", "preset"
        token.set_morph("Foo=Bar")
    doc[0].tag_ = "NOT_A_TAG"  # no tag-map pattern: its POS and MORPH must stay
    doc[3].lemma = 0  # no lemma yet: the lemmatizer sets it
    for mine, theirs in (
        (ours.get_pipe("attribute_ruler"), stock_ruler),
        (ours.get_pipe("lemmatizer"), stock_lemmatizer),
    ):
        expected = token_rows(theirs(doc.copy()))
        assert token_rows(mine(doc.copy())) == expected
        doc = theirs(doc)
    assert doc[0].pos_ == "X" and doc[3].lemma_ == "port"


def test_serialises_like_the_stock_ruler(stock, ours) -> None:
    copy = MemoisedAttributeRuler(ours.vocab).from_bytes(ours.get_pipe("attribute_ruler").to_bytes())
    assert copy.patterns == stock.get_pipe("attribute_ruler").patterns
    assert ours.to_bytes()


@pytest.mark.slow
def test_same_annotations_on_benchmark_articles(stock, ours) -> None:
    if not (CORPUS / "html").is_dir():
        pytest.skip(f"benchmark corpus not found at {CORPUS}")
    from newsevents.ingest import iter_inputs
    from newsevents.model import Article
    from newsevents.pipeline import Pipeline

    extracted = Pipeline().extract(islice(iter_inputs([CORPUS / "html"]), 60))
    texts = [a.text for a in extracted if isinstance(a, Article)]
    assert len(texts) > 30
    assert assert_same(stock, ours, texts) > 20_000

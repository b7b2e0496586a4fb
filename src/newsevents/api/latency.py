"""``python -m newsevents.api.latency``: p50/p95 latency of every API endpoint and of the web page, on a
store of ~100,000 synthetic events, against the 300 ms target.

The store is built once and kept in a scratch folder (named by the number of events and the generator
version; ``--rebuild`` makes it anew). Synthetic analyses, no language model: happenings (a PLOVER event
between two of a few thousand actors, at one of a few hundred places, on a day of two years) reported by
one to four outlets in their own words, some syndicated as copies, each article with a dozen or so
events, quotes, times and numbers, all spans into its text. They are written through the store's own
insert path (``Store.ingest``), then grouped into stories by the stories backfill (the real duplicate
detection, story assignment and merged events). A real server (``newsevents serve``) then runs in its
own process on 127.0.0.1 and each endpoint is asked ``--repeat`` times, one request at a time, after
one warm-up request.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from newsevents.events.ontology import QUAD_CODES, SCALE
from newsevents.model import (
    PLOVER_EVENTS,
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Place,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeExpr,
    stable_id,
)

TARGET_MS = 300.0
GENERATOR_VERSION = 3  # 2: stored as the store now writes, documents rebuilt from the rows; 3: events without a key
START = date(2025, 1, 1)
DAYS = 730

# -- a synthetic world -----------------------------------------------------------------------------

VERBS = {
    "AGREE": ("agreed with", None), "CONSULT": ("met", "visit"), "SUPPORT": ("backed", "praise"),
    "CONCEDE": ("conceded to", "yield"), "COOPERATE": ("worked with", "share"), "AID": ("sent aid to", "humanitarian"),
    "RETREAT": ("withdrew from", "withdraw"), "REQUEST": ("asked", None), "ACCUSE": ("accused", "allege"),
    "REJECT": ("rejected", None), "THREATEN": ("threatened", None), "PROTEST": ("protested against", "demonstrate"),
    "SANCTION": ("sanctioned", "economic"), "MOBILIZE": ("mobilised against", "troops"),
    "COERCE": ("arrested", "arrest"), "ASSAULT": ("attacked", "firearms"),
}  # fmt: skip
CONTEXTS = ("military", "political", "economic", "humanitarian", "diplomatic", "legal")
SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "MED", "NGO", "IGO")
STATUSES = ("asserted",) * 8 + ("planned", "negated", "hypothetical")
TOPICS = ("ceasefire", "election", "drought", "border", "talks", "protesters", "refugees", "sanctions", "fuel",
          "harvest", "pipeline", "convoy", "militants", "parliament", "strike", "floods")  # fmt: skip
SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "so", "bu", "na", "del", "ve", "ar", "is", "om", "ud", "zi", "pe", "gor",
             "an", "tu", "lem", "sha", "ko", "ri", "ban", "ol", "ye", "dan", "mu", "fi", "sel")  # fmt: skip


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass
class World:
    """The pools articles draw from: countries, places, actors, outlets and filler words."""

    countries: list[tuple[str, str]]  # (ISO-3, name)
    places: list[tuple[str, str, float, float]]  # (name, ISO-3, lat, lon)
    actors: list[tuple[str, str, str, list[str]]]  # (name, kind, ISO-3, sectors)
    sites: list[str]
    words: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, rng: random.Random) -> World:
        import pycountry

        countries = sorted((c.alpha_3, c.name) for c in pycountry.countries)[::2]
        places = [(_name(rng, 3), rng.choice(countries)[0], round(rng.uniform(-50, 60), 3),
                   round(rng.uniform(-170, 170), 3)) for _ in range(600)]  # fmt: skip
        actors: list[tuple[str, str, str, list[str]]] = [(name, "country", code, ["GOV"]) for code, name in countries]
        for _ in range(2500):
            code = rng.choice(countries)[0]
            if rng.random() < 0.6:
                actors.append((f"{_name(rng, 2)} {_name(rng, 3)}", "person", code, [rng.choice(SECTORS)]))
            else:
                sector = rng.choice(SECTORS)
                actors.append((f"{_name(rng, 2)} {rng.choice(('Front', 'Ministry', 'Council', 'Union', 'Force'))}",
                               "organization", code, [sector]))  # fmt: skip
        sites = [f"{_name(rng, 2)} {rng.choice(('Times', 'Herald', 'Wire', 'Post', 'Monitor'))}" for _ in range(60)]
        words = [_name(rng, rng.randrange(1, 4)).lower() for _ in range(4000)] + list(TOPICS) * 20
        return cls(countries, places, actors, sites, words)


class _Text:
    """An article text built piece by piece, giving the offsets of what is added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Happening:
    event: str
    actor: int
    recipient: int
    place: int
    day: date
    number: int
    topic: str


def _article(
    world: World, rng: random.Random, n: int, site: str, day: date, core: _Happening, events: int
) -> Analysis:
    """One article: the happening first, then other events, quotes and filler sentences."""
    t = _Text()
    entities: list[Entity] = []
    actors: dict[int, Actor] = {}
    places: dict[int, Place] = {}
    times: list[TimeExpr] = []
    found: list[Event] = []
    quotes: list[Quote] = []
    quantities: list[Quantity] = []

    def actor_ref(index: int) -> str:
        name, kind, code, sectors = world.actors[index]
        start, end = t.add(name)
        eid = f"e{len(entities) + 1}"
        if index not in actors:
            actors[index] = Actor(f"a{len(actors) + 1}", name, kind, code, list(sectors))
        entities.append(Entity(eid, "GPE" if kind == "country" else "PERSON" if kind == "person" else "ORG",
                               start, end, name, actor=actors[index].id))  # fmt: skip
        actors[index].mentions.append(eid)
        return actors[index].id

    def place_ref(index: int) -> str:
        name, code, lat, lon = world.places[index]
        start, end = t.add(name)
        eid = f"e{len(entities) + 1}"
        if index not in places:
            places[index] = Place(f"p{len(places) + 1}", name, "city", code, lat=lat, lon=lon)
        entities.append(Entity(eid, "GPE", start, end, name, place=places[index].id))
        places[index].mentions.append(eid)
        return places[index].id

    def filler(words: int) -> None:
        t.add(" ".join(rng.choice(world.words) for _ in range(words)).capitalize() + ". ")

    def event_sentence(h: _Happening, count: bool) -> None:
        start = t.length
        who = actor_ref(h.actor)
        t.add(" ")
        verb, mode = VERBS[h.event]
        trigger = t.add(verb)
        t.add(" ")
        whom = actor_ref(h.recipient)
        t.add(" in ")
        where = place_ref(h.place)
        t.add(" on ")
        when = t.add(h.day.strftime("%B %d, %Y").replace(" 0", " "))
        times.append(TimeExpr(f"t{len(times) + 1}", *when, t.parts[-1], h.day.isoformat(), "day", "explicit"))
        if count:
            t.add(", with ")
            qs, qe = t.add(f"{h.number} {h.topic}")
            quantities.append(Quantity(f"n{len(quantities) + 1}", qs, qe, t.parts[-1], float(h.number), h.topic))
        end = t.add(".")[1]
        t.add(" ")
        text = t.text()
        sentence = Span(start, end, text[start:end])
        status = rng.choice(STATUSES)
        found.append(Event(
            f"v{len(found) + 1}", h.event, status, [who], [whom], sentence,
            Span(trigger[0], trigger[1], verb), round(rng.uniform(0.4, 0.95), 2), mode=mode,
            context=[rng.choice(CONTEXTS)], date=h.day.isoformat(), place=where, quad_code=QUAD_CODES[h.event],
            scale=SCALE.get(h.event), evidence=[sentence],
        ))  # fmt: skip

    filler(rng.randrange(6, 14))
    event_sentence(core, True)
    for _ in range(events - 1):
        if rng.random() < 0.8:
            filler(rng.randrange(12, 30))
        other = _Happening(rng.choice(PLOVER_EVENTS), rng.randrange(len(world.actors)),
                           rng.randrange(len(world.actors)), rng.randrange(len(world.places)),
                           day - timedelta(days=rng.randrange(0, 30)), 0, core.topic)  # fmt: skip
        event_sentence(other, False)
    for _ in range(rng.randrange(1, 4)):
        qs = t.length
        t.add("“" + " ".join(rng.choice(world.words) for _ in range(rng.randrange(6, 16))) + ",” said ")
        quote_end = qs + len(t.parts[-1]) - len(" said ")
        speaker = rng.choice([core.actor, core.recipient, rng.randrange(len(world.actors))])
        ss = t.length
        aid = actor_ref(speaker)
        quotes.append(Quote(f"q{len(quotes) + 1}", "direct", qs, quote_end, t.text()[qs:quote_end],
                            Speaker(world.actors[speaker][0], ss, t.length, aid, False), cue="said"))  # fmt: skip
        t.add(". ")
        filler(rng.randrange(10, 24))
    text = t.text()
    title = f"{world.actors[core.actor][0]} {VERBS[core.event][0]} {world.actors[core.recipient][0]} in " \
            f"{world.places[core.place][0]} as {core.topic} {rng.choice(('grow', 'ease', 'continue', 'mount'))}"
    url = f"https://{site.lower().replace(' ', '')}.example/{n}"
    article = Article(id=stable_id("latency", str(n)), text=text, title=title, site=site, url=url,
                      published=day.isoformat() + "T08:00:00Z", language="en", source="synthetic")  # fmt: skip
    return Analysis(article, entities, list(actors.values()), list(places.values()), times, quotes, quantities, found,
                    {"newsevents": "latency-bench", "model": "none"})  # fmt: skip


def synthetic_analyses(events: int, *, seed: int = 11) -> Iterator[Analysis]:
    """Analyses holding about ``events`` events in all: happenings reported by one to four outlets."""
    rng = random.Random(seed)
    world = World.make(rng)
    made = n = 0
    while made < events:
        core = _Happening(rng.choice(PLOVER_EVENTS), rng.randrange(len(world.actors)), rng.randrange(len(world.actors)),
                          rng.randrange(len(world.places)), START + timedelta(days=rng.randrange(DAYS)),
                          rng.randrange(2, 400), rng.choice(TOPICS))  # fmt: skip
        wire: Analysis | None = None
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            site = rng.choice(world.sites)
            day = core.day + timedelta(days=rng.randrange(0, 2))
            if wire is not None and rng.random() < 0.3:  # a syndicated copy: the wire's text, another intro
                copy = Article(id=stable_id("latency", str(n)), text="From our partners. " + wire.article.text,
                               title=wire.article.title, site=site, published=day.isoformat() + "T09:00:00Z",
                               url=f"https://copy.example/{n}", language="en", source="synthetic")  # fmt: skip
                analysis = Analysis(copy, pipeline=dict(wire.pipeline))
            else:
                analysis = _article(world, rng, n, site, day, core, max(1, min(24, int(rng.gauss(11, 4)))))
                wire = wire or analysis
            n += 1
            made += len(analysis.events)
            yield analysis
            if made >= events:
                return


def store_name(events: int) -> str:
    """The file name of the cached store: the number of events, the generator's and the store's versions."""
    from newsevents.store import SCHEMA_VERSION

    return f"latency-{events}-v{GENERATOR_VERSION}-s{SCHEMA_VERSION}.duckdb"


def build_store(path: Path, events: int, *, quiet: bool = False) -> dict[str, int]:
    """Write the synthetic store at ``path`` (built under another name, renamed when complete).

    The analyses go in through the store's bulk path, ``Store.import_tables`` (Parquet files of the rows
    ``Store.add`` writes, made by ``scale.tables.analysis_rows``), a thousand articles a transaction.
    """
    import pyarrow.parquet as pq

    from newsevents.library import backfill_stories
    from newsevents.scale.tables import analysis_rows, now, to_table
    from newsevents.store import Store

    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(partial) as store, tempfile.TemporaryDirectory() as tmp:
        store.con.execute("SET enable_progress_bar = false")

        def write(batch: list[Analysis]) -> None:
            tables: dict[str, list[dict[str, Any]]] = {}
            for seq, analysis in enumerate(batch):
                for name, rows in analysis_rows(analysis, now(), (0, seq)).items():
                    tables.setdefault(name, []).extend(rows)
            files = {}
            for name, rows in tables.items():
                table = to_table(name, rows)
                table = table.drop_columns([c for c in ("day", "seq_file", "seq_record") if c in table.column_names])
                files[name] = Path(tmp) / f"{name}.parquet"
                pq.write_table(table, files[name])
            store.import_tables(files)

        batch: list[Analysis] = []
        for analysis in synthetic_analyses(events):
            batch.append(analysis)
            if len(batch) == 1000:
                write(batch)
                batch.clear()
        if batch:
            write(batch)
        stored = time.perf_counter()
        backfill = backfill_stories(store)
        counts = store.counts()
    if not quiet:
        print(f"built {path.name}: {counts['articles']} articles, {counts['events']} events, {counts['stories']} "
              f"stories, {backfill.copies} copies; stored in {stored - started:.0f} s, stories in "
              f"{time.perf_counter() - stored:.0f} s", flush=True)  # fmt: skip
    partial.rename(path)
    return counts


# -- the measurement -------------------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    path: str
    status: int
    p50: float
    p95: float
    bytes: int


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(base: str, name: str, paths: list[str], repeat: int) -> Timing:
    """Time ``repeat`` rounds of fetching ``paths`` one after the other (one warm-up round first)."""
    status, size = 200, 0
    samples = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        for path in paths:
            code, body = _get(base + path)
            if code != 200:
                status = code
            size = len(body)
        if i:
            samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, " + ".join(paths), status, _percentile(samples, 0.5), _percentile(samples, 0.95), size)


def endpoints(db: Path) -> list[tuple[str, list[str]]]:
    """Every endpoint to time, with parameters taken from the store (an article, a story, a busy actor...)."""
    from newsevents.store import Store

    with Store(db, read_only=True) as store:
        one = store.con.execute
        article, event = one("SELECT article_id, id FROM events ORDER BY article_id, id LIMIT 1 OFFSET 7").fetchone()  # type: ignore[misc]
        actor, country = one(
            "SELECT name, country FROM event_participants WHERE role = 'actor' AND kind = 'person' "
            "GROUP BY ALL ORDER BY count(*) DESC, name LIMIT 1"
        ).fetchone()  # type: ignore[misc]
        place = one("SELECT name FROM places GROUP BY name ORDER BY count(*) DESC, name LIMIT 1").fetchone()[0]  # type: ignore[index]
        story = one("SELECT id FROM stories ORDER BY num_articles DESC, id LIMIT 1").fetchone()[0]  # type: ignore[index]
        speaker = one("SELECT speaker_text FROM quotes GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]  # type: ignore[index]
        month = one("SELECT left(max(date), 7) FROM events").fetchone()[0]  # type: ignore[index]
    api = "/api/v1"

    def q(path: str, **params: Any) -> str:
        return f"{api}{path}?{urlencode(params)}" if params else api + path

    page2 = q("/events", limit=50, cursor=_second_page_cursor(db))
    return [
        ("page: index.html + assets", ["/", "/static/style.css", "/static/text.js", "/static/app.js"]),
        ("page: map outline", ["/static/vendor/land-110m.json"]),
        ("articles", [q("/articles", limit=30)]),
        ("articles search (2 words)", [q("/articles", q="ceasefire talks", limit=30)]),
        ("articles search (place)", [q("/articles", q=place, limit=30)]),
        ("articles since", [q("/articles", since=month, limit=30)]),
        ("article", [f"{api}/articles/{quote(article)}"]),
        ("article related", [f"{api}/articles/{quote(article)}/related"]),
        ("events", [q("/events", limit=50)]),
        ("events page 2", [page2]),
        ("events actor name", [q("/events", actor=actor, limit=50)]),
        ("events actor ISO-3", [q("/events", actor=country, limit=50)]),
        ("events recipient", [q("/events", recipient=country, limit=50)]),
        ("events sector", [q("/events", sector="MIL", limit=50)]),
        ("events recipient sector", [q("/events", recipient_sector="REB", limit=50)]),
        ("events type", [q("/events", type="ASSAULT,COERCE", limit=50)]),
        ("events mode", [q("/events", mode="arrest", limit=50)]),
        ("events context", [q("/events", context="humanitarian", limit=50)]),
        ("events status", [q("/events", status="negated", limit=50)]),
        ("events quad", [q("/events", quad=4, limit=50)]),
        ("events since/until", [q("/events", since=month, until=month, limit=50)]),
        ("events place", [q("/events", place=place, limit=50)]),
        ("events country", [q("/events", country=country, limit=50)]),
        ("events article", [q("/events", article=article, limit=50)]),
        ("events story", [q("/events", story=story, limit=50)]),
        ("events min_confidence", [q("/events", min_confidence=0.9, limit=50)]),
        ("events sort -confidence", [q("/events", sort="-confidence", limit=50)]),
        ("events sort scale", [q("/events", sort="scale", limit=50)]),
        ("event", [f"{api}/events/{quote(article)}/{quote(event)}"]),
        ("story events", [q("/story-events", limit=50)]),
        ("story events actor", [q("/story-events", actor=actor, limit=50)]),
        ("story events sort -articles", [q("/story-events", sort="-articles", limit=50)]),
        ("events merged=true", [q("/events", merged="true", type="ASSAULT", limit=50)]),
        ("stories", [q("/stories", limit=50)]),
        ("stories since", [q("/stories", since=month, limit=50)]),
        ("stories actor", [q("/stories", actor=actor, limit=50)]),
        ("stories q", [q("/stories", q="ceasefire", limit=50)]),
        ("story", [f"{api}/stories/{quote(story)}"]),
        ("actors", [q("/actors", limit=50)]),
        ("actors q", [q("/actors", q=actor[:4], limit=50)]),
        ("places", [q("/places", limit=50)]),
        ("places located", [q("/places", located="true", limit=50)]),
        ("quotes", [q("/quotes", limit=50)]),
        ("quotes speaker", [q("/quotes", speaker=speaker, limit=50)]),
        ("timeline month by type", [q("/aggregates/timeline", interval="month", by="type")]),
        ("timeline week by quad", [q("/aggregates/timeline", interval="week", by="quad")]),
        ("timeline actor filter", [q("/aggregates/timeline", actor=country)]),
        ("network", [q("/aggregates/network")]),
        ("map places", [q("/aggregates/places")]),
        ("export csv limit 1000", [q("/events/export", format="csv", limit=1000)]),
        ("export plover limit 1000", [q("/events/export", format="plover", type="ASSAULT", limit=1000)]),
        ("failures", [q("/failures")]),
        ("stats", [q("/stats")]),
    ]


def _second_page_cursor(db: Path) -> str:
    import duckdb

    from newsevents import queries

    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET enable_progress_bar = false")
        cursor = queries.list_events(con, limit=50)["next"]
    return cursor or ""


@contextmanager
def serve(db: Path) -> Iterator[str]:
    """Run ``newsevents serve`` on a free loopback port in its own process; yields its URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
               "--port", str(port)]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log) as process:
        try:
            deadline = time.monotonic() + 60
            while _answer(base) != 200:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the server did not start: {log.read().decode(errors='replace')[-2000:]}")
                time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def _answer(base: str) -> int | None:
    try:
        return _get(base + "/api/v1/stats")[0]
    except OSError:
        return None


def run(events: int, *, repeat: int = 20, scratch: Path | None = None, rebuild: bool = False) -> list[Timing]:
    """Build or reuse the store, serve it, time every endpoint; prints the table and returns the timings."""
    folder = scratch or Path(os.environ.get("NEWSEVENTS_SCRATCH") or Path(tempfile.gettempdir()) / "newsevents-latency")
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / store_name(events)
    if rebuild:
        db.unlink(missing_ok=True)
    if not db.exists():
        build_store(db, events)
    with serve(db) as base:
        timings = [measure(base, name, paths, repeat) for name, paths in endpoints(db)]
    print_table(timings, db, repeat)
    return timings


def print_table(timings: list[Timing], db: Path, repeat: int) -> None:
    from newsevents.store import Store

    with Store(db, read_only=True) as store:
        counts = store.counts()
    print(f"\nAPI latency: {counts['events']} events, {counts['articles']} articles, {counts['stories']} stories "
          f"({db}); {repeat} requests each, one at a time, after a warm-up")  # fmt: skip
    print(f"{'endpoint':<30} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'target':>7}  result")
    for t in timings:
        verdict = "ok" if t.status == 200 and t.p95 <= TARGET_MS else ("ERROR" if t.status != 200 else "MISS")
        print(f"{t.name:<30} {t.status:>6} {t.p50:>8.1f} {t.p95:>8.1f} {TARGET_MS:>7.0f}  {verdict}")
    missed = [t.name for t in timings if t.p95 > TARGET_MS]
    failed = [t.name for t in timings if t.status != 200]
    print(f"{len(timings) - len(missed) - len(failed)} of {len(timings)} endpoints within {TARGET_MS:.0f} ms at p95"
          + (f"; over: {', '.join(missed)}" if missed else "") + (f"; failed: {', '.join(failed)}" if failed else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.api.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--events", type=int, default=100_000, help="events in the synthetic store (default 100000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per endpoint (default 20)")
    parser.add_argument("--scratch", type=Path, help="folder of the cached store (default $NEWSEVENTS_SCRATCH or "
                                                     "the temporary folder's newsevents-latency)")
    parser.add_argument("--rebuild", action="store_true", help="build the store anew even if it is cached")
    parser.add_argument("--json", action="store_true", help="also print the timings as one JSON line")
    args = parser.parse_args(argv)
    timings = run(args.events, repeat=args.repeat, scratch=args.scratch, rebuild=args.rebuild)
    if args.json:
        print(json.dumps([t.__dict__ for t in timings]))
    return 1 if any(t.status != 200 for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())

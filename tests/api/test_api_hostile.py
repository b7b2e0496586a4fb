"""Hostile requests against the real server: SQL injection in every query parameter of every listing,
crafted cursors, oversized bodies and query strings, cross-origin requests, and the write token.

The parameters come from the app's own OpenAPI description, so a filter added later is attacked
too. Each injection carries a marker (``zzq``) that matches nothing: treated as data, a payload
finds no more rows than a plain word that matches nothing; spliced into the SQL, ``OR 1=1`` would
find them all. The store is a copy of the sample store, counted table by table before and after.
"""

from __future__ import annotations

import base64
import http.client
import inspect
import json
import shutil
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import duckdb
import pytest

from api.serving import get_json, request, serving
from newsevents.api import write
from newsevents.errors import Failure
from newsevents.server import create_app
from newsevents.store import Store

TOKEN = "hostile-test-token"
BENIGN = "zzqnomatch"
INJECTIONS = [
    "zzq' OR 1=1 --",
    "zzq' OR '1'='1",
    "zzq') OR ('1'='1",
    'zzq"; DROP TABLE events; --',
    "zzq'; DROP TABLE articles; --",
    "zzq%' UNION SELECT id, text, url FROM articles --",
    "zzq' UNION SELECT NULL, NULL --",
    "zzq\\' OR 1=1 --",
    "zzq$1 OR 1=1",
    "zzq\x00' OR 1=1",
    "zzq(?[\\",  # regular-expression syntax (the full-text search builds RE2 patterns)
    "zzq_%",  # LIKE wildcards
]


def _operations() -> list[tuple[str, list[dict[str, Any]]]]:
    """(path, parameters) of every GET operation, from the OpenAPI description of the app."""
    schema = create_app("never-opened.duckdb", api_token="x").openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in schema["paths"].items() if "get" in ops]


OPERATIONS = _operations()
LISTING_PARAMETERS = [(path, p["name"]) for path, params in OPERATIONS if "{" not in path for p in params
                      if p["in"] == "query"]  # fmt: skip
PATH_OPERATIONS = [path for path, _ in OPERATIONS if "{" in path]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, samples_db: Path) -> Iterator[tuple[str, Path]]:
    """A server over a copy of the sample store (with writing on), and the copy's path."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copy(samples_db, db)
    with Store(db) as store:  # enough failures for two pages, so that their cursor is attacked too
        for n in range(3):
            store.add_failure(Failure(f"hostile-{n}.html", "read", "written by the test"))
    with serving(db, api_token=TOKEN, max_page_bytes=1000, max_body_bytes=200_000) as url:
        yield url, db


def table_counts(db: Path) -> dict[str, int]:
    """Every table of the store and its row count, read directly from the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}
    finally:
        con.close()


@pytest.fixture(scope="module")
def counts_before(hostile: tuple[str, Path]) -> dict[str, int]:
    counts = table_counts(hostile[1])
    assert counts["articles"] > 0 and counts["events"] > 0
    return counts


def rows_in(status: int, headers: dict[str, str], body: bytes) -> int:
    """How many rows an answer holds: list items of a JSON object, or lines of an export."""
    if "json" in headers.get("content-type", "") and "ndjson" not in headers.get("content-type", ""):
        data = json.loads(body)
        return sum(len(v) for v in data.values() if isinstance(v, list)) if isinstance(data, dict) else len(data)
    return len([line for line in body.splitlines() if line.strip()])


def problems_of(url: str, path: str, name: str, value: str, baseline: tuple[int, int] | None) -> list[str]:
    """What is wrong with the answer to ``path?name=value`` (nothing when it is a 2xx with no more
    rows than ``baseline`` (status, rows), or a 4xx in the error shape)."""
    status, headers, body = request(f"{url}{path}?{urlencode({name: value})}")
    headers = {k.lower(): v for k, v in headers.items()}
    where = f"{path}?{name}={value!r}: {status}"
    if 200 <= status < 300:
        if baseline is None or not 200 <= baseline[0] < 300:
            return [f"{where}, but a value that matches nothing gets {baseline and baseline[0]}"]
        rows = rows_in(status, headers, body)
        return [f"{where} with {rows} rows, more than the {baseline[1]} of {BENIGN!r}"] if rows > baseline[1] else []
    if 400 <= status < 500:
        try:
            answer = json.loads(body)
        except ValueError:
            return [f"{where} not in JSON: {body[:100]!r}"]
        if answer != {"error": {"status": status, "message": answer.get("error", {}).get("message")}}:
            return [f"{where} not in the error shape: {answer}"]
        return []
    return [f"{where}: {body[:200]!r}"]


@pytest.mark.slow
@pytest.mark.parametrize(("path", "name"), LISTING_PARAMETERS, ids=[f"{p}?{n}" for p, n in LISTING_PARAMETERS])
def test_sql_injection_in_every_query_parameter_finds_nothing(hostile, counts_before, path: str, name: str) -> None:
    url, _ = hostile
    status, headers, body = request(f"{url}{path}?{urlencode({name: BENIGN})}")
    baseline = (status, rows_in(status, {k.lower(): v for k, v in headers.items()}, body) if status < 300 else 0)
    assert status < 500, body
    with ThreadPoolExecutor(4) as pool:  # the server answers requests in parallel; so can the test ask
        answers = pool.map(lambda payload: problems_of(url, path, name, payload, baseline), INJECTIONS)
        problems = [p for answer in answers for p in answer]
    assert not problems, problems


def test_injections_in_the_commonest_filters_find_nothing(hostile, counts_before) -> None:
    """A fast sample of the table above (it runs without -m slow too)."""
    url, _ = hostile
    for path, name in [("/api/v1/events", "actor"), ("/api/v1/articles", "q"), ("/api/v1/events/export", "place")]:
        status, _, _ = request(f"{url}{path}?{urlencode({name: BENIGN})}")
        assert status == 200
        problems = [p for payload in INJECTIONS[:4] for p in problems_of(url, path, name, payload, (status, 0))]
        assert not problems, problems


@pytest.mark.parametrize("path", PATH_OPERATIONS)
def test_injection_in_path_parameters_is_a_404(hostile, counts_before, path: str) -> None:
    url, _ = hostile
    for payload in INJECTIONS:
        segment = quote(payload, safe="")
        filled = path
        while "{" in filled:
            filled = filled[: filled.index("{")] + segment + filled[filled.index("}") + 1 :]
        status, answer = get_json(url + filled)
        assert 400 <= status < 500, (path, payload, status, answer)
        assert answer == {"error": {"status": status, "message": answer["error"]["message"]}}


def _cursor(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


HOSTILE_VALUES = ["' OR 1=1 --", {"a": 1}, [1, [2]], None, True, -1, 10**30, 1.5, "9" * 400]


@pytest.mark.parametrize("path", sorted({p for p, n in LISTING_PARAMETERS if n == "cursor"}))
def test_crafted_cursors_are_refused_or_harmless(hostile, counts_before, path: str) -> None:
    """A real cursor's values replaced by other types and SQL: a 400, or a page no bigger than a real one."""
    url, _ = hostile
    status, first = get_json(f"{url}{path}?limit=1")
    assert status == 200, first
    assert first.get("next"), f"{path} has a single page: the test needs a real cursor"
    padded = first["next"] + "=" * (-len(first["next"]) % 4)
    real = json.loads(base64.urlsafe_b64decode(padded))
    keys = [k for k in real if k != "for"]
    crafted = [_cursor({**real, key: bad}) for key in keys for bad in HOSTILE_VALUES]
    crafted += [_cursor({**real, key: [bad] * len(real[key])}) for key in keys if isinstance(real[key], list)
                for bad in HOSTILE_VALUES]  # fmt: skip
    crafted += [_cursor({"for": "' OR 1=1 --", **{k: real[k] for k in keys}}), "%%%", "=" * 50, "A" * 1999]
    problems = []
    for cursor in crafted:
        status, _, body = request(f"{url}{path}?{urlencode({'cursor': cursor, 'limit': 2})}")
        if status >= 500 or (status >= 400 and set(json.loads(body)) != {"error"}):
            problems.append((base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))[:120], status, body[:150]))
        elif status < 300 and len(json.loads(body)["items"]) > 2:
            problems.append((cursor, status, "more rows than the limit"))
    assert not problems, problems


def test_the_store_is_intact_after_the_attacks(hostile, counts_before) -> None:
    """Runs after the injection tests of this module (pytest keeps file order)."""
    url, db = hostile
    status, stats = get_json(f"{url}/api/v1/stats")
    assert status == 200 and stats["articles"] == counts_before["articles"]
    assert table_counts(db) == counts_before


# -- sizes ---------------------------------------------------------------------------------------


def _raw_post(url: str, body: bytes, headers: dict[str, str], chunked: bool = False) -> tuple[int, dict[str, Any]]:
    """POST ``body`` to /api/v1/articles over a plain connection (chunked: no Content-Length)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        if chunked:
            connection.putrequest("POST", "/api/v1/articles")
            for key, value in {**headers, "Transfer-Encoding": "chunked"}.items():
                connection.putheader(key, value)
            connection.endheaders()
            try:
                for start in range(0, len(body), 65_536):
                    piece = body[start : start + 65_536]
                    connection.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                connection.send(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):  # the server may answer and close before the end
                pass
        else:
            connection.request("POST", "/api/v1/articles", body=body, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


JSON_AUTH = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    ("size", "chunked", "headers", "message"),
    [
        (1_500, False, JSON_AUTH, "the article is larger than max_page_bytes (1000 bytes)"),
        (3_000_000, False, JSON_AUTH, "the request body is over the limit of 200,000 bytes"),
        (3_000_000, True, JSON_AUTH, "the request body is over the limit of 200,000 bytes"),
        (3_000_000, False, {"Content-Type": "application/json"}, "the request body is over the limit"),
    ],
    ids=["page over max_page_bytes", "declared body over the limit", "chunked body over the limit", "no token"],
)
def test_oversized_bodies_get_413(hostile, size: int, chunked: bool, headers: dict[str, str], message: str) -> None:
    url, _ = hostile
    body = json.dumps({"text": "Kenya and Somalia agreed to patrol the border. " * (size // 47 + 1)}).encode()
    status, answer = _raw_post(url, body, headers, chunked=chunked)
    assert status == 413, answer
    assert answer == {"error": {"status": 413, "message": answer["error"]["message"]}}
    assert message in answer["error"]["message"]


@pytest.mark.parametrize("length", [600, 5_000, 60_000])
def test_overlong_query_strings_get_4xx(hostile, length: int) -> None:
    url, _ = hostile
    for path, name in [("/api/v1/events", "actor"), ("/api/v1/articles", "q"), ("/api/v1/events", "type")]:
        status, _, body = request(f"{url}{path}?{urlencode({name: 'a' * length})}")
        assert 400 <= status < 500, (path, name, length, status, body[:200])


def test_a_request_line_past_the_server_limit_is_refused_not_crashed(hostile) -> None:
    """1 MB of query string: the HTTP layer refuses it (or the app does), and the server still answers."""
    url, _ = hostile
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as s:
        s.sendall(b"GET /api/v1/events?actor=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        head = s.recv(200)
    assert head.startswith(b"HTTP/1.1 4"), head
    assert get_json(f"{url}/api/v1/stats")[0] == 200


# -- cross-origin --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/api/v1/events", {"Origin": "https://evil.example"}),
        ("GET", "/api/v1/stats", {"Origin": "null"}),
        ("OPTIONS", "/api/v1/events", {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}),
        ("OPTIONS", "/api/v1/articles", {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "authorization, content-type"}),
    ],
)  # fmt: skip
def test_cors_is_off(hostile, method: str, path: str, headers: dict[str, str]) -> None:
    url, _ = hostile
    status, answer_headers, _ = request(url + path, method=method, headers=headers)
    lowered = {k.lower() for k in answer_headers}
    assert not {h for h in lowered if h.startswith("access-control-")}, answer_headers
    if method == "OPTIONS":
        assert status >= 400  # no preflight is granted


# -- the write token -----------------------------------------------------------------------------

ARTICLE = {"text": "Kenya and Somalia agreed on Wednesday to set up joint patrols along their border."}


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", f"Basic {TOKEN}", f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x",
     f"Bearer {TOKEN.upper()}", f"Token {TOKEN}", f"Bearer {TOKEN[:4]}", "Bearer ' OR 1=1 --", "Bearer tökén"],
)  # fmt: skip
def test_wrong_or_missing_tokens_are_refused_and_store_nothing(hostile, authorization: str | None) -> None:
    url, db = hostile
    headers = {} if authorization is None else {"Authorization": authorization}
    status, answer = get_json(f"{url}/api/v1/articles", method="POST", body=ARTICLE, headers=headers)
    assert status == 401, answer
    assert answer == {"error": {"status": 401, "message": "missing or wrong token: send the header "
                                "`Authorization: Bearer TOKEN`"}}  # fmt: skip
    status, stats = get_json(f"{url}/api/v1/stats")
    assert stats["articles"] == table_counts(db)["articles"]


@pytest.mark.parametrize("configured", ["", None])
def test_writing_is_off_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, configured) -> None:
    monkeypatch.delenv("NEWSEVENTS_API_TOKEN", raising=False)
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(tmp_path / "none.toml"))
    with serving(tmp_path / "s.duckdb", api_token=configured) as url:
        status, answer = get_json(f"{url}/api/v1/articles", method="POST", body=ARTICLE,
                                  headers={"Authorization": "Bearer "})  # fmt: skip
    assert status == 403
    assert answer["error"]["message"].startswith("writing is disabled: set $NEWSEVENTS_API_TOKEN")


def test_the_token_is_compared_in_constant_time() -> None:
    source = inspect.getsource(write)
    assert "hmac.compare_digest(" in source or "secrets.compare_digest(" in source
    assert "== token" not in source and "token ==" not in source


@pytest.mark.parametrize("url", ["javascript:window.__pwned=1", "data:text/html,<script>1</script>", "file:///etc/passwd",
                                 " javascript:x", "JaVaScRiPt:x"])  # fmt: skip
def test_an_article_url_must_be_http(hostile, url: str) -> None:
    """The web UI links to an article's URL: only http(s) URLs are taken, never javascript: or data:."""
    host, _ = hostile
    status, answer = get_json(f"{host}/api/v1/articles", method="POST", body={**ARTICLE, "url": url},
                              headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
    assert status == 422 and "request body field 'url'" in answer["error"]["message"], answer

"""Generated requests from the OpenAPI description (schemathesis, built on hypothesis) never get a 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.serving import serving
from newsevents.store import Store
from test_store import sample_analysis

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    with Store(db) as store:
        store.add(sample_analysis())
    with serving(db, api_token="fuzz-token") as url:
        yield url


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(fuzz_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{fuzz_url}/openapi.json")
    failures = []
    calls: list[int] = []
    for operation in schema.get_all_operations():
        op = operation.ok()

        @settings(
            max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck), derandomize=True
        )
        @given(case=op.as_strategy())
        def check(case) -> None:
            response = case.call(base_url=fuzz_url, timeout=30)
            calls.append(response.status_code)
            if response.status_code >= 500 or (
                response.status_code >= 400
                and "application/json" in response.headers.get("content-type", [""])[0]
                and set(response.json()) != {"error"}
            ):
                failures.append(
                    (case.method, case.formatted_path, case.query, response.status_code, response.text[:300])
                )

        check()
    assert not failures, failures[:5]
    assert len(calls) >= 100 and any(code >= 400 for code in calls)  # the run did exercise the API

# newsevents: every target starts from `make install`, which creates or updates .venv from the
# hash-pinned lock file and is a no-op when nothing changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test test-fast bench review lint lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

demo: install
	$(BIN)/python -m newsevents.demo

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python -m newsevents.bench
	$(BIN)/python -m newsevents.stories.bench
	$(BIN)/python -m newsevents.api.loadtest --clients 4 --seconds 20
	$(BIN)/python -m newsevents.api.latency
	$(BIN)/python -m newsevents.store_bench

# Every event found in the sample pages (and some benchmark pages) with its sentence, to mark by hand.
review: install
	$(BIN)/python -m newsevents.review

lint: install
	$(BIN)/ruff check src tests

# Re-resolve the lock from pyproject.toml (needs network; run by a developer, never by CI).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --extra scale --generate-hashes --python-version 3.11 \
		--python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) newsevents.duckdb .pytest_cache

# The two commands a new user runs: `make run` and `make test`. Both set everything up
# (virtualenv, Python and front-end packages, migrations) and are quick the second time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export CAIRN_DATA_DIR ?= $(CURDIR)/var
export DJANGO_SETTINGS_MODULE := cairn.settings
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-sqlite test-postgres bench lint format setup solver assets migrate demo clean

run: setup migrate demo
	$(BIN)/cairn serve

setup: $(STAMP) assets

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The optional CP-SAT solver (cairn[solver]), pinned in its own lock on top of the main
# one. CI always installs it so the CP-SAT tests run there; elsewhere they skip without it.
SOLVER_STAMP := $(VENV)/.solver-installed
solver: $(SOLVER_STAMP)

$(SOLVER_STAMP): requirements.lock requirements-solver.lock $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-solver.lock
	touch $(SOLVER_STAMP)

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: setup
	$(BIN)/cairn migrate --no-input -v 0

demo: setup
	$(BIN)/cairn demo

# The whole suite on SQLite, then everything that touches the database again on
# PostgreSQL. Under CI a missing PostgreSQL or Chromium is a failure, not a skip.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

test: setup $(if $(CI),solver)
	$(BIN)/pytest -q -p no:cacheprovider
	@if [ -n "$$CI" ] || pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		echo "== the suite again on PostgreSQL =="; \
		CAIRN_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q -p no:cacheprovider --ignore=tests/engine; \
	else echo "PostgreSQL is not running here: skipped the PostgreSQL run (CI runs it)."; fi

test-sqlite: setup
	$(BIN)/pytest -q

test-postgres: setup
	CAIRN_DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -q --ignore=tests/engine

bench: setup
	$(BIN)/python bench/run_all.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests bench

clean:
	rm -rf $(VENV) node_modules var/static

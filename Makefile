# gongzhi — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongzhi
# Each entry point picks its own settings (dev for the gongzhi command, test for pytest);
# the test targets name theirs so a DJANGO_SETTINGS_MODULE in the caller's shell cannot leak in.
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=gongzhi.config.settings.test

.PHONY: demo test venv dev-venv assets services lint types migrations-check test-sqlite test-postgres test-browser bench bench-postgres messages clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock $(VENV)/.base-installed
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

venv: $(VENV)/.base-installed
dev-venv: $(VENV)/.dev-installed

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

## make demo: install, migrate the embedded SQLite database, load the demo township, serve on :8000.
demo: venv assets
	$(BIN)/gongzhi migrate --noinput -v0
	$(BIN)/gongzhi seed-demo
	@echo "后台任务进程已启动（Excel 大文件导入）。浏览器打开 http://127.0.0.1:8000"
	@$(BIN)/gongzhi db_worker --no-startup-delay >var/worker.log 2>&1 & worker=$$!; \
	  $(BIN)/gongzhi periodic >var/periodic.log 2>&1 & periodic=$$!; \
	  trap "kill $$worker $$periodic 2>/dev/null" EXIT; \
	  $(BIN)/gongzhi runserver 127.0.0.1:8000

services:
	@bash scripts/ensure-services

## make test: lint, types, missing migrations, the suite on SQLite with the browser tests, then on PostgreSQL
## without them (a browser test checks a page's behaviour, which does not depend on the database).
test: dev-venv assets services lint types migrations-check test-sqlite test-postgres

lint:
	$(BIN)/ruff check gongzhi tests bench
	$(BIN)/ruff format --check gongzhi tests bench
	$(BIN)/lint-imports

types:
	$(BIN)/mypy gongzhi

migrations-check:
	$(TEST_SETTINGS) $(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite:
	$(TEST_SETTINGS) $(BIN)/pytest -n 2 -q

test-postgres:
	$(TEST_SETTINGS) DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 -q -m "not browser"

test-browser:
	$(TEST_SETTINGS) $(BIN)/pytest -q -m browser

## make bench: county-size data (seeded once into var/bench/, reused), gunicorn with 2 workers,
## load from wrk on loopback, a 100,000-row import; the table goes to bench/results/.
## Options: make bench BENCH_ARGS="--reseed" (or --duration 30, --skip-import; see bench/run.py --help).
bench: venv assets services
	$(BIN)/python bench/run.py --db sqlite $(BENCH_ARGS)

bench-postgres: venv assets services
	$(BIN)/python bench/run.py --db postgres $(BENCH_ARGS)

## make messages: extract the translatable strings into the English catalogue, then compile it.
## Needs GNU gettext; commit both django.po and django.mo (installs need no gettext).
messages:
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache

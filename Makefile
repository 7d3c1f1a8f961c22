# XHHT — `make run` serves the site on SQLite; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VAR ?= var
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn's worker processes, each serving one request at a time: one per core, as the
# requests are CPU-bound and more workers only add switching (docs/DEPLOYMENT.md).
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
# The demo stands on this day of the seed campaign (the one clock, XHHT_TODAY).
TODAY ?= 2013-06-20
export XHHT_VAR_DIR := $(abspath $(VAR))

.PHONY: run test lint typecheck pytest pytest-postgres setup messages catalogues clean bench bench-load docs-pictures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-installed: requirements/test.lock $(VENV)/.base-installed
	$(BIN)/pip install --quiet -r requirements/test.lock
	touch $@

$(VAR)/secret_key:
	mkdir -p $(VAR)
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

catalogues: $(VENV)/.base-installed
	$(BIN)/python -m xhht.i18n_compile

setup: $(VENV)/.base-installed $(VAR)/secret_key catalogues
	XHHT_SECRET_KEY="$$(cat $(VAR)/secret_key)" $(BIN)/xhht migrate --no-input
	XHHT_SECRET_KEY="$$(cat $(VAR)/secret_key)" $(BIN)/xhht collectstatic --no-input --verbosity 0
	@umask 077; XHHT_SECRET_KEY="$$(cat $(VAR)/secret_key)" $(BIN)/xhht bootstrap > $(VAR)/.setup.out; \
	status=$$?; cat $(VAR)/.setup.out; grep -ai "password\|mật khẩu" $(VAR)/.setup.out >> $(VAR)/.first-passwords; \
	rm -f $(VAR)/.setup.out; exit $$status
	@umask 077; XHHT_SECRET_KEY="$$(cat $(VAR)/secret_key)" XHHT_TODAY=$(TODAY) $(BIN)/xhht load_demo > $(VAR)/.setup.out; \
	status=$$?; cat $(VAR)/.setup.out; grep -ai "password\|mật khẩu" $(VAR)/.setup.out >> $(VAR)/.first-passwords; \
	rm -f $(VAR)/.setup.out; exit $$status

# The worker (background jobs: documents, reminders) runs beside the site and stops with it.
# Each gunicorn worker keeps its PostgreSQL connection between requests (a new one per
# request costs a backend's start and cold caches); SQLite opens one per request regardless.
run: setup
	@if [ -s $(VAR)/.first-passwords ]; then \
	  echo; echo "==================================================================="; \
	  echo " XHHT: open http://$(HOST):$(PORT)/ — accounts made now (shown only once):"; \
	  sed 's/^/   /' $(VAR)/.first-passwords; \
	  echo "==================================================================="; echo; \
	fi; rm -f $(VAR)/.first-passwords
	@echo "XHHT is served on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	export XHHT_SECRET_KEY="$$(cat $(VAR)/secret_key)" XHHT_TODAY=$(TODAY); \
	$(BIN)/xhht worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	XHHT_ALLOWED_HOSTS="$(HOST),localhost,127.0.0.1" XHHT_DB_CONN_MAX_AGE="$${XHHT_DB_CONN_MAX_AGE:-60}" \
	  $(BIN)/gunicorn xhht.wsgi \
	  --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 120 --graceful-timeout 10 \
	  --access-logfile - --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/python tools/check_sizes.py
	$(BIN)/lint-imports --no-cache --no-logo
	XHHT_DEBUG=1 XHHT_DATABASE_URL=sqlite://:memory: $(BIN)/xhht makemigrations --check --dry-run

typecheck: $(VENV)/.test-installed
	XHHT_DEBUG=1 $(BIN)/mypy

PYTEST_SQLITE := $(BIN)/pytest
PYTEST_POSTGRES := $(BIN)/python tools/pgcluster.py -- $(BIN)/pytest -m "not e2e" -p no:cacheprovider

pytest: $(VENV)/.test-installed catalogues
	$(PYTEST_SQLITE)

pytest-postgres: $(VENV)/.test-installed catalogues
	$(PYTEST_POSTGRES)

# The two databases' runs share the machine's cores: PostgreSQL's runs beside SQLite's,
# its output kept in a file and shown after; either failing fails the target.
test: lint typecheck catalogues
	@log="$$(mktemp)"; \
	$(PYTEST_POSTGRES) > "$$log" 2>&1 & postgres=$$!; \
	$(PYTEST_SQLITE); sqlite=$$?; \
	wait $$postgres; pg=$$?; \
	echo "==== PostgreSQL (not e2e) ===="; cat "$$log"; rm -f "$$log"; \
	echo "SQLite: exit $$sqlite; PostgreSQL: exit $$pg"; \
	test $$sqlite -eq 0 && test $$pg -eq 0

messages: $(VENV)/.test-installed
	cd src/xhht && XHHT_DEBUG=1 ../../$(BIN)/xhht makemessages -l vi --no-obsolete

# The load test's locust (requirements/bench.lock) is installed for the benchmarks only.
$(VENV)/.bench-installed: requirements/bench.lock $(VENV)/.test-installed
	$(BIN)/pip install --quiet -r requirements/bench.lock
	touch $@

bench: $(VENV)/.bench-installed catalogues
	$(BIN)/python bench/run_all.py

# The deadline rush alone (bench/bench_load.py), e.g. make bench-load USERS=200 RUN_TIME=120 POSTGRES=1
USERS ?= 50
RUN_TIME ?= 60
bench-load: $(VENV)/.bench-installed catalogues
	$(BIN)/python bench/bench_load.py --users $(USERS) --run-time $(RUN_TIME) $(if $(POSTGRES),--postgres)

# The user guide's pictures (docs/USER-GUIDE.vi.md): the campaign walked in Chromium
# (tests/e2e/test_campaign_walk.py) writes build/screenshots/walk-*.jpg; they replace docs/pictures/.
docs-pictures: $(VENV)/.test-installed catalogues
	rm -f build/screenshots/walk-*.jpg
	$(BIN)/pytest tests/e2e/test_campaign_walk.py -m e2e -p no:cacheprovider -q
	mkdir -p docs/pictures
	rm -f docs/pictures/walk-*.jpg
	cp build/screenshots/walk-*.jpg docs/pictures/
	@du -ch docs/pictures/walk-*.jpg | tail -1

clean:
	rm -rf $(VENV) $(VAR) .mypy_cache .pytest_cache .ruff_cache

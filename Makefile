# Steadfast Partners website. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The newest Python 3.12+ on this machine (pyenv's .python-version picks 3.13).
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PIP_QUIET := --quiet --disable-pip-version-check --no-input
# The browser suite's npm tools (vnu-jar, lighthouse) are set up with the
# Python ones wherever npm is installed; without npm the browser suite skips.
NODE_TOOLS := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)

# Production-like settings for `make serve` and `make check`: DEBUG off, a
# throwaway secret unless one is given, plain HTTP on 127.0.0.1.
PROD_ENV := DJANGO_DEBUG=0 \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-local-production-like-$$(hostname)-not-a-real-secret-0123456789abcdef}"

.PHONY: help run test lint fmt serve check setup migrate collectstatic clean browser audit bench backup bootstrap css

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (python3.13, python3.12 or python3)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -m pip install $(PIP_QUIET) -r requirements-dev.txt 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -c 'import django, crispy_forms, whitenoise, gunicorn, pytest_django'
	touch $@

setup: $(VENV)/.installed ## Create the virtualenv and install everything

migrate: setup ## Apply migrations (this also loads the launch article)
	$(MANAGE) migrate --no-input

run: migrate ## Set everything up and serve the site on http://127.0.0.1:8000/
	$(MANAGE) runserver 127.0.0.1:8000

test: setup $(NODE_TOOLS) ## Set everything up and run the whole test suite
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup ## Ruff: lint and formatting check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: setup ## Ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

collectstatic: setup
	$(PROD_ENV) $(MANAGE) collectstatic --no-input --verbosity 0

serve: migrate collectstatic ## Production-like: DEBUG off, collected static files, gunicorn
	$(PROD_ENV) $(MANAGE) write_error_pages --verbosity 0
	$(PROD_ENV) DJANGO_HTTPS=$${DJANGO_HTTPS:-0} $(BIN)/gunicorn --config gunicorn.conf.py steadfast.wsgi

check: setup ## Django system checks, the deploy checks with production settings, missing migrations
	$(MANAGE) check --fail-level WARNING
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# The npm tools of the browser suite, the audit and the stylesheet: vnu-jar,
# lighthouse, purgecss, csso.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

browser: setup node_modules/.installed ## Only the browser suite (needs chromium and java)
	$(BIN)/pytest -m browser tests/browser $(PYTEST_ARGS)

css: setup node_modules/.installed ## Rebuild static/css/public.css, the one stylesheet of the public pages, from its sources
	node build-css.mjs

bootstrap: css ## The same as make css (Bootstrap is part of the one stylesheet)

audit: setup node_modules/.installed collectstatic ## Lighthouse (mobile) on every landing page: scores and LCP into reports/lighthouse/
	$(BIN)/python -m tests.browser.audit

bench: setup ## Benchmark production-like serving with wrk; writes reports/bench.md
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

backup: setup ## Online backup of the database into var/backups/ (SQLite backup API, or pg_dump)
	$(MANAGE) backup_database $(BACKUP_ARGS)

clean: ## Remove the virtualenv, collected static files and caches
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache

# Entendu: `make run` and `make test` are all a fresh machine needs (only python3 required).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint format install migrate seed messages worker relay clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

# `make run`: SQLite and in-process tasks, whatever the shell has set.
run: export DATABASE_URL =
run: export REDIS_URL =
run: export DJANGO_SETTINGS_MODULE = config.settings.local
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# axe-core (npm) for the browser tests' accessibility checks; without npm they skip (CI fails).
JS_INSTALLED := node_modules/.installed
$(JS_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund && touch $(JS_INSTALLED); \
	else echo "npm not found: the axe-core accessibility checks will be skipped"; fi

# The suite runs in TEST_WORKERS processes (pytest-xdist), each with its own test database and
# Redis database (config/settings/test.py). NOTE: `--dist load` hands tests out in pytest-django's
# order (database tests, then transactional ones, whose flush empties the migrations' seed
# data, then the rest), so each worker keeps that order; worksteal would not.
# TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2
test: install $(JS_INSTALLED)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

# The import contracts (layers) are in pyproject.toml, [tool.importlinter]; docs/dev/architecture.md.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate every language's catalogues after changing UI strings (needs GNU gettext): the
# templates' and Python's (django.po) and the scripts' (djangojs.po, served by /jsi18n/<lang>/).
# Each app keeps its own catalogues in <app>/locale; locale/ holds the project-wide strings.
# NOTE: LOCALES is every catalogue kept in locale/ (a new language: mkdir locale/<ll>, see the
# README's "Adding a language"), including languages not yet switched on in LANGUAGES.
APPS_WITH_CATALOGUES := events testimonies voice coding analysis nlp
LOCALES ?= $(sort $(notdir $(wildcard locale/*)))
IGNORED := .venv/* node_modules/* staticfiles/* tests/* bench/* test-artifacts/*
messages: install
	for domain in django djangojs; do \
		$(BIN)/python manage.py makemessages -d $$domain $(foreach l,$(LOCALES),-l $(l)) \
			--no-obsolete $(foreach i,$(IGNORED),--ignore=$(i)) \
			$(foreach app,$(APPS_WITH_CATALOGUES),--ignore=$(app)/*) || exit 1; \
		for app in $(APPS_WITH_CATALOGUES); do \
			mkdir -p $$app/locale && (cd $$app && ../$(BIN)/django-admin makemessages \
				-d $$domain $(foreach l,$(LOCALES),-l $(l)) --no-obsolete) || exit 1; \
		done; \
	done
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules
	for app in $(APPS_WITH_CATALOGUES); do \
		(cd $$app && ../$(BIN)/django-admin compilemessages) || exit 1; \
	done

worker: install
	$(BIN)/celery -A config.celery_app worker -Q default,nlp,audio --loglevel=INFO

# The transactional outbox's relay: publishes what could not be sent at commit (broker down).
relay: install
	$(BIN)/python manage.py relay_outbox --loop --interval 5

clean:
	rm -rf $(VENV) staticfiles test-artifacts

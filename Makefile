# Kooperativa Knowledge Hub — the commands the README describes.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# The browser tests' JavaScript (axe-core), pinned in tests/package-lock.json; npm ci leaves this file.
TEST_NODE_MODULES := tests/node_modules/.package-lock.json

# requirements*.lock: every package with its hashes, resolved from requirements*.txt by `make lock`.
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

.PHONY: run setup install messages test test-sqlite lint format clean screenshots lock

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

setup: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) setup_roles
	$(MANAGE) load_demo_content

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock

# After changing requirements.txt or requirements-dev.txt (a test fails until the locks agree).
# Resolve in a venv of the oldest Python 3.11 the hub installs on (Debian 12's 3.11.2, e.g.
# PYTHON=/usr/bin/python3.11): a lock resolved on a newer one may pin a release it cannot install.
lock: $(BIN)/python
	$(BIN)/pip install --quiet $(PIP_TOOLS)
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file requirements-dev.lock requirements-dev.txt

messages: install
	$(MANAGE) compile_translations

# Needs Node.js and npm, which only the tests use: without them the accessibility tests are skipped
# with a message (and fail under CI=true).
$(TEST_NODE_MODULES): tests/package.json tests/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests && npm ci --no-audit --no-fund; \
	else echo "*** No npm here: the accessibility tests will be skipped (install Node.js and npm). ***" >&2; fi

# The whole suite runs on DATABASE_URL (PostgreSQL in CI) or the embedded SQLite default, its
# search tests on ELASTICSEARCH_URL or else on the test node that .ci/with-elasticsearch starts
# when this machine has Java 21+ and Maven (skipped loudly without); when a server database is
# configured, the smoke pass runs once more on SQLite without the engine.
test: install messages lint $(TEST_NODE_MODULES)
	$(MANAGE) makemigrations --check --dry-run
	.ci/with-elasticsearch $(BIN)/pytest
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "Smoke pass on the embedded default (SQLite, database search)"; \
		DATABASE_URL= ELASTICSEARCH_URL= $(BIN)/pytest -m smoke -p no:cacheprovider; \
	fi

# The README's pictures of the hub (docs/screenshots/) are taken by the browser tests that walk
# through those pages, so a picture is only ever of a page its test found working: the tests save
# them reduced to 256 colours in tests/screenshots/readme/ (tests/browser.py, `screenshot(...,
# readme=True)`), and this runs those tests and copies what they saved. CI=true: a test that
# cannot run here (no chromium, no Elasticsearch) fails instead of leaving its pictures out.
README_SCREENSHOT_TESTS := tests/test_browser_journeys.py tests/test_browser_trainer_journey.py \
	tests/test_browser_editor_journey.py "tests/test_browser_phone.py::test_no_page_is_wider_than_a_phone[mk-390]"

screenshots: install messages
	rm -rf tests/screenshots/readme
	CI=true .ci/with-elasticsearch $(BIN)/pytest -p no:cacheprovider $(README_SCREENSHOT_TESTS)
	mkdir -p docs/screenshots
	cp tests/screenshots/readme/*.png docs/screenshots/

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=site $(BIN)/lint-imports
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(BIN)/hadolint Dockerfile
	$(BIN)/deptry .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles tests/node_modules

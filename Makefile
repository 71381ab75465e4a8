# Two entry points a newcomer needs: `make run` (set up, then extract the sample corpus into
# outputs/events.db) and `make test` (set up, then run the test suite). Both are idempotent.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/extractor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/extractor

setup: $(BIN)/extractor

# Debian's chromium for the review page's browser test (Playwright's own download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

run: setup
	$(BIN)/extractor run corpora/ --db outputs/events.db --jsonl outputs/events.jsonl

test: setup browser
	$(BIN)/python -m pytest

.PHONY: setup browser run test

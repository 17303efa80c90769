# Two entry points for a fresh machine: `make site` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check install browser-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

## Validate data, then build every feed into calendars/ and the site into site/.
site: install
	$(PY) -m ikko build

## Validate data only (what an editor runs before committing).
check: install
	$(PY) -m ikko check

browser-deps:
	@if [ -x .ci/install-browser ] || [ -f .ci/install-browser ]; then bash .ci/install-browser; fi

## Install everything the tests need (packages, Debian's chromium) and run every test.
test: install browser-deps
	$(PY) -m pytest

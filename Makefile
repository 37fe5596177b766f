# The two quick-start targets. Each sets up everything it needs on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup build test bench chromium

$(BIN)/geomap: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/geomap

# Debian's Chromium, for the browser tests of the maps (root or sudo needed once).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

build: setup
	$(BIN)/geomap build

test: setup chromium
	$(BIN)/python -m pytest

bench: setup
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

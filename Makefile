# One target per routine task. Each creates the virtual environment it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench dist system-deps test-system-deps clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[gui,dev,gui-test]"
	touch $(STAMP)

# Debian packages the app and the tests need (Qt's xcb plugin, CJK fonts); skipped when present.
system-deps:
	@bash installer/linux/install-system-deps.sh

## Start kishomail on embedded defaults (demo store, bundled telegrams, local mail sink).
run: system-deps $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(PY) -m desktop; else echo "No display: starting under xvfb-run (use a desktop session to see the window)."; xvfb-run -a $(PY) -m desktop; fi

# The real servers the tests talk to (postfix, dovecot, chromium) besides the GUI's libraries.
test-system-deps:
	@bash installer/linux/install-system-deps.sh --test

## Install everything and run the whole test suite (lint, types, tests).
test: system-deps test-system-deps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

## Ruff (with the complexity limit), the import contracts of pyproject's [tool.importlinter]
## (the floors of dispatch/, feeds/ and desktop/) and mypy strict over the code and the tests.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

bench: $(STAMP)
	@for b in bench/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(PY) $$b || exit 1; done

## Build the one-folder bundle dist/kishomail/ (kishomail + kishomail-gui) and run its selftest.
## On Windows the same spec builds the Windows bundle; installer/windows/kishomail.nsi wraps it.
dist: $(STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller installer/kishomail.spec
	dist/kishomail/kishomail selftest --no-error-dialogs

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

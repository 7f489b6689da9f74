# The Makefile only bootstraps the project-local virtualenv and delegates to
# invoke (tasks.py), so that `make serve` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
STAMP  := $(VENV)/.requirements.sha256
INV    := $(VENV)/bin/invoke

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup browser serve build test check clean livereload preview publish

setup: $(STAMP)

# Reinstall only when requirements.txt changed (keyed on its hash, not mtime).
$(STAMP): requirements.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@if [ "$$(sha256sum requirements.txt | cut -d' ' -f1)" != "$$(cat $(STAMP) 2>/dev/null)" ]; then \
	  echo "Installing pinned Python packages into $(VENV)/ ..."; \
	  $(VENV)/bin/pip install --disable-pip-version-check -q -r requirements.txt && \
	  sha256sum requirements.txt | cut -d' ' -f1 > $(STAMP); \
	else touch $(STAMP); fi

# Browser tests drive Debian's chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests ..."; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

serve: setup
	$(INV) build serve

build: setup
	$(INV) build

test: setup browser
	$(INV) test

check: setup
	$(INV) check

livereload: setup
	$(INV) livereload

preview: setup
	$(INV) preview

publish: setup
	$(INV) publish

clean: setup
	$(INV) clean

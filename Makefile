# The Makefile only bootstraps the project-local virtualenv and delegates to
# invoke (tasks.py), so that `make serve` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
STAMP  := $(VENV)/.requirements.sha256
INV    := $(VENV)/bin/invoke

.PHONY: setup serve build test check clean livereload preview publish

setup: $(STAMP)

# Reinstall only when requirements.txt changed (keyed on its hash, not mtime).
$(STAMP): requirements.txt
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	@if [ "$$(sha256sum requirements.txt | cut -d' ' -f1)" != "$$(cat $(STAMP) 2>/dev/null)" ]; then \
	  echo "Installing pinned Python packages into $(VENV)/ ..."; \
	  $(VENV)/bin/pip install --disable-pip-version-check -q -r requirements.txt && \
	  sha256sum requirements.txt | cut -d' ' -f1 > $(STAMP); \
	else touch $(STAMP); fi

serve: setup
	$(INV) build serve

build: setup
	$(INV) build

test: setup
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

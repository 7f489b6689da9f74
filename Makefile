# The Makefile only bootstraps the project-local virtualenv and delegates to
# invoke (tasks.py), so that `make serve` and `make test` work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
STAMP  := $(VENV)/.requirements.sha256
INV    := $(VENV)/bin/invoke

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
NODE_STAMP := node_modules/.lock.sha256
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends

.PHONY: setup browser rsync checkers serve build test check clean livereload preview publish new

setup: $(STAMP)

# Reinstall only when requirements.txt changed (keyed on its hash, not mtime).
# Debian's own python3 needs python3-venv for `-m venv`; a half-made venv
# (python but no pip) is removed and made again.
# The project itself is installed in editable mode (pyproject.toml), so the
# plugins and portal/ import by one name everywhere, without sys.path edits.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(VENV)/bin/pip || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Installing Debian's python3-venv ..."; rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); }; }
	@if [ "$$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)" != "$$(cat $(STAMP) 2>/dev/null)" ]; then \
	  echo "Installing pinned Python packages into $(VENV)/ ..."; \
	  $(VENV)/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt && \
	  $(VENV)/bin/python -m pip install --disable-pip-version-check -q --no-deps -e . && \
	  cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1 > $(STAMP); \
	else touch $(STAMP); fi

# Browser tests drive an installed Chromium (never a downloaded browser): the
# one PORTAL_CHROMIUM names, or chromium, chromium-browser or google-chrome on
# PATH (portal/browser.py looks in the same order). Else Debian's chromium is
# installed; Ubuntu's apt package is only a stub for the snap, so there it stops
# with a hint instead.
browser:
	@[ -n "$$PORTAL_CHROMIUM" ] && [ -x "$$PORTAL_CHROMIUM" ] || \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	command -v google-chrome >/dev/null 2>&1 || { \
	  if [ "$$( . /etc/os-release 2>/dev/null; echo "$$ID")" = ubuntu ]; then \
	    echo "No Chromium found. Ubuntu's apt chromium is a snap stub: install Google Chrome or" \
	         "Debian's chromium, or set PORTAL_CHROMIUM=/path/to/chrome." >&2; exit 1; fi; \
	  echo "Installing Debian's chromium for the browser tests ..."; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) chromium; }

# invoke publish copies releases with rsync; the publish tests need it too.
rsync:
	@command -v rsync >/dev/null 2>&1 || { \
	  echo "Installing Debian's rsync for invoke publish ..."; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) rsync; }

# The checkers the tests run on the built site: axe-core (npm), the Nu HTML
# Checker (npm vnu-jar, needs Java). Reinstalled only when the lock changes.
# Java comes first and install scripts are off: vnu-jar's postinstall would
# otherwise try to download a Java of its own, which this network refuses.
checkers: $(NODE_STAMP)
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) default-jre-headless; }

$(NODE_STAMP): package-lock.json
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) default-jre-headless; }
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(APT_INSTALL) nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@sha256sum package-lock.json | cut -d' ' -f1 > $(NODE_STAMP)

serve: setup
	$(INV) build serve

build: setup
	$(INV) build

test: setup browser rsync checkers
	$(INV) test

check: setup
	$(INV) check

# make new JUDUL="Judul artikel" [RUBRIK="…"] [PENULIS="…"] [EDITOR="…"] [JENIS=pengumuman|agenda]: the values reach
# invoke through the environment ("$$JUDUL"), so quotes and $ in a title stay text.
new: setup
	@test -n "$$JUDUL" || { echo 'Tulis judulnya: make new JUDUL="Judul artikel" (RUBRIK=, PENULIS=, EDITOR= boleh ditambahkan)' >&2; exit 2; }
	@$(INV) new "$$JUDUL" --rubrik "$$RUBRIK" --penulis "$$PENULIS" --editor "$$EDITOR" --jenis "$${JENIS:-berita}"

livereload: setup
	$(INV) livereload

preview: setup
	$(INV) preview

publish: setup rsync
	$(INV) publish

clean: setup
	$(INV) clean

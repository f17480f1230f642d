# Two commands do everything on a fresh machine (Debian/Ubuntu, Python 3.11):
#   make book   build the static book into _build/html and serve it on http://localhost:8000
#   make test   run every test (science, widgets, notebooks, book, browser)
# Each creates .venv on first use and installs what it needs.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BOOK_PORT  ?= 8000
VOILA_PORT ?= 8866
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null && echo sudo)

.PHONY: book build grids serve voila classroom hub test chromium node frontend clean help

help:
	@echo "make book   - build the book and serve it on http://localhost:$(BOOK_PORT)"
	@echo "make build  - only build the book into _build/html"
	@echo "make voila  - serve the chapters as interactive apps on http://localhost:$(VOILA_PORT) (this computer only)"
	@echo "make classroom - classroom server: gallery + apps on http://0.0.0.0:$(VOILA_PORT), with a class code (docs/classroom.md)"
	@echo "make hub    - a local JupyterHub on http://127.0.0.1:8000: each student's own classroom server (deploy/jupyterhub)"
	@echo "make test   - run all tests"
	@echo "make lint   - ruff on code and notebooks (part of make test)"
	@echo "make floors - science and widget tests at the lowest declared versions (make test on CI)"
	@echo "make site   - build the book and copy it to _build/site: the folder that is published"
	@echo "make frontend - install esbuild/uPlot/axe-core from npm and rebuild the live explorers' bundles"

$(STAMP): requirements.txt requirements-test.txt deploy/jupyterhub/requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-test.txt
	@touch $(STAMP)

# run-down scenarios of the ouabain app, computed once per model version into ~/.cache/nakmodel
# (or $$NAKMODEL_CACHE_DIR; the file name carries a fingerprint of the model's source, so it cannot go stale)
grids: $(STAMP)
	$(PY) -m nakmodel.book.ouabain_grid
	$(PY) -m nakmodel.book.spike_grid

build: $(STAMP) grids
	$(VENV)/bin/jupyter-book build . --all -W -n --keep-going

book: build serve

# the dashboards' Voilà template (voila.json: nak-offline, nothing from a CDN) linked into the venv
VOILA_TEMPLATE := $(VENV)/share/jupyter/voila/templates/nak-offline
$(VOILA_TEMPLATE): | $(STAMP)
	bash scripts/install_voila_template.sh $(PY)

serve:
	@echo "Serving the book on http://localhost:$(BOOK_PORT)/ (Ctrl-C to stop)"
	@(command -v xdg-open >/dev/null && sleep 1 && xdg-open http://localhost:$(BOOK_PORT)/ >/dev/null 2>&1 &) || true
	$(PY) -m http.server $(BOOK_PORT) --bind 127.0.0.1 --directory _build/html

# The apps on this computer only: the classroom server bound to loopback (gallery, kernel cap, the
# websocket guard, CSP, XSRF on, the book's template; no class code since nobody else can connect).
# For a class: make classroom. A bare `voila chapters/` also works (stock template, none of these guards).
voila: $(STAMP) $(VOILA_TEMPLATE) grids
	$(PY) -m classroom --port=$(VOILA_PORT) --ip=127.0.0.1

# Classroom server: gallery at /, preheated kernels, kernel cap, idle culling (docs/classroom.md).
# Options: make classroom VOILA_PORT=9000 CLASSROOM_POOL=2 CLASSROOM_MAX_KERNELS=40 CLASSROOM_CULL_MINUTES=10
classroom: $(STAMP) $(VOILA_TEMPLATE) grids
	$(PY) -m classroom --port=$(VOILA_PORT)

# configurable-http-proxy for the local JupyterHub, from npm (deploy/jupyterhub/package-lock.json)
HUB_PROXY := deploy/jupyterhub/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): deploy/jupyterhub/package.json deploy/jupyterhub/package-lock.json | node
	cd deploy/jupyterhub && npm ci --no-audit --no-fund --silent
	@touch $(HUB_PROXY)

# A local JupyterHub (one shared class password: for a trial on this machine only; see deploy/jupyterhub/README.md)
hub: $(STAMP) $(VOILA_TEMPLATE) $(HUB_PROXY)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

node:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Node.js and npm from Debian packages"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium from Debian packages (for the browser tests)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

# Live explorers (docs/frontend.md): npm packages into node_modules/ (git-ignored), then the
# bundles (committed, so the book and Voilà need no npm).
NODE_MODULES := node_modules/.package-lock.json
$(NODE_MODULES): package.json package-lock.json | node
	npm ci --no-audit --no-fund
	@touch $(NODE_MODULES)

frontend: $(NODE_MODULES)
	node scripts/build_frontend.mjs

# test installs the npm tools (esbuild, axe-core) but does not rebuild the bundles: the tests check
# the committed ones (tests/frontend/test_bundle.py fails when they are older than their sources)
test: $(STAMP) $(VOILA_TEMPLATE) $(HUB_PROXY) chromium grids $(NODE_MODULES)
	bash scripts/run_tests.sh

clean:
	rm -rf _build .pytest_cache

.PHONY: lint floors site

lint: $(STAMP)
	$(PY) -m ruff check .

# a second venv (_build/venv-floor) with every dependency at its lowest declared version
floors: $(STAMP)
	bash scripts/check_floors.sh

# Exactly what .github/workflows/book.yml publishes to GitHub Pages: the built book without the
# builder's bookkeeping (dot files), in _build/site/ and as _build/site.tar.gz (docs/publishing.md).
site: build
	bash scripts/pack_site.sh _build/html _build/site

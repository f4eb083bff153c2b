# Two commands set everything up (see README.md):
#   make site   create .venv if missing, install the pinned dependencies, build the demo site into output/
#   make test   install what the tests need (Chromium included) and run the whole suite
# Pelican quickstart's targets keep their usual meaning: html, clean, regenerate, serve, devserver, publish.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
PELICANOPTS ?=

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# --- the README's two commands -------------------------------------------------

site: $(VENV)/.runtime html ## create .venv, install pins, build the demo site into output/

test: $(VENV)/.test browser ## install test deps (Chromium too) and run the whole suite
	$(BIN)/python -m pytest

# --- environments -------------------------------------------------------------

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime $@

browser: ## make sure Debian's Chromium and Vietnamese-complete fonts are installed
	@bash tests/browser/ensure-chromium.sh

# --- Pelican quickstart targets -----------------------------------------------

html: $(VENV)/.runtime ## build the site with development settings
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean: ## remove the generated site and caches
	rm -rf $(OUTPUTDIR) cache __pycache__

regenerate: $(VENV)/.runtime ## rebuild on every change
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: ## serve output/ at http://localhost:$(PORT)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: $(VENV)/.runtime ## live preview: rebuild on change and serve at http://localhost:$(PORT)
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

publish: $(VENV)/.runtime ## production build (publishconf.py, warnings are errors)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings $(PELICANOPTS)

# --- developers ---------------------------------------------------------------

lint: $(VENV)/.test ## ruff check and format check
	$(BIN)/ruff check plugins tests bench pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests bench pelicanconf.py publishconf.py

fmt: $(VENV)/.test ## format the Python code
	$(BIN)/ruff format plugins tests bench pelicanconf.py publishconf.py
	$(BIN)/ruff check --fix plugins tests bench pelicanconf.py publishconf.py

.PHONY: help site test browser html clean regenerate serve devserver publish lint fmt

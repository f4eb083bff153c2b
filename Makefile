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

site: $(VENV)/.runtime node_modules/.installed html ## create .venv, install pins, build the demo site into output/

PYTEST_OPTS ?= -n 2
test: $(VENV)/.test browser node_modules/.installed ## install test deps (Chromium, Node tools too) and run the whole suite
	$(BIN)/python -m pytest $(PYTEST_OPTS)

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

# The contracts with Pelican's internals (tests/contract) and the plain-Python and golden tests against the newest
# Pelican on the package index, in a venv of its own: CI runs it, reports a failure, and does not stop on it.
LATEST_VENV ?= .venv-pelican-latest
test-pelican-latest: ## run the contract, unit and golden tests against the newest Pelican release (report only)
	test -x $(LATEST_VENV)/bin/python || $(PY) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet -r requirements-test.txt
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pelican
	@$(LATEST_VENV)/bin/python -c "import importlib.metadata as m; print('Pelican', m.version('pelican'))"
	$(LATEST_VENV)/bin/python -m pytest -q -n 2 -p no:cacheprovider tests/contract tests/unit tests/golden

browser: ## make sure Debian's Chromium and Vietnamese-complete fonts are installed
	@bash tests/browser/ensure-chromium.sh

# --- Pelican quickstart targets -----------------------------------------------

html: $(VENV)/.runtime ## build the site with development settings
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)
	$(BIN)/python -m tools.search_index $(OUTPUTDIR) -s $(CONFFILE)

clean: ## remove the generated site and caches
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).staging-* $(OUTPUTDIR).failed cache __pycache__

regenerate: $(VENV)/.runtime ## rebuild on every change
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: ## serve output/ at http://localhost:$(PORT)
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT)

devserver: $(VENV)/.runtime ## live preview: rebuild on change and serve at http://localhost:$(PORT)
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS)

# DEMO=yes keeps the sample articles/documents and stand-in photos (a demo deployment only).
DEMO ?=
publish: $(VENV)/.runtime node_modules/.installed ## production build into output/: fresh folder, checks, atomic swap (DEMO=yes keeps samples)
	$(if $(DEMO),PORTAL_DEMO=$(DEMO)) $(BIN)/python -m tools.publish --output $(OUTPUTDIR) build --content $(INPUTDIR) --settings $(PUBLISHCONF)

rollback: ## put the previous production build back into output/ (run again to undo)
	$(BIN)/python -m tools.publish --output $(OUTPUTDIR) rollback

# --- editors (docs/huong-dan-bien-tap.md) ----------------------------------------
# make new TITLE="Tiêu đề bài viết" [CATEGORY="Dân vận"] [AUTHOR="Nguyễn Văn A"] [UNIT="Ban Tuyên giáo"]
TITLE ?=
CATEGORY ?=
AUTHOR ?=
UNIT ?=
CMS_PORT ?= 8081

new: $(VENV)/.runtime ## scaffold content/articles/YYYY/<slug>/index.md: make new TITLE="Tiêu đề bài viết"
	@test -n "$$TITLE" || { echo 'Hãy ghi tiêu đề: make new TITLE="Tiêu đề bài viết"' >&2; exit 2; }
	$(BIN)/python -m tools.editor_tools new "$$TITLE" --content $(INPUTDIR) --category "$$CATEGORY" --author "$$AUTHOR" --unit "$$UNIT"

remove-samples: $(VENV)/.runtime ## before launch: delete every sample article and document (Sample: yes) from content/
	$(BIN)/python -m tools.editor_tools remove-samples --content $(INPUTDIR)

check: $(VENV)/.runtime ## check all content without building: every problem as path:line: message [key]
	$(BIN)/python -m tools.content_checks $(INPUTDIR) -s $(CONFFILE)

node: node_modules/.installed ## install the pinned Node tools (Sveltia CMS, Decap CMS, decap-server, audit tools)

cms: $(VENV)/.runtime node_modules/.installed ## web editor offline (Decap CMS): decap-server + live preview, open http://localhost:$(PORT)/admin/
	PORT=$(CMS_PORT) GIT_REPO_DIRECTORY=$(CURDIR) MODE=fs node_modules/.bin/decap-server & server=$$!; \
	trap 'kill $$server' EXIT INT TERM; \
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) $(PELICANOPTS) \
		-e 'CMS_ADMIN_APP="decap"' 'CMS_ADMIN_LOCAL_BACKEND_URL="http://localhost:$(CMS_PORT)/api/v1"'

# --- developers ---------------------------------------------------------------

update-golden: $(VENV)/.test ## rewrite tests/golden/*.html from the current build (review the diff!)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/golden -q
	git diff --stat tests/golden

# Python: ruff. Templates: djlint's linter, Jinja profile (never its formatter: the pages' bytes stay as they are). CSS: stylelint (standard config; raw
# colours only in the token block) + Prettier. JS: ESLint (recommended; the classic scripts held to
# ES5) + Prettier. Pins: requirements-test.txt, package.json; configs: pyproject.toml,
# stylelint.config.mjs, eslint.config.mjs, .prettierrc.json.
PY_SOURCES := plugins tools tests bench pelicanconf.py publishconf.py
TEMPLATES := theme/templates
CSS_SOURCES := theme/static/css/*.css
JS_SOURCES := theme/static/js/*.js eslint.config.mjs stylelint.config.mjs
NODE_BIN := node_modules/.bin

lint: $(VENV)/.test node_modules/.installed ## ruff, djlint (templates), stylelint (CSS), ESLint (JS), Prettier (CSS, JS)
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/djlint $(TEMPLATES) --lint --profile=jinja
	$(NODE_BIN)/stylelint $(CSS_SOURCES)
	$(NODE_BIN)/eslint $(JS_SOURCES)
	$(NODE_BIN)/prettier --check $(CSS_SOURCES) $(JS_SOURCES) .prettierrc.json

fmt: $(VENV)/.test node_modules/.installed ## format Python, CSS and JS (then review the diff)
	$(BIN)/ruff format $(PY_SOURCES)
	$(BIN)/ruff check --fix $(PY_SOURCES)
	$(NODE_BIN)/prettier --write $(CSS_SOURCES) $(JS_SOURCES) .prettierrc.json
	$(NODE_BIN)/stylelint --fix $(CSS_SOURCES)

# Timings need a quiet machine; output goes to a tmpfs. The full recipe:
#   make bench BENCH_SIZES="1000 5000 10000"
BENCH_SIZES ?= 1000 5000
BENCH_OPTS ?=

$(VENV)/.bench: bench/requirements.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	touch $@

bench: $(VENV)/.bench ## time stock Pelican, our cold and warm builds and Hugo (BENCH_SIZES="1000 5000")
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES) $(BENCH_OPTS)

BENCH_PHOTOS ?= 200
bench-images: $(VENV)/.runtime ## photo pipeline: cold s/photo, warm encodes, bytes (BENCH_PHOTOS=200 of 4000×3000)
	$(BIN)/python bench/bench_images.py --photos $(BENCH_PHOTOS)

# Audit a production build served on a loopback port (SITEURL points there):
# axe-core, the Nu HTML checker, linkinator, Lighthouse 12 and the article's transfer size.
# The Node tools install from package.json/package-lock.json (exact pins) into node_modules/.
# It audits the theme on the committed fixture site (the seed article and its placeholder photos,
# hence DEMO=yes), so its figures do not change with the news; AUDIT_CONTENT=content audits the live site.
AUDIT_PORT ?= 8765
AUDITDIR := $(OUTPUTDIR).audit
AUDIT_CONTENT ?= tests/fixtures/site

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

audit: $(VENV)/.test browser node_modules/.installed ## production build + axe, Nu checker, links, Lighthouse, size
	SITEURL=http://127.0.0.1:$(AUDIT_PORT) $(MAKE) --no-print-directory publish OUTPUTDIR=$(AUDITDIR) \
		INPUTDIR=$(AUDIT_CONTENT) DEMO=$(or $(DEMO),yes)
	$(BIN)/python .ci/audit.py $(AUDITDIR) --port $(AUDIT_PORT)

.PHONY: help site test browser html clean regenerate serve devserver publish rollback lint fmt bench bench-images audit new check remove-samples node cms update-golden

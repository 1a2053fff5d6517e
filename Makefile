# The two commands in the README are `make serve` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CURRICULUM ?= curriculum
PORT ?= 8000
FORMAT ?= text
SITE ?= site
TRAINERS_SITE ?= $(SITE)-trainers
EDITION ?= trainers
INSTALLED := $(VENV)/.installed
SYSTEM_PACKAGES := chromium poppler-utils fonts-noto-cjk

export HANDBOOK_CURRICULUM := $(CURRICULUM)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check test setup system-packages clean session schema fields update bench

## serve: build the trainer's edition (authors are trainers) and serve it with live reload at http://localhost:$(PORT)/
serve: setup
	HANDBOOK_EDITION=$(EDITION) $(BIN)/mkdocs serve --livereload --dev-addr localhost:$(PORT)

# One edition into a folder, swapped in only when its build succeeds (a failed build leaves nothing):
# $(call edition,NAME,FOLDER)
define edition
	rm -rf $(2).partial
	HANDBOOK_EDITION=$(1) $(BIN)/mkdocs build --strict --site-dir $(2).partial || { rm -rf $(2).partial; exit 1; }
	rm -rf $(2) && mv $(2).partial $(2)
	@echo "Built the $(1) edition into $(2)/ from $(CURRICULUM)/"
endef

## build: the staff edition into site/ and the trainer's edition into site-trainers/ (each replaced only when it builds)
build: setup
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

## update: merge the project's latest version from the `upstream` remote; curriculum/ stays as it is
update:
	scripts/update.sh upstream main

## bench: time synthetic programs of 100-1000 sessions against the same pages written by hand, page weights, a serve rebuild (prints only)
bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

## test: the whole test suite, browser tests included
test: setup system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(INSTALLED)

$(INSTALLED): requirements.txt requirements-test.txt hooks/handbook/browser_assets.py
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	$(BIN)/python -m handbook.browser_assets
	touch $@

# Chromium prints the packets in the tests; CJK fonts print the Korean example.
system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing (needs root or sudo)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf $(SITE) $(SITE).partial $(TRAINERS_SITE) $(TRAINERS_SITE).partial .cache .pytest_cache

# Virtual Coffee: `make dev` runs everything locally, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help dev test install prereqs python frontend dynamodb-local dev-setup clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

dev: install ## install everything, start every process, keep data in .data/
	$(BIN)/vcoffee dev

test: install ## install, start private services, run every check, stop them
	$(BIN)/vcoffee check

dev-setup: install ## set up the local development environment without starting it

install: prereqs python frontend dynamodb-local deploy-tools

prereqs:
	@PYTHON=$(PYTHON) bash scripts/prereqs.sh --browser

python: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

frontend: frontend/dist/index.html

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src frontend/index.html frontend/vite.config.ts schema.graphql -type f 2>/dev/null)
	cd frontend && npm run --silent build

dynamodb-local: $(VENV)/.installed
	@$(BIN)/python -c "from devtools.stack import DYNAMODB_HOME as h; from devtools.dynamodb_local import install; install(h)"

clean: ## remove installed tools and builds (keeps .data/)
	rm -rf $(VENV) .tools frontend/node_modules frontend/dist

include deploy/deploy.mk

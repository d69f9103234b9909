# article-pipeline: `make help` lists the targets. CI runs `make lint` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SYSTEM_TOOLS := kcat docker-compose chromium

.DEFAULT_GOAL := help
.PHONY: help install compile system-deps kafka run test test-unit lint format lock schemas bench ci clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed" or 0)'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(INSTALLED) ## create .venv with the project, its pinned dependencies and dev tools

# pipeline/nlp's hottest modules compiled with mypyc, rebuilt whenever pipeline/nlp changes
# (scripts/compile.py; docs/design.md, "Compiled text analysis"). Without a C compiler they stay plain
# Python, which works the same, about a fifth slower.
COMPILED := build/.compiled
$(COMPILED): $(INSTALLED) scripts/compile.py $(wildcard pipeline/nlp/*.py)
	@mkdir -p build
	@if command -v cc >/dev/null; then \
	  echo "compiling pipeline/nlp with mypyc (scripts/compile.py, log in build/compile.log)"; \
	  $(BIN)/python scripts/compile.py >build/compile.log 2>&1 || { cat build/compile.log; exit 1; }; \
	else \
	  echo "no C compiler (cc): pipeline/nlp runs as plain Python"; \
	fi
	@touch $@

compile: $(COMPILED) ## compile the text analysis with mypyc (run, test and bench do it first)

system-deps: ## Debian packages the tests use (kcat, docker-compose, chromium), installed when missing
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

kafka: install ## fetch Apache Kafka's jars from Maven Central into .cache/ (once)
	$(BIN)/pipeline kafka fetch

run: install compile kafka ## start a local broker and a worker, produce the samples, print their enriched events
	$(BIN)/pipeline demo

test: install compile system-deps kafka ## every test: unit, agents, and integration against a real local broker
	$(BIN)/pytest

test-unit: install compile ## the tests that need only the venv: unit and agent tiers (no broker, no subprocess)
	$(BIN)/pytest -m "not integration and not system"

lint: install ## ruff and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: install ## pin every dependency's exact version into constraints.txt (after editing pyproject.toml)
	{ printf '%s\n' "# Exact versions of every dependency (pip freeze of a working install); \`make install\` installs" "# within them. Regenerate after changing pyproject.toml: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^article-pipeline'; } > constraints.txt

schemas: install ## regenerate schemas/ from the pydantic models
	$(BIN)/pipeline schemas

bench: install compile kafka ## throughput and latency against a private broker (bench/RESULTS.md); bench/ has more
	$(BIN)/python bench/throughput.py

ci: lint test ## exactly what CI runs

clean: ## remove the virtualenv, caches and compiled modules (keeps .cache/ with the Kafka jars)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build pipeline/nlp/*.so

# specgate: the make targets users rely on (see DESIGN.md and scripts/README.md).
#   make install   .venv + editable specgate[dev] (+ generated/client) + pinned npm tools (scripts/*/)
#   make generate  openapi/openapi.yaml -> generated/ (byte-identical on a second run)
#   make check     spec valid and linted, generated/ not stale, no breaking change, ruff, mypy, tsc
#   make test      the whole suite (what CI runs), on every core
#   make test-quick  the suite without the tests marked slow, for the edit-test loop
#   make serve | fuzz URL=... KEY=... | publish | bench [SCALE=N] | migration NAME=... | clean

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SPEC := openapi/openapi.yaml
REDOCLY_CONFIG := openapi/redocly.yaml
REDOCLY := scripts/redocly/node_modules/.bin/redocly
TSC := scripts/typescript/node_modules/.bin/tsc
SPECTRAL := scripts/spectral/node_modules/.bin/spectral
URL ?= http://127.0.0.1:8000
KEY ?=
EXAMPLES ?= 100
MAX_TIME ?=
SEED ?=
READ_ONLY ?=
SCALE ?=
# pytest-xdist workers; tests that share a costly module fixture stay on one worker (xdist_group).
WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(WORKERS) --dist loadgroup

# Re-run the Python part of `install` when any of these change (or .venv is removed).
PY_STAMP := $(VENV)/.specgate-install.stamp
PY_INPUTS := pyproject.toml $(wildcard generated/client/pyproject.toml)
# npm writes this file on every install; it is newer than the lock file after `npm ci`.
# One npm folder each: Redocly, the TypeScript client's toolchain, the generators the ecosystem test runs.
NODE_DIRS := redocly typescript ecosystem spectral
NODE_STAMPS := $(foreach dir,$(NODE_DIRS),scripts/$(dir)/node_modules/.package-lock.json)

PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.DEFAULT_GOAL := help
.PHONY: help install generate check lint test test-quick serve fuzz publish bench migration clean distclean

help:
	@sed -n 's/^#   make /  make /p' Makefile

install: $(PY_STAMP) $(NODE_STAMPS)

$(PY_STAMP): $(PY_INPUTS)
	@test -x $(BIN)/python || { echo "creating $(VENV) with $(PY)"; $(PY) -m venv $(VENV); }
	@echo "pip install -e '.[dev]'"
	@$(PIP) install -e '.[dev]'
	@if [ -f generated/client/pyproject.toml ]; then \
		echo "pip install -e generated/client"; \
		$(PIP) install -e generated/client; \
	fi
	@touch $@

scripts/%/node_modules/.package-lock.json: scripts/%/package.json scripts/%/package-lock.json
	@echo "npm ci --prefix scripts/$*"
	@npm ci --prefix scripts/$* --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

generate: install
	$(BIN)/python scripts/generate.py
	@# A client that did not exist at install time is installed now.
	@$(MAKE) --no-print-directory install

check: install
	$(BIN)/openapi-spec-validator $(SPEC)
	$(REDOCLY) lint $(SPEC) --config $(REDOCLY_CONFIG)
	$(SPECTRAL) lint $(SPEC) --ruleset openapi/spectral.yaml --fail-severity=warn --quiet
	$(BIN)/python scripts/generate.py --check
	$(BIN)/python scripts/breaking.py
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(TSC) -p tests/typescript

# The suite starts about 60 Python processes (servers, CLIs, generators): where the environment says
# not to write bytecode caches (git-ignored by-products), each would compile specgate again, and each
# pytest worker would rewrite the assertions of every test module and plugin again.
test test-quick: export PYTHONDONTWRITEBYTECODE =

test: install
	$(PYTEST)

test-quick: install
	$(PYTEST) -m "not slow" --hypothesis-profile=quick

serve: install
	$(BIN)/specgate serve

# make fuzz URL=https://... KEY=sg_... [EXAMPLES=100] [MAX_TIME=600] [SEED=...] [READ_ONLY=1]
# The key goes to specgate by the environment, never on a command line (`ps` shows those); it may
# also come from SPECGATE_FUZZ_API_KEY instead of KEY=.
fuzz: export SPECGATE_FUZZ_API_KEY := $(or $(KEY),$(SPECGATE_FUZZ_API_KEY))
fuzz: install
	@test -n "$$SPECGATE_FUZZ_API_KEY" || { echo "make fuzz needs KEY=<an API key of the deployment>"; exit 2; }
	$(BIN)/specgate fuzz --url $(URL) --examples $(EXAMPLES) \
		$(if $(MAX_TIME),--max-time $(MAX_TIME)) $(if $(SEED),--seed $(SEED)) $(if $(READ_ONLY),--read-only)

publish: install
	$(BIN)/python scripts/publish.py

bench: install
	$(BIN)/python scripts/bench.py $(if $(SCALE),--scale $(SCALE))

# make migration NAME="add teams": the next migration, from store/schema.py (scripts/migration.py).
migration: install
	@test -n "$(NAME)" || { echo 'make migration needs NAME="what it does"'; exit 2; }
	$(BIN)/python scripts/migration.py "$(NAME)"

clean:
	find reports -mindepth 1 -not -name bench.md -exec rm -rf {} + 2>/dev/null || true
	rm -rf dist build .specgate .mypy_cache .ruff_cache .pytest_cache .hypothesis
	rm -rf generated/client/.pdm-build generated/client/dist generated/typescript/dist
	find . -path ./$(VENV) -prune -o -path './scripts/*/node_modules' -prune -o \
		-name __pycache__ -type d -exec rm -rf {} +

# clean, and also the installed tools (.venv, node_modules).
distclean: clean
	rm -rf $(VENV) $(foreach dir,$(NODE_DIRS),scripts/$(dir)/node_modules)

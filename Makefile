# Sōsai: make run (all four services on embedded defaults) and make test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY := .venv/bin/python
# the services' packages, read from their one definition (sosai_shared.processes.SERVICES)
SERVICES = $(shell $(PY) -m sosai_shared.processes --list | cut -d' ' -f2)
# the fast tier: pure tests (no database, no broker); the plugins the other tiers need are not loaded
UNIT_DIRS = $(wildcard shared/tests/unit services/*/tests/unit)
UNIT_ARGS := -q -p no:randomly -p no:schemathesis -p no:hypothesispytest -p no:anyio

.PHONY: help venv run test test-unit test-full lint fmt token client seed reconcile report bench infra-up infra-down migrate migration sbom scan clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

venv: .venv/.synced ## create/refresh the virtualenv from uv.lock
.venv/.synced: uv.lock pyproject.toml shared/pyproject.toml $(wildcard services/*/pyproject.toml) | $(UV)
	$(UV) sync --frozen
	@touch $@

run: venv ## run every service and the development OAuth2 issuer on SQLite + the embedded broker (Ctrl-C stops all)
	$(PY) -m sosai_shared.processes

test: venv ## every suite on the embedded defaults (SQLite + Tansu), the unit tests included
	bash scripts/test-tier.sh embedded $(ARGS)

test-unit: venv ## the fast tier: pure domain rules, no database or broker (shared/ and services/*/tests/unit)
	$(PY) -m pytest $(UNIT_DIRS) $(UNIT_ARGS) $(ARGS)

test-full: venv ## every suite on PostgreSQL + Apache Kafka (started here)
	bash scripts/test-tier.sh full $(ARGS)

lint: venv ## ruff + mypy --strict on shared/src and every services/*/src
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy --strict shared/src $(wildcard services/*/src)

fmt: venv ## format the code
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

token: venv ## a development token, from the dev issuer when it runs: make token ORG=moe-jver-registry SUB=registry-officer-2 SCOPES="registry:admin"
	@$(PY) -m sosai_shared.auth.cli --org "$(or $(ORG),demo-org)" $(if $(SUB),--sub "$(SUB)") $(foreach s,$(SCOPES),--scope $(s))

client: venv ## regenerate the Python client (clients/python) from the four services' OpenAPI
	$(PY) scripts/client/generate.py

seed: venv ## load the FY2010 white-paper programme through the public APIs (services running: make run)
	$(PY) scripts/seed/seed_fy2010.py $(ARGS)

report: venv ## the programme's figures as one HTML page with charts -> var/report/white-paper.html
	$(PY) scripts/report/white_paper.py $(ARGS)

bench: venv ## run the benchmarks (local PostgreSQL and Tansu started here); record results in bench/*.md
	bash deploy/local/postgres.sh start
	SOSAI_TANSU_PORT=19096 bash deploy/local/tansu.sh start
	$(PY) bench/registry/run.py --broker 127.0.0.1:19096; rc=$$?; SOSAI_TANSU_PORT=19096 bash deploy/local/tansu.sh stop; exit $$rc
	$(PY) bench/calculator/bench_csv_footprint.py

infra-up: ## start the local PostgreSQL and Apache Kafka (deploy/local)
	bash deploy/local/postgres.sh start
	bash deploy/local/kafka.sh start

infra-down: ## stop them
	bash deploy/local/kafka.sh stop
	bash deploy/local/postgres.sh stop

migrate: venv ## apply every service's migrations to its DATABASE_URL (production: a Job)
	@for s in $(SERVICES); do $(PY) -m sosai_shared.migrations upgrade $$s; done

migration: venv ## new migration: make migration SVC=registry MSG="add x"
	rm -f /tmp/sosai-migration-$(SVC).db
	$(PY) -m sosai_shared.migrations revision "$(MSG)" sosai_$(subst -,_,$(SVC)) sqlite+aiosqlite:////tmp/sosai-migration-$(SVC).db

sbom: venv ## CycloneDX SBOM of each service image's Python dependencies -> var/sbom/<svc>.cdx.json
	bash deploy/supply-chain.sh sbom

scan: venv ## vulnerability scan (pip-audit) of the same; fails on a finding or a package it could not check
	bash deploy/supply-chain.sh scan

clean: ## remove local state (SQLite files, logs, broker data)
	rm -rf var

reconcile: venv ## compare each consumer's view with the registry's public ledger (services running: make run); ARGS=--repair replays what is missing
	$(PY) -m sosai_shared.reconciliation $(ARGS)

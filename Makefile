# The two commands: `make dev` and `make test`. Both bootstrap .venv from the requirements.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAGE ?= dev
STACK ?= entraide-$(STAGE)
WEB_ORIGIN ?=
export TZ := UTC

.PHONY: dev test lint audit bench load deploy package rehearse clean browser moderation-model

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# Chalice's packager drives pip itself and supports pip < 26.3 only.
	$(BIN)/pip install --quiet --upgrade 'pip<26.3'
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

dev: $(STAMP)
	$(BIN)/python -m devstack

test: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

lint: $(STAMP)
	$(BIN)/ruff check .

# Exact pins and pip-audit over the installed environment; fails when the vulnerability data
# cannot be reached (make test runs the same check and only warns then).
audit: $(STAMP)
	$(BIN)/python -m infra.supply_chain --strict

bench: $(STAMP)
	$(BIN)/python -m bench

# Retrains the moderator's learned stage (data/model.tsv, data/severity.tsv and the generated
# corpus; seeded, same inputs same bytes: `python -m tools.moderation_train --check` verifies
# the shipped ones).
moderation-model: $(STAMP)
	$(BIN)/python -m tools.moderation_train

# Hundreds of sockets through a local stack of its own on 127.0.0.1 for a few minutes; stops by
# itself, exits 1 on any error or lost message, writes docs/benchmarks.md (bench/load.py).
SOCKETS ?= 300
DURATION ?= 180
RATE ?= 5
load: $(STAMP)
	$(BIN)/python -m bench.load --sockets $(SOCKETS) --duration $(DURATION) --rate $(RATE)

# Deploys the infrastructure stack, then the Chalice app with the stack's outputs
# (docs/deploy.md). Account-specific values go to the ignored .chalice/generated.json.
deploy: $(STAMP)
	$(BIN)/python -m infra.deploy --stage $(STAGE) --stack $(STACK) --web-origin '$(WEB_ORIGIN)'

# The deployment package exactly as `make deploy` builds it (with compiled bytecode).
package: $(STAMP)
	$(BIN)/python -m infra.chalice_cli package --stage $(STAGE) build/package

# The package run the way Lambda runs it, against the emulator (also part of `make test`).
rehearse: $(STAMP)
	$(BIN)/python -m devstack.rehearsal --stage $(STAGE)

clean:
	rm -rf $(VENV) build .pytest_cache

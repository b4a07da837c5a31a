# The two commands: `make dev` and `make test`. Both bootstrap .venv from the requirements.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAGE ?= dev
STACK ?= entraide-$(STAGE)
export TZ := UTC

.PHONY: dev test lint bench deploy package clean browser

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
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

bench: $(STAMP)
	$(BIN)/python -m bench

# Deploys the infrastructure stack, then the Chalice app with the stack's outputs.
deploy: $(STAMP)
	$(BIN)/python -m infra.deploy --stage $(STAGE) --stack $(STACK)
	$(BIN)/chalice deploy --stage $(STAGE)

package: $(STAMP)
	$(BIN)/chalice package --stage $(STAGE) build/package

clean:
	rm -rf $(VENV) build .pytest_cache

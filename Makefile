# Two commands set everything up on a fresh machine (Python 3.11 and pip present):
#   make run    install, then build the warehouse from raw/ (demo submissions when raw/ is empty)
#   make test   install, then run the whole test suite
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
WHEELHOUSE ?= wheelhouse
# pyproject.toml's build backend, at the version the wheelhouse carries for an offline install
BUILD_BACKEND := setuptools==84.2.1
OFFLINE := --no-index --find-links $(WHEELHOUSE)

.PHONY: install install-offline wheelhouse run test soak bench lint dev clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m orchestration.transform.prepare
	touch $@

# Every pinned wheel (requirements.lock), pip and the build backend, to carry into an intranet;
# the few packages published as source only are built into wheels here. Wheels are per Python
# version and platform: run it with the Python the target machine has (PYTHON=python3.12).
wheelhouse:
	$(PYTHON) -m pip wheel --quiet --wheel-dir $(WHEELHOUSE) -r requirements.lock pip $(BUILD_BACKEND)

# `make install` with no network: everything from $(WHEELHOUSE), no package index.
install-offline:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(OFFLINE) --upgrade pip
	$(BIN)/python -m pip install --quiet $(OFFLINE) -c requirements.lock -e '.[dev]'
	$(BIN)/python -m orchestration.transform.prepare
	touch $(VENV)/.installed

run: install
	$(BIN)/tineng demo --if-empty
	$(BIN)/tineng run

test: install
	$(BIN)/python -m pytest

soak: install
	$(BIN)/python -m pytest -m slow

bench: install
	$(BIN)/python -m bench.run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# A project-local Dagster instance (.dagster_home/, git-ignored) that runs one run at a time;
# a dagster.yaml already there is left as it is.
dev: install
	mkdir -p .dagster_home
	test -e .dagster_home/dagster.yaml || ln -s ../deploy/dagster.dev.yaml .dagster_home/dagster.yaml
	DAGSTER_HOME=$(CURDIR)/.dagster_home PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/dagster dev

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs

# Two commands set everything up on a fresh machine (Python 3.11 and pip present):
#   make run    install, then build the warehouse from raw/ (demo submissions when raw/ is empty)
#   make test   install, then run the whole test suite
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: install run test soak bench lint dev clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m orchestration.transform.prepare
	touch $@

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

dev: install
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/dagster dev

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs

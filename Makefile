# One entry point for the course. `make site` and `make test` are the README's two commands.
.PHONY: site test test-fast setup setup-test book check lint types bench lock clean serve app lab vectors
SHELL := bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv/bin

site: setup book ## set up and build the course site into _build/html
	@echo
	@echo "The course site is in $(CURDIR)/_build/html (open index.html)."
	@echo "Serve it locally: make serve  (then open http://127.0.0.1:8000)"

test: setup-test ## set up and run every test: lint, types, units, notebooks, book build, browser
	$(MAKE) --no-print-directory lint types
	node --test tests/js/
	$(VENV)/python -m pytest

test-fast: setup ## the inner loop: lint, types, units and properties; no browser, book or notebook
	$(MAKE) --no-print-directory lint types
	node --test tests/js/
	KFCOURSE_TEST_FAST=1 $(VENV)/python -m pytest tests -m "not browser and not book and not slow" -n auto

setup:
	@bash scripts/setup.sh

setup-test:
	@bash scripts/setup.sh --test

book: ## build the book (warnings are errors); the tests reuse this build while the sources are unchanged
	$(VENV)/python -m kfcourse.book_build

vectors: ## rewrite the golden vectors the JavaScript engine is tested against, and the citations
	$(VENV)/python -m kfcourse.references
	$(VENV)/python -m kfcourse.scenario.export_vectors tests/roleplay/vectors.json
	for f in kfcourse/activities/*_vectors.py; do n=$$(basename $$f .py); \
	  $(VENV)/python -m kfcourse.activities.$$n tests/activities/$$n.json; done

check: ## lint the shipped scenarios
	$(VENV)/kfcourse check

lint: ## ruff: lint and formatting
	$(VENV)/ruff check kfcourse tests bench
	$(VENV)/ruff format --check kfcourse tests bench

types: ## mypy on the core (kfcourse/scenario, journal, analysis; settings in pyproject.toml)
	$(VENV)/mypy

bench: setup ## run every benchmark in bench/
	missed=""; for f in bench/bench_*.py; do $(VENV)/python "$$f" || missed="$$missed $$f"; done; \
	if [ -n "$$missed" ]; then echo "targets missed in:$$missed"; exit 1; fi

lock: ## re-pin Python packages after changing pyproject.toml
	# rfc3987-syntax (with lark) is left out: jsonschema imports it when present and it builds 35
	# parsers at import (2.6 s in every Jupyter, Voila and Sphinx process here; upstream
	# python-jsonschema/jsonschema#1428); jsonschema runs without it (no schema here uses "iri").
	$(VENV)/uv pip compile pyproject.toml --all-extras --python-version 3.11 -q -o requirements/dev.lock \
	  --no-emit-package rfc3987-syntax --no-emit-package lark
	$(VENV)/uv pip compile pyproject.toml --extra app --python-version 3.11 -q -o binder/requirements.txt

app: setup ## open the exercises as apps in Voilà (no code, nothing from other hosts)
	JUPYTER_PATH=$(CURDIR)/kfcourse/jupyter_data JUPYTER_CONFIG_PATH=$(CURDIR)/kfcourse/jupyter_data/config $(VENV)/voila --template=kfcourse --Voila.ip=127.0.0.1 exercises/

lab: setup ## open the exercises in JupyterLab
	$(VENV)/jupyter lab --ServerApp.ip=127.0.0.1 exercises/

serve:
	$(VENV)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build

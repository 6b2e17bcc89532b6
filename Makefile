# The two commands of the README: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := out/store

.PHONY: setup demo test test-fast notebooks bench ns clean

setup: $(STAMP)

$(STAMP): setup.cfg setup.py pyproject.toml requirements.lock requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-models.txt
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/graph-builder build data/articles --store $(STORE) --ttl out/graph.ttl --html out/graph.html
	$(BIN)/graph-builder stats $(STORE)
	$(BIN)/graph-builder query $(STORE) --name founders

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbmake notebooks

bench: $(STAMP)
	$(BIN)/python -m bench

ns: $(STAMP)
	$(BIN)/python -m graph_builder.rdf.gen_ns

clean:
	rm -rf out .pytest_cache

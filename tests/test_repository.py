"""The repository's promises that no module test covers: one lock, installed everywhere;
notebooks stored clean, short and free of checks."""

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._\-]*)==([0-9][0-9A-Za-z.+!]*)(?: ; (.+))?")


def _requirements(path):
    """The requirement lines of a requirements file: no comments, no annotations."""
    lines = path.read_text().splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _lock(path):
    """``{(name, marker): version}`` of a lock; every line must be an exact pin."""
    pins = {}
    for line in _requirements(path):
        match = PIN.fullmatch(line.strip())
        assert match, f"{path.relative_to(ROOT)}: not an exact pin: {line!r}"
        name, version, marker = match.groups()
        key = (re.sub(r"[-_.]+", "-", name).lower(), marker)
        assert key not in pins, f"{path.relative_to(ROOT)}: {name} pinned twice"
        pins[key] = version
    return pins


def test_every_package_is_locked_exactly():
    full = _lock(ROOT / "requirements.txt")
    # The whole environment, not only the top-level packages (~125 on Linux).
    assert len({name for name, _ in full}) > 100
    for top_level in ("numpy", "jupyterlab", "pytest", "setuptools", "pyzmq", "tornado"):
        assert any(name == top_level for name, _ in full), top_level


def test_lock_keeps_the_versions_requirements_in_asks_for():
    full = {name: version for (name, _), version in _lock(ROOT / "requirements.txt").items()}
    for line in _requirements(ROOT / "requirements.in"):
        name, _, version = line.strip().partition("==")
        name = re.sub(r"[-_.]+", "-", name).lower()
        assert name in full, f"{name} is in requirements.in but not in the lock: make lock"
        if version:
            assert full[name] == version, f"{name}: run make lock"


def test_binder_lock_is_the_course_part_of_the_full_lock():
    full = _lock(ROOT / "requirements.txt")
    binder = _lock(ROOT / "binder" / "requirements.txt")
    for key, version in binder.items():
        assert full.get(key) == version, f"binder pins {key[0]}=={version}: run make lock"
    names = {name for name, _ in binder}
    # A learner gets the notebooks' packages, not the maintainers' tools.
    assert {"numpy", "scipy", "jupyterlab", "ipywidgets", "plotly", "mlxtend"} <= names
    assert not names & {"pytest", "nbval", "hypothesis", "ruff", "kaleido"}


def test_locks_are_installed_everywhere():
    makefile = (ROOT / "Makefile").read_text()
    assert "install -r requirements.txt" in makefile
    assert "install --no-deps --no-build-isolation -e ." in makefile
    assert "requirements.in -o requirements.txt" in makefile
    assert "binder/requirements.in" in makefile and "-o binder/requirements.txt" in makefile
    assert "--no-deps" in (ROOT / "binder" / "postBuild").read_text()
    assert "make test" in (ROOT / ".ci" / "run").read_text()


# The course's notebooks, one folder deep, as the Makefile lists them: JupyterLab's
# .ipynb_checkpoints/ copies (written by `make lab`) are not notebooks of the course.
NOTEBOOKS = sorted(
    path for path in ROOT.glob("notebooks/*/*.ipynb") if not path.parent.name.startswith(".")
)


def test_notebooks_are_not_imported_through_sys_path():
    for notebook in NOTEBOOKS:
        assert "sys.path" not in notebook.read_text(), notebook


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
def test_opening_a_notebook_in_jupyterlab_leaves_it_as_stored(path):
    # JupyterLab writes the running kernel's spec into the notebook and autosaves it: a
    # notebook stored with another display name ("Python 3") is modified by just opening it.
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    expected = {"display_name": spec.display_name, "language": spec.language, "name": "python3"}
    assert _load(path)["metadata"]["kernelspec"] == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_notebooks_teach_and_tests_check(path):
    # No assert in a cell a learner is invited to change: key results are pinned by the
    # tests under tests/ and by nbval's comparison of the stored outputs.
    for cell in _code_cells(_load(path)):
        source = "".join(cell["source"])
        assert not re.search(r"^\s*assert ", source, re.MULTILINE), source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_code_cells_are_short_enough_to_read(path):
    # Plotting that is not the lesson lives in homemade.plotting, so every cell stays short.
    # The imports cell is exempt: it is a list of names, not code to follow.
    for cell in _code_cells(_load(path)):
        lines = "".join(cell["source"]).splitlines()
        if all(re.match(r"(from |import |\s+\w+,$|\)$|$)", line) for line in lines):
            continue
        assert len(lines) <= 20, "\n".join(lines)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_only_widget_cells_skip_output_comparison(path):
    notebook = _load(path)
    for cell in _code_cells(notebook):
        source = "".join(cell["source"])
        assert "NBVAL" not in source, "skip nbval's comparison with the cell tag, not a comment"
        if "nbval-ignore-output" in cell["metadata"].get("tags", []):
            assert "interact" in source, "only ipywidgets cells may skip nbval's comparison"
    widgets = notebook["metadata"].get("widgets")
    if widgets is not None:
        # GitHub refuses to render a notebook whose widget metadata has no state.
        assert "state" in widgets["application/vnd.jupyter.widget-state+json"]


def test_readme_algorithm_table_is_written_by_the_script_and_links_exist():
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_table", ROOT / "tools/readme_table.py")
    readme_table = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readme_table)
    readme = (ROOT / "README.md").read_text()
    assert readme_table.table() in readme, "run: python tools/readme_table.py"
    for target in re.findall(r"\]\(((?:homemade|notebooks)/[^)#]+)\)", readme):
        assert (ROOT / target).is_file(), f"README links a missing file: {target}"
    # Every notebook of the course is in the table.
    for notebook in NOTEBOOKS:
        assert str(notebook.relative_to(ROOT)) in readme, notebook.name


# ------------------------------------------------------------- size (CONTRIBUTING.md)
LIBRARY = ROOT / "homemade"


def _library_files(suffix):
    return sorted(LIBRARY.rglob(f"*{suffix}"))


@pytest.mark.parametrize("suffix", [".py", ".md"])
def test_no_library_file_is_over_400_lines(suffix):
    # Code and math pages; the generated SVG figures are not read as text.
    too_long = {str(path.relative_to(ROOT)): n for path in _library_files(suffix)
                if (n := len(path.read_text().splitlines())) > 400}
    assert not too_long, f"over 400 lines, split them: {too_long}"


def test_no_function_or_method_is_over_60_lines():
    too_long = {}
    for path in _library_files(".py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1  # docstring included
                if n > 60:
                    too_long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = n
    assert not too_long, f"over 60 lines, docstring included: {too_long}"

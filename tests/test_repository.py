"""The repository's promises that no module test covers: one set of pins everywhere."""

import pathlib
import re

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

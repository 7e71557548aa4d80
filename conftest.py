"""Test plumbing shared by the unit tests (`tests/`) and the notebook checks (nbval).

The course's data: the library finds each file in HOMEMADE_DATA_DIR or its cache folder,
or downloads it. Where a file can be had neither way (no HOMEMADE_DATA_DIR, no network),
a test or a notebook that needs it is skipped with one line saying which file and how to
get it; under CI (CI=true, as .ci/run sets it) it fails instead, since CI has the data.
"""

import json
import os
import pathlib
import re

import pytest

from homemade import datasets
from homemade.exceptions import DatasetDownloadError

# Read once, here, before any test points the variable at a temporary folder.
COURSE_DATA_DIR = os.environ.get("HOMEMADE_DATA_DIR")

_FASHION = tuple(
    f"fashion-mnist/{split}-{kind}-ubyte.gz"
    for split in ("train", "t10k")
    for kind in ("images-idx3", "labels-idx1")
)

#: The files behind each loader that reads a downloaded file (Iris and the MNIST sample
#: come bundled with packages; ``load_mnist("full")`` is never called by a notebook).
LOADER_FILES = {
    "load_happiness": ("world-happiness-report-2017.csv",),
    "load_microchips": ("microchips-tests.csv",),
    "load_nonlinear": ("non-linear-regression-x-y.csv",),
    "load_server_params": ("server-operational-params.csv",),
    "load_fashion_mnist": _FASHION,
}
BUNDLED_LOADERS = ("load_iris", "load_mnist")

#: What the `course_data` fixture provides: the four CSV files and Fashion-MNIST (30 MB).
COURSE_FILES = tuple(name for files in LOADER_FILES.values() for name in files)

HOW_TO_GET_DATA = (
    "rerun online, or export HOMEMADE_DATA_DIR=/folder/with/the/files (data/README.md)"
)


def in_ci():
    """True under CI (CI=true, as .ci/run sets it): there no test may skip for lack of data."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


_unavailable = {}


def unavailable(name):
    """None if the course file ``name`` is in the data folder or downloads; else why not."""
    if name not in _unavailable:
        try:
            datasets.fetch(name, progressbar=False)
            _unavailable[name] = None
        except DatasetDownloadError as exc:
            _unavailable[name] = _why(exc)
    return _unavailable[name]


def _why(exc):
    """The reason in the library's first line of a DatasetDownloadError, without the URL."""
    first_line = str(exc).splitlines()[0]
    match = re.match(r"Cannot download '([^']+)' from \S+: (.*?)\.?$", first_line)
    return match[2] if match else first_line


def loaders_called(notebook):
    """The ``load_*`` functions that a notebook's code cells call, in order of appearance."""
    cells = json.loads(pathlib.Path(notebook).read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return list(dict.fromkeys(re.findall(r"\b(load_\w+)\(", source)))


def missing_data_message(names):
    """One line naming the first course file of ``names`` that cannot be had, or None."""
    for name in names:
        reason = unavailable(name)
        if reason is not None:
            return (f"needs the course's data file {name}, which cannot be had here "
                    f"({reason}): {HOW_TO_GET_DATA}")
    return None


@pytest.fixture(scope="session")
def course_data():
    """The folder holding the course's data files: HOMEMADE_DATA_DIR when it is set, else the
    library's own data folder once every file is there (downloaded if need be)."""
    if COURSE_DATA_DIR:
        folder = pathlib.Path(COURSE_DATA_DIR).expanduser().resolve()
        missing = [name for name in COURSE_FILES if not (folder / name).is_file()]
        message = missing and (
            f"needs the course's data files; HOMEMADE_DATA_DIR={COURSE_DATA_DIR} lacks "
            f"{', '.join(missing)}"
        )
    else:
        folder = datasets.data_dir()
        message = missing_data_message(COURSE_FILES)
    if message:
        if in_ci():
            pytest.fail(f"CI=true and this test {message}", pytrace=False)
        pytest.skip(message)
    return folder


def pytest_collection_modifyitems(config, items):
    """Skip (off CI) the cells of every notebook whose data cannot be had, before its kernel
    starts, with one line naming the file."""
    if in_ci():
        return
    reasons = {}
    for item in items:
        path = pathlib.Path(str(item.path))
        if path.suffix != ".ipynb":
            continue
        if path not in reasons:
            files = [f for loader in loaders_called(path) for f in LOADER_FILES.get(loader, ())]
            message = missing_data_message(files)
            reasons[path] = message and f"{path.name} {message}"
        if reasons[path]:
            item.add_marker(pytest.mark.skip(reason=reasons[path]))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A unit test that stops on a data file the library cannot find or download is skipped
    (off CI) with the library's first line of explanation, not failed."""
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is None or in_ci() or not call.excinfo.errisinstance(DatasetDownloadError):
        return
    exc = call.excinfo.value
    name = re.match(r"Cannot \w+ '([^']+)'", str(exc))
    what = f"the course's data file {name[1]}" if name else "a course data file"
    report.outcome = "skipped"
    report.longrepr = (str(item.path), item.location[1] or 0,
                       f"Skipped: needs {what}, which cannot be had here ({_why(exc)}): "
                       f"{HOW_TO_GET_DATA}")

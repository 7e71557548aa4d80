import os
import pathlib

import pytest

# The course's data files, from where the library takes them: HOMEMADE_DATA_DIR, read once
# here, before any test points the variable at a temporary folder.
COURSE_DATA_DIR = os.environ.get("HOMEMADE_DATA_DIR")
COURSE_FILES = (
    "world-happiness-report-2017.csv",
    "microchips-tests.csv",
    "non-linear-regression-x-y.csv",
    "server-operational-params.csv",
    # Fashion-MNIST for the two Fashion demos and the benchmarks (about 30 MB).
    "fashion-mnist/train-images-idx3-ubyte.gz",
    "fashion-mnist/train-labels-idx1-ubyte.gz",
    "fashion-mnist/t10k-images-idx3-ubyte.gz",
    "fashion-mnist/t10k-labels-idx1-ubyte.gz",
)


def in_ci():
    """True under CI (CI=true, as .ci/run sets it): there no test may skip for lack of data."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def course_data():
    """The folder holding the course's CSV files: HOMEMADE_DATA_DIR. Without it, the test
    is skipped on a developer's machine and fails under CI."""
    if not COURSE_DATA_DIR:
        problem = "HOMEMADE_DATA_DIR is not set"
    else:
        folder = pathlib.Path(COURSE_DATA_DIR).expanduser().resolve()
        missing = [name for name in COURSE_FILES if not (folder / name).is_file()]
        if not missing:
            return folder
        problem = f"HOMEMADE_DATA_DIR={COURSE_DATA_DIR} lacks {', '.join(missing)}"
    message = (
        f"{problem}: this test needs the course's data files; "
        f"export HOMEMADE_DATA_DIR=/absolute/path/to/a/folder/holding/them"
    )
    if in_ci():
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)

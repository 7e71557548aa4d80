"""``scipy_blas_on_one_thread``: SciPy's own BLAS on one thread inside the block, nothing else
changed, everything restored after (homemade/_blas.py says why)."""

from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import ThreadpoolController

from homemade._blas import _scipy_own_blas, scipy_blas_on_one_thread


def _threads():
    return {library.filepath: library.num_threads
            for library in ThreadpoolController().lib_controllers}


def _scipys():
    return {library.filepath for library in _scipy_own_blas()}


def test_only_scipys_own_blas_is_limited_and_only_inside_the_block():
    before = _threads()
    with scipy_blas_on_one_thread():
        inside = _threads()
    assert _threads() == before
    assert inside == {path: 1 if path in _scipys() else n for path, n in before.items()}


def test_the_threads_come_back_after_an_error():
    before = _threads()
    with pytest.raises(RuntimeError, match="inside"), scipy_blas_on_one_thread():
        raise RuntimeError("inside")
    assert _threads() == before


def _numpys(path):
    package = Path(np.__file__).parent
    return Path(path).parent in (package / ".dylibs", package.parent / "numpy.libs")


def test_with_two_blas_libraries_the_one_that_is_not_numpys_is_found():
    # NumPy's and SciPy's wheels (what the lock installs) each bring their own OpenBLAS;
    # a NumPy and SciPy built against one shared BLAS load one library, and nothing is limited.
    loaded = {library.filepath for library in ThreadpoolController().lib_controllers
              if library.user_api == "blas"}  # not OpenMP, which scikit-learn loads
    if len(loaded) == 1:
        assert _scipys() == set()
        pytest.skip("NumPy and SciPy share one BLAS: there is nothing to limit")
    assert _scipys() == {path for path in loaded if not _numpys(path)}

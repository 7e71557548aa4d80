"""SciPy's optimizers beside NumPy's matrix products: :func:`scipy_blas_on_one_thread`."""

from contextlib import contextmanager
from functools import cache
from pathlib import Path

import scipy.optimize  # not only scipy: importing its optimizers loads SciPy's BLAS
from threadpoolctl import ThreadpoolController


@cache
def _scipy_own_blas():
    # The BLAS libraries that SciPy's wheel brings in its own folder: scipy.libs beside the
    # package (Linux, Windows) or scipy/.dylibs (macOS). Listing the loaded libraries takes
    # about 0.6 ms, so it is done once.
    package = Path(scipy.__file__).parent
    folders = {package / ".dylibs", package.parent / "scipy.libs"}
    return [library for library in ThreadpoolController().lib_controllers
            if Path(library.filepath).parent in folders]


@contextmanager
def scipy_blas_on_one_thread():
    """Run the block with SciPy's own BLAS on one thread; NumPy's keeps all of its threads.

    Why: SciPy's wheels bring an OpenBLAS of their own, beside NumPy's. L-BFGS-B does its
    small matrix-vector products (n parameters × its 10 stored steps) with it, on several
    threads, whose workers then keep spinning for about 0.1 s, waiting for more work. On a
    2-core machine they take a core from the next ``X @ Θ`` of our cost, which then runs at
    half speed. With one thread, nothing is left spinning; SciPy's own products are too small
    to gain from more.

    Measured gain (softmax on full Fashion-MNIST, 60,000 × 785, 10 classes, 100 L-BFGS-B
    iterations, 2 cores): a fit takes 13.7 s instead of 19.5 s in float64, and 6.5 s
    instead of 13.6 s in float32, with the same θ. Where SciPy shares NumPy's BLAS (conda,
    Linux distributions' packages) there is one library, nothing to fix and nothing done.
    """
    libraries = _scipy_own_blas()
    threads = [library.num_threads for library in libraries]
    for library in libraries:
        library.set_num_threads(1)
    try:
        yield
    finally:
        for library, n in zip(libraries, threads, strict=True):
            library.set_num_threads(n)

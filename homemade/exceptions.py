"""The library's exceptions and warnings, in a module that imports nothing of the library.

Every other module may import from here; this module depends only on the standard library,
so no import cycle can run through it.
"""

import functools
import sys


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


class ConvergenceWarning(UserWarning):
    """Issued when a fit may not have found its solution.

    Either an iterative solver stopped at ``max_iter`` before reaching ``tol``, or (k-means)
    the data has fewer distinct points than ``n_clusters``, so that some centroids coincide.
    """


class DataConversionWarning(UserWarning):
    """Raised when input had to be reshaped, e.g. a column-vector ``y`` flattened to 1-D."""


class DatasetHashError(ValueError):
    """A downloaded or cached file does not have the hash pinned in
    ``homemade.datasets.REGISTRY``."""


class DatasetDownloadError(OSError):
    """A file is not cached and could not be downloaded (offline, server error, no write
    access to the cache folder, connection cut half-way)."""


def not_fitted_error(message):
    """A ``NotFittedError`` to raise.

    When the caller uses scikit-learn (it is already imported), the error is also
    scikit-learn's ``NotFittedError``, so that its pipelines, searches and
    ``check_estimator`` recognise it. The library itself never imports scikit-learn.

    Parameters
    ----------
    message : str
        What is not fitted and how to fit it.

    Returns
    -------
    NotFittedError
        An instance, not raised yet: the caller writes ``raise not_fitted_error(...)``.
    """
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError(message)
    return _sklearn_compatible_not_fitted(sklearn_exceptions.NotFittedError)(message)


@functools.cache
def _sklearn_compatible_not_fitted(sklearn_not_fitted):
    return type("NotFittedError", (NotFittedError, sklearn_not_fitted), {"__module__": __name__})

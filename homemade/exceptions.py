"""The library's exceptions and warnings, in a module that imports nothing of the library.

Every other module may import from here; this module depends only on the standard library,
so no import cycle can run through it.
"""

import functools
import sys


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


class ConvergenceWarning(UserWarning):
    """Raised when an iterative solver stops at ``max_iter`` before reaching ``tol``."""


class DataConversionWarning(UserWarning):
    """Raised when input had to be reshaped, e.g. a column-vector ``y`` flattened to 1-D."""


def not_fitted_error(message):
    """A ``NotFittedError`` to raise.

    When the caller uses scikit-learn (it is already imported), the error is also
    scikit-learn's ``NotFittedError``, so that its pipelines, searches and
    ``check_estimator`` recognise it. The library itself never imports scikit-learn.
    """
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError(message)
    return _sklearn_compatible_not_fitted(sklearn_exceptions.NotFittedError)(message)


@functools.cache
def _sklearn_compatible_not_fitted(sklearn_not_fitted):
    return type("NotFittedError", (NotFittedError, sklearn_not_fitted), {"__module__": __name__})

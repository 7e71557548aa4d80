"""The one place that checks the data users pass (X, y) and words the errors.

Every public entry point calls these functions once, at its start. Each message says
what is wrong and, where there is one, the fix. Hyperparameters are checked by
``homemade._parameters``.
"""

import warnings

import numpy as np

from homemade.exceptions import DataConversionWarning, not_fitted_error


def _name(estimator):
    # None means "no estimator given": callers then fall back to a generic wording.
    if estimator is None:
        return None
    if isinstance(estimator, str):
        return estimator
    if isinstance(estimator, type):
        return estimator.__name__
    return type(estimator).__name__


def check_array(X, *, estimator=None, name="X", dtype=np.float64, min_samples=1, min_features=1):
    """Return ``X`` as a finite, 2-D floating-point NumPy array, or raise a clear error.

    A pandas DataFrame is accepted; a column that is not numeric is named in the error.
    """
    columns = getattr(X, "columns", None)
    dtypes = getattr(X, "dtypes", None)
    if columns is not None and dtypes is not None and hasattr(dtypes, "__iter__"):
        bad = [str(c) for c, t in zip(columns, dtypes, strict=True) if not _numeric_dtype(t)]
        if bad:
            raise ValueError(
                f"{name} has non-numeric column(s) {', '.join(repr(b) for b in bad)}. "
                "Select numeric columns only, or encode the categories as numbers first."
            )
    if isinstance(X, (str, bytes)):
        raise TypeError(f"{name} must be an array-like of numbers, got a string.")
    if hasattr(X, "toarray") or type(X).__module__.startswith("scipy.sparse"):
        raise TypeError(
            f"{name} is a sparse matrix; {_name(estimator) or 'this estimator'} needs a dense "
            "array. Convert it with X.toarray()."
        )
    try:
        array = np.asarray(X)
    except Exception as error:
        raise ValueError(f"{name} could not be converted to an array: {error}") from None
    if np.iscomplexobj(array):
        raise ValueError(f"Complex data not supported: {name} holds complex numbers.")
    if array.dtype.kind in "OUSV":
        try:
            array = array.astype(dtype)
        except (TypeError, ValueError) as error:
            # Same exception type as NumPy's: a string that is not a number is a ValueError,
            # an object that is no string or number at all (a dict, a list) a TypeError.
            raise type(error)(
                f"{name} holds values that are not numbers (e.g. strings): {error}. "
                "Convert them to numbers first."
            ) from None
    _check_2d(array, name)
    # A value too large for a narrower dtype becomes inf here; _check_finite reports it,
    # so NumPy's own overflow warning would only be noise.
    with np.errstate(over="ignore"):
        array = np.ascontiguousarray(array, dtype=dtype)
    n_samples, n_features = array.shape
    if n_samples < min_samples:
        raise ValueError(
            f"Found array with {n_samples} sample(s) (shape={array.shape}) while a minimum "
            f"of {min_samples} is required by {_name(estimator) or 'this function'}."
        )
    if n_features < min_features:
        raise ValueError(
            f"Found array with {n_features} feature(s) (shape={array.shape}) while a minimum "
            f"of {min_features} is required by {_name(estimator) or 'this function'}."
        )
    _check_finite(array, name)
    return array


def _check_2d(array, name):
    """One row per sample, one column per feature: say how to reshape anything else."""
    if array.ndim == 0:
        raise ValueError(
            f"Expected 2D array, got scalar array instead: {name}={array!r}. "
            "Reshape your data with array.reshape(1, -1) for a single sample."
        )
    if array.ndim == 1:
        raise ValueError(
            f"Expected 2D array, got 1D array instead: {name} has shape {array.shape}. "
            "Reshape your data with array.reshape(-1, 1) if it has a single feature, "
            "or array.reshape(1, -1) if it is a single sample."
        )
    if array.ndim > 2:
        raise ValueError(
            f"Expected 2D array, got {array.ndim}D array instead: {name} has shape "
            f"{array.shape}. Flatten each sample, e.g. array.reshape(len(array), -1)."
        )


def _numeric_dtype(dtype):
    kind = getattr(dtype, "kind", None)
    return kind is not None and kind in "biuf"


def _check_finite(array, name):
    if array.dtype.kind != "f":
        return
    if not np.isfinite(array).all():
        what = "NaN" if np.isnan(array).any() else "infinity"
        raise ValueError(
            f"Input {name} contains {what}. Remove or impute the missing/infinite values first "
            "(for example with pandas' dropna() or fillna())."
        )


def check_target(y, *, name="y", numeric=True, warn_column=False):
    """Return ``y`` as a 1-D array. A column vector is flattened (with a
    ``DataConversionWarning`` if ``warn_column``); ``numeric`` targets must be finite numbers
    (regression); otherwise any label type is kept (classification)."""
    if isinstance(y, (str, bytes)):
        raise TypeError(f"{name} must be an array-like, got a string.")
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        if warn_column:
            # scikit-learn's wording, so that its estimator checks recognise the warning.
            warnings.warn(
                f"A column-vector y was passed when a 1d array was expected: {name} has shape "
                f"{y.shape}. Pass a 1-D array, e.g. {name}.ravel().",
                DataConversionWarning,
                stacklevel=4,
            )
        y = y.ravel()
    if y.ndim != 1:
        raise ValueError(
            f"{name} should be a 1D array, got an array of shape {y.shape} instead. "
            "Pass one target value per sample."
        )
    if np.iscomplexobj(y):
        raise ValueError(f"Complex data not supported: {name} holds complex numbers.")
    if numeric:
        try:
            y = y.astype(np.float64)
        except (TypeError, ValueError):
            raise ValueError(
                f"{name} holds values that are not numbers; a regression target must be numeric."
            ) from None
        _check_finite(y, name)
    elif y.dtype.kind == "f" or y.dtype.kind == "O":
        try:
            missing = bool(np.isnan(y.astype(np.float64)).any())
        except (TypeError, ValueError):
            missing = any(v is None or (isinstance(v, float) and np.isnan(v)) for v in y)
        if missing:
            raise ValueError(
                f"Input {name} contains NaN. Drop the samples with missing labels first."
            )
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise ValueError(f"Input {name} contains infinity.")
    return y


def check_X_y(X, y, *, estimator=None, dtype=np.float64, numeric_y=True, min_samples=1):
    """Validate ``X`` and ``y`` together: both well-formed and of the same length."""
    X = check_array(X, estimator=estimator, dtype=dtype, min_samples=min_samples)
    if y is None:
        raise ValueError(
            f"{_name(estimator) or 'This estimator'} requires y to be passed, but the target y "
            "is None."
        )
    y = check_target(y, numeric=numeric_y, warn_column=True)
    if len(y) != len(X):
        raise ValueError(
            f"Found input variables with inconsistent numbers of samples: X has {len(X)} rows "
            f"but y has {len(y)} values. Pass one target value per row of X."
        )
    return X, y


def check_classification_targets(y, *, estimator=None):
    """Return ``(classes, y_encoded)``; reject a continuous target or a single class."""
    if y.dtype.kind == "f" and not np.all(np.mod(y, 1) == 0):
        raise ValueError(
            "Unknown label type: y looks continuous (like a regression target). "
            f"{_name(estimator) or 'A classifier'} needs class labels; use a regressor, or "
            "bin the target into classes."
        )
    classes, y_encoded = np.unique(y, return_inverse=True)
    if len(classes) < 2:
        raise ValueError(
            f"{_name(estimator) or 'A classifier'} needs samples of at least 2 classes in the "
            f"data, but the data contains only one class: {classes[:1].tolist()[0]!r}."
        )
    return classes, y_encoded


def check_is_fitted(estimator, attribute="n_features_in_"):
    """Raise ``NotFittedError`` if ``fit`` has not been called."""
    if not hasattr(estimator, attribute):
        raise not_fitted_error(
            f"This {_name(estimator)} instance is not fitted yet. Call 'fit' with appropriate "
            "arguments before using this estimator."
        )


def check_n_features(estimator, X):
    """At predict time, ``X`` must have as many columns as the data ``fit`` saw."""
    expected = estimator.n_features_in_
    if X.shape[1] != expected:
        raise ValueError(
            f"X has {X.shape[1]} features, but {_name(estimator)} is expecting {expected} "
            "features as input."
        )

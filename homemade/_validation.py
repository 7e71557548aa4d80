"""The one place that checks user input and words the errors.

Every public entry point calls these functions once, at its start. Each message says
what is wrong and, where there is one, the fix.
"""

import numbers
import warnings
from dataclasses import dataclass

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


def check_scalar(
    value, name, kind, *, low=None, high=None, low_inclusive=True, high_inclusive=True
):
    """Check a hyperparameter: its type (``int``, ``float`` or ``"number"``) and range."""
    if kind is int:
        ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
        expected = "an integer"
    else:
        ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
        expected = "a number"
    if not ok:
        raise TypeError(f"{name} must be {expected}, got {value!r} ({type(value).__name__}).")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}.")
    if low is not None and (value < low or (value == low and not low_inclusive)):
        bound = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {bound} {low}, got {value!r}.")
    if high is not None and (value > high or (value == high and not high_inclusive)):
        bound = "<=" if high_inclusive else "<"
        raise ValueError(f"{name} must be {bound} {high}, got {value!r}.")
    return value


def check_option(value, name, options):
    """A string hyperparameter must be one of ``options``."""
    if value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(repr(o) for o in options)}; got {value!r}."
        )
    return value


def check_random_state(random_state):
    """Turn ``None``, an integer seed or a ``Generator`` into a ``numpy.random.Generator``."""
    if random_state is None or isinstance(random_state, numbers.Integral):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(2**31))
    raise TypeError(
        f"random_state must be None, an integer or a numpy.random.Generator, got "
        f"{random_state!r}."
    )


# --------------------------------------------------------------------------------------
# Hyperparameters: each estimator declares a table ``_parameter_constraints`` of the specs
# below, and ``check_params`` checks every entry in one place.
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A number (``kind`` is ``int`` or ``float``) between ``low`` and ``high``."""

    kind: type
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def check(self, value, name):
        return check_scalar(
            value,
            name,
            self.kind,
            low=self.low,
            high=self.high,
            low_inclusive=self.low_inclusive,
            high_inclusive=self.high_inclusive,
        )

    def describe(self):
        return "an integer" if self.kind is int else "a number"

    def has_type_of(self, value):
        return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True)
class Options:
    """One of a few strings."""

    values: tuple

    def check(self, value, name):
        return check_option(value, name, self.values)

    def describe(self):
        return "one of " + ", ".join(repr(v) for v in self.values)

    def has_type_of(self, value):
        return isinstance(value, str)


@dataclass(frozen=True)
class Boolean:
    """``True`` or ``False`` (NumPy's booleans too)."""

    def check(self, value, name):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(
                f"{name} must be True or False, got {value!r} ({type(value).__name__})."
            )
        return value

    def describe(self):
        return "True or False"

    def has_type_of(self, value):
        return isinstance(value, (bool, np.bool_))


@dataclass(frozen=True)
class NoneValue:
    """``None``, where it is one of the accepted values."""

    def check(self, value, name):
        if value is not None:
            raise TypeError(f"{name} must be None, got {value!r}.")
        return value

    def describe(self):
        return "None"

    def has_type_of(self, value):
        return value is None


@dataclass(frozen=True)
class RandomState:
    """``None``, an integer seed or a NumPy random generator."""

    def check(self, value, name):
        check_random_state(value)
        return value

    def describe(self):
        return "None, an integer or a numpy.random.Generator"

    def has_type_of(self, value):
        return True


@dataclass(frozen=True)
class ArrayLike:
    """An array of finite numbers (``description`` says which shape)."""

    description: str = "an array"

    def check(self, value, name):
        return check_array(value, name=name)

    def describe(self):
        return self.description

    def has_type_of(self, value):
        return not isinstance(value, (str, bytes, numbers.Number)) and value is not None


@dataclass(frozen=True)
class Custom:
    """A check of its own: ``function(value, name)`` raises on a bad value."""

    function: object
    description: str

    def check(self, value, name):
        self.function(value, name)
        return value

    def describe(self):
        return self.description

    def has_type_of(self, value):
        return True


def check_params(estimator, constraints):
    """Check every hyperparameter of ``estimator`` against its entry in ``constraints``.

    An entry is one spec, or a list of specs of which the value must meet one (e.g.
    ``[NoneValue(), Interval(float, low=0)]``). When none is met, the error is the one of
    the spec whose type the value has (``epsilon=-1`` says "must be >= 0"), else a
    ``TypeError`` listing what is accepted.
    """
    for name, spec in constraints.items():
        value = getattr(estimator, name)
        if not isinstance(spec, list):
            spec.check(value, name)
            continue
        same_type = [s for s in spec if s.has_type_of(value)]
        for candidate in same_type:
            try:
                candidate.check(value, name)
                break
            except (TypeError, ValueError):
                if candidate is same_type[-1] and len(same_type) == 1:
                    raise
        else:
            accepted = " or ".join(s.describe() for s in spec)
            raise TypeError(f"{name} must be {accepted}, got {value!r}.")

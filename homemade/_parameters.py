"""The one place that checks hyperparameters and words the errors.

Each estimator declares a table ``_parameter_constraints`` of the specs below (``Interval``,
``Options``, ``Boolean``, ``NoneValue``, ``RandomState``, ``ArrayLike``, ``Custom``);
``check_params`` checks every entry, at the start of ``fit``.
"""

import numbers
from dataclasses import dataclass

import numpy as np

from homemade._validation import check_array


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


RANDOM_STATES = ("None, an integer >= 0, a numpy.random.Generator or a "
                 "numpy.random.RandomState")


def check_random_state(random_state):
    """The random generator that ``random_state`` asks for.

    Parameters
    ----------
    random_state : None, int ≥ 0, numpy.random.Generator or numpy.random.RandomState
        None: new random numbers on every run; an integer: a seed, the same numbers on every
        run; a Generator: used as it is; a RandomState (NumPy's older generator, which
        scikit-learn's tools may pass): seeds a new Generator.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    TypeError
        For any other value, ``True`` and ``False`` included.
    ValueError
        For a negative seed.
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be >= 0 (a seed), got {random_state}.")
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(2**31))
    raise TypeError(f"random_state must be {RANDOM_STATES}, got {random_state!r}.")


def check_float_type(dtype, name="dtype"):
    """The NumPy type that ``dtype`` names.

    Parameters
    ----------
    dtype : "float32", "float64", numpy.float32, numpy.float64, or the numpy.dtype of either
    name : str, default="dtype"
        The parameter's name, for the error message.

    Returns
    -------
    type
        ``numpy.float32`` or ``numpy.float64``.
    """
    for float_type in (np.float32, np.float64):
        if (dtype is float_type or (isinstance(dtype, str) and dtype == float_type.__name__)
                or (isinstance(dtype, np.dtype) and dtype == float_type)):
            return float_type
    raise ValueError(f"{name} must be 'float32' or 'float64'; got {dtype!r}.")


# A spec's ``check`` raises on a bad value, ``describe`` words what it accepts, and
# ``has_type_of`` says whether a value is of its kind (to pick, among several specs, the
# error that fits).


class _Spec:
    def has_type_of(self, value):
        return True


@dataclass(frozen=True)
class Interval(_Spec):
    """A number (``kind`` is ``int`` or ``float``) between ``low`` and ``high``."""

    kind: type
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def check(self, value, name):
        bounds = dict(low=self.low, high=self.high, low_inclusive=self.low_inclusive)
        return check_scalar(value, name, self.kind, high_inclusive=self.high_inclusive, **bounds)

    def describe(self):
        return "an integer" if self.kind is int else "a number"

    def has_type_of(self, value):
        return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True)
class Options(_Spec):
    """One of a few strings."""

    values: tuple

    def check(self, value, name):
        return check_option(value, name, self.values)

    def describe(self):
        return "one of " + ", ".join(repr(v) for v in self.values)

    def has_type_of(self, value):
        return isinstance(value, str)


@dataclass(frozen=True)
class Boolean(_Spec):
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
class NoneValue(_Spec):
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
class RandomState(_Spec):
    """What :func:`check_random_state` accepts."""

    def check(self, value, name):
        check_random_state(value)
        return value

    def describe(self):
        return RANDOM_STATES


@dataclass(frozen=True)
class ArrayLike(_Spec):
    """An array of finite numbers (``description`` says which shape)."""

    description: str = "an array"

    def check(self, value, name):
        return check_array(value, name=name)

    def describe(self):
        return self.description

    def has_type_of(self, value):
        return not isinstance(value, (str, bytes, numbers.Number)) and value is not None


@dataclass(frozen=True)
class Custom(_Spec):
    """A check of its own: ``function(value, name)`` raises on a bad value."""

    function: object
    description: str

    def check(self, value, name):
        self.function(value, name)
        return value

    def describe(self):
        return self.description


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


# The computations' floating-point type, as ``dtype`` of the estimators that offer float32.
FLOAT_TYPE = Custom(check_float_type, "'float32' or 'float64'")

"""The machinery behind ``homemade.exercises.check``: run a learner's function on the
exercise's cases, compare it with the library's own function, and name the mistake.

How a mistake is recognised: every catalogued mistake is written as a real wrong function
(``Mistake.wrong``). When the learner's function disagrees with the reference, it is run
against each wrong function on the same cases; if it agrees with one of them everywhere,
that is almost certainly the mistake the learner made, and its message and fix are shown.
The tests feed each wrong function to ``check`` and require that message.
"""

import copy
import inspect
import warnings
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Mistake:
    """A classic mistake: its name, how to fix it, and a real function that makes it.

    ``recognise(function, cases)`` → bool says whether a learner's function makes this
    mistake; by default, whether it returns what ``wrong`` returns on every case. Random
    outputs (k-means++) need a property instead, such as "two centroids in one group".
    """

    name: str
    fix: str
    wrong: object
    recognise: object = None


@dataclass
class Exercise:
    """One function for the learner to write.

    Parameters
    ----------
    name : str
        ``"<algorithm>.<function>"``, e.g. ``"linear_regression.cost"``.
    reference : callable
        The library's own function: the solution.
    cases : callable
        ``cases(rng)`` returns a list of keyword-argument dicts, small hand-made cases
        first, then seeded random ones of several shapes (smallest first, so that the
        first failing case is the smallest one).
    mistakes : list of Mistake
    page : str
        Where the math page explains it, e.g. ``"homemade/linear_regression/README.md"``
        and a section name.
    rtol, atol : float
        The comparison tolerance; what rounding alone can explain.
    compare : callable, optional
        ``compare(expected, got, case)`` → None when ``got`` is right, else a sentence
        saying what is wrong; for outputs that are not simply the reference's (random
        draws, a history whose length may differ). Default: every output array of the
        reference's shape, and allclose to it.
    gradient_index : int, optional
        Where the gradient is among the outputs, when the function returns the cost
        and the gradient together.
    gradient_of : callable, optional
        For gradient exercises, the cost whose finite differences the gradient must match:
        ``gradient_of(**case)`` is J at ``case["theta"]``.
    behaviour : callable, optional
        ``behaviour(function)`` → None or a sentence: a check of how the function behaves
        over many calls (a random draw that is never random), run once every case passed.
    speed_case : callable, optional
        ``speed_case(rng)`` → a case with many samples, on which a Python loop over the
        samples is spotted (and reported as a speed note, not a failure).
    """

    name: str
    reference: object
    cases: object
    mistakes: list = field(default_factory=list)
    page: str = ""
    rtol: float = 1e-7
    atol: float = 1e-10
    compare: object = None
    gradient_of: object = None
    gradient_index: int | None = None
    behaviour: object = None
    speed_case: object = None


@dataclass
class Result:
    """What ``check`` found: ``passed`` (bool), ``status`` and the ``message`` it printed.

    ``status`` is one of "passed", "not attempted yet", "mistake" (a catalogued mistake was
    recognised: ``mistake`` holds its name), "failed" (a wrong answer) or "error" (the
    function raised).
    """

    name: str
    passed: bool
    status: str
    message: str
    mistake: str | None = None

    def __repr__(self):
        return f"Result({self.name!r}, passed={self.passed}, status={self.status!r})"


def run_check(exercise, function):
    """Check ``function`` against ``exercise``; never raises. Returns a ``Result``."""
    name = exercise.name
    if function is None:
        return _not_attempted(name)
    rng = np.random.default_rng(0)
    cases = exercise.cases(rng)
    for index, case in enumerate(cases):
        expected = _call(exercise.reference, case)
        try:
            got = _call(function, case)
        except NotImplementedError:
            return _not_attempted(name)
        except Exception as error:  # the learner's code may raise anything
            message = f"{name}: raised {type(error).__name__}: {error}\non the input\n"
            return Result(name, False, "error", message + _show(case))
        problem = _disagreement(exercise, expected, got, case)
        if problem is None and _draws_at_random(case):
            if not np.array_equal(np.asarray(got), np.asarray(_call(function, case))):
                problem = "two calls with the same seed gave different results"
        if problem is not None:
            problem = problem[0].upper() + problem[1:]
            where = f"The smallest input that fails (case {index + 1} of {len(cases)})"
            details = f"{where}:\n{_show(case)}\nexpected:\n{_show_value(expected)}\n"
            return _not_yet(
                exercise, function, cases, f"{problem}.\n{details}got:\n{_show_value(got)}"
            )
    if exercise.behaviour is not None and (problem := exercise.behaviour(function)):
        return _not_yet(exercise, function, cases, f"{problem}.")
    return Result(name, True, "passed", "\n".join(_pass_notes(exercise, function, cases, rng)))


def _not_yet(exercise, function, cases, explanation):
    """A failed check: the catalogued mistake it makes, if one fits, else the explanation."""
    name = exercise.name
    mistake = _recognise(exercise, function, cases)
    if mistake is not None:
        message = f"{name}: not yet. It looks like {mistake.name}.\nFix: {mistake.fix}"
        return Result(name, False, "mistake", message, mistake=mistake.name)
    return Result(name, False, "failed", f"{name}: not yet. {explanation}")


def _pass_notes(exercise, function, cases, rng):
    if exercise.compare is None:
        notes = [f"{exercise.name}: passed, {len(cases)} cases agree with the library's function."]
    else:
        notes = [
            f"{exercise.name}: passed, {len(cases)} cases have the properties the library's does."
        ]
    if exercise.gradient_of is not None:
        notes.append(_finite_difference_note(exercise, function, cases))
    if exercise.speed_case is not None and (note := _speed_note(exercise, function, rng)):
        notes.append(note)
    return notes


def _draws_at_random(case):
    return any(isinstance(v, np.random.Generator) for v in case.values())


def _not_attempted(name):
    return Result(name, False, "not attempted yet", f"{name}: not attempted yet.")


def _call(function, case):
    # Each call gets its own copies: a function that changes its input in place must
    # not change what the next call (the reference, or a mistake) sees.
    # A random generator is copied too, so that every call draws the same numbers.
    arguments = {
        k: (v.copy() if isinstance(v, np.ndarray) else copy.deepcopy(v)) for k, v in case.items()
    }
    # Warnings (a ConvergenceWarning after a fixed number of steps, a division by zero
    # in a catalogued mistake) would only clutter the feedback: results speak instead.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(**arguments)


def _as_tuple(value, expected_length=1):
    # Several return values may come back as a tuple, or as a list of the same length.
    if isinstance(value, tuple):
        return value
    if isinstance(value, (list, np.ndarray)) and expected_length > 1:
        if len(value) == expected_length:  # e.g. [P, R, F] or np.array([P, R, F])
            return tuple(value)
    return (value,)


def _disagreement(exercise, expected, got, case, equal_nan=False):
    """None when ``got`` matches ``expected``; else a sentence saying how it differs.

    ``equal_nan`` is for telling a mistake: NaN where the mistake has NaN agrees.
    """
    if got is None and expected is not None:
        return "The function returned None (a forgotten `return`?)"
    if exercise.compare is not None:
        return exercise.compare(expected, got, case)
    expected = _as_tuple(expected)
    got = _as_tuple(got, len(expected))
    if len(expected) != len(got):
        return f"Expected {len(expected)} return value(s), got {len(got)}"
    for position, (e, g) in enumerate(zip(expected, got, strict=True)):
        which = f"return value {position + 1}: " if len(expected) > 1 else ""
        e = np.asarray(e)
        try:
            g = np.asarray(g, dtype=np.float64 if e.dtype.kind == "f" else None)
        except (TypeError, ValueError):
            return f"{which}expected numbers, got {type(g).__name__}"
        if e.shape != g.shape:
            return f"{which}expected shape {e.shape}, got shape {g.shape}"
        if e.dtype.kind in "iub" and g.dtype.kind not in "iub":
            return f"{which}expected integers (dtype {e.dtype}), got dtype {g.dtype}"
        if not np.allclose(g, e, rtol=exercise.rtol, atol=exercise.atol, equal_nan=equal_nan):
            if np.isnan(g).any() and not np.isnan(e).any():
                return f"{which}the result has NaN where the expected one has numbers"
            return f"{which}the values differ"
    return None


def _recognise(exercise, function, cases):
    """The catalogued mistake that ``function`` makes, or None."""
    for mistake in exercise.mistakes:
        try:
            if mistake.recognise is not None:
                if mistake.recognise(function, cases):
                    return mistake
            elif all(_same_as_wrong(exercise, mistake, function, case) for case in cases):
                return mistake
        except Exception:  # a wrong function may fail where the learner's does not
            continue
    return None


def _same_as_wrong(exercise, mistake, function, case):
    wrong, got = _call(mistake.wrong, case), _call(function, case)
    if exercise.compare is not None:  # the learner's output judged against the mistake's
        return exercise.compare(wrong, got, case) is None
    return _disagreement(exercise, wrong, got, case, equal_nan=True) is None


def _finite_difference_note(exercise, function, cases):
    """Compare the learner's gradient with central differences of the cost."""
    worst = 0.0
    for case in cases:
        theta = np.asarray(case["theta"], dtype=np.float64)
        analytic = _call(function, case)
        if exercise.gradient_index is not None:
            analytic = analytic[exercise.gradient_index]
        analytic = np.asarray(analytic, dtype=np.float64)
        numeric = np.zeros_like(theta)
        step = 1e-6
        for j in np.ndindex(theta.shape):
            for sign in (1, -1):
                shifted = theta.copy()
                shifted[j] += sign * step
                numeric[j] += sign * exercise.gradient_of(**{**case, "theta": shifted})
        numeric /= 2 * step
        scale = max(1.0, float(np.abs(numeric).max()))
        worst = max(worst, float(np.abs(analytic - numeric).max()) / scale)
    return f"Finite differences of the cost agree with your gradient to {worst:.0e}."


class _CountingArray(np.ndarray):
    """An array that counts how often single samples are taken out of it.

    ``X[i]`` and ``for row in X`` are what a Python loop over samples does; whole-array
    code never does either. Counting them tells a loop apart without timing anything
    (timings depend on the machine and on what else it is doing).
    """

    reads = 0

    def __getitem__(self, key):
        first = key[0] if isinstance(key, tuple) and key else key
        if isinstance(first, (int, np.integer)):
            _CountingArray.reads += 1
        return super().__getitem__(key)

    def __iter__(self):
        _CountingArray.reads += len(self)
        return super().__iter__()


def _speed_note(exercise, function, rng):
    case = exercise.speed_case(rng)
    m = max(len(v) for v in case.values() if isinstance(v, np.ndarray))
    counted = {
        k: (v.view(_CountingArray) if isinstance(v, np.ndarray) else v) for k, v in case.items()
    }
    _CountingArray.reads = 0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        function(**counted)
    if _CountingArray.reads >= m:
        return (
            f"Speed note: on {_describe(case)} your function took single samples out of "
            f"the arrays {_CountingArray.reads} times: a Python loop over the {m} samples? "
            "Whole-array NumPy (a matrix product, a sum along an axis) does the same work "
            "at once, often a hundred times faster."
        )
    return ""


def _describe(case):
    shapes = [f"{k} of shape {v.shape}" for k, v in case.items() if isinstance(v, np.ndarray)]
    return ", ".join(shapes)


def _show(case):
    with np.printoptions(precision=4, suppress=True, threshold=40):
        return "\n".join(f"  {k} = {_indent(repr(v))}" for k, v in case.items())


def _show_value(value):
    if isinstance(value, tuple) or (isinstance(value, list) and not _is_numbers(value)):
        return "\n".join(_show_value(v) for v in value)
    if isinstance(value, (int, float, np.number)):
        return f"  {float(value):.8g}"
    with np.printoptions(precision=6, suppress=True, threshold=40):
        return "  " + _indent(repr(value))


def _is_numbers(value):
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except ValueError:  # a ragged list: arrays of different shapes
        return False


def _indent(text):
    return text.replace("\n", "\n    ")


def source_of(exercise):
    """The reference's source code, for ``solution``."""
    return inspect.getsource(exercise.reference)

"""Checks beyond the values: finite differences of the cost, a Python loop over samples,
a random function that must depend on the ``rng`` it is given and only on it, and which
function a learner handed in (the library's own?)."""

import inspect
import warnings

import numpy as np

from homemade.exercises._run import call


def finite_difference_note(exercise, function, cases):
    """Compare the learner's gradient with central differences of the cost."""
    worst = 0.0
    for case in cases:
        theta = np.asarray(case["theta"], dtype=np.float64)
        analytic = call(function, case, exercise.time_limit).value
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


def speed_note(exercise, function, rng):
    """A note when the function takes single samples out of its arrays m times or more."""
    case = exercise.speed_case(rng)
    m = max(len(v) for v in case.values() if isinstance(v, np.ndarray))
    counted = {
        k: (v.view(_CountingArray) if isinstance(v, np.ndarray) else v) for k, v in case.items()
    }
    _CountingArray.reads = 0
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            function(*counted.values())
        except Exception:  # a loop that trips over the counting view: no note
            return ""
    if _CountingArray.reads >= m:
        shapes = ", ".join(
            f"{k} of shape {v.shape}" for k, v in case.items() if isinstance(v, np.ndarray)
        )
        return (
            f"Speed note: on {shapes} your function took single samples out of "
            f"the arrays {_CountingArray.reads} times: a Python loop over the {m} samples? "
            "Whole-array NumPy (a matrix product, a sum along an axis) does the same work "
            "at once, often a hundred times faster."
        )
    return ""


# ------------------------------------------------------------------- random draws
def draws_at_random(case):
    return any(isinstance(v, np.random.Generator) for v in case.values())


def rng_problem(function, cases, time_limit):
    """A sentence when a random function ignores its ``rng``, or uses more than it; else None.

    Same seed → the same result, whatever NumPy's global generator holds (the global
    state is set differently before each call, then put back); other seeds → not always
    the same result.
    """
    random_cases = [c for c in cases if draws_at_random(c)]
    if not random_cases:
        return None
    case = random_cases[-1]
    saved = np.random.get_state()  # noqa: NPY002 (the learner's global state, kept as it was)
    try:
        results = []
        for global_seed in (1, 2):
            np.random.seed(global_seed)  # noqa: NPY002
            results.append(call(function, {**case, **_seeded(case, 7)}, time_limit).value)
        others = [call(function, {**case, **_seeded(case, s)}, time_limit).value for s in range(8)]
    finally:
        np.random.set_state(saved)  # noqa: NPY002
    if not _same(results[0], results[1]):
        return (
            "two calls with equally seeded generators gave different results: the draws "
            "must come from the rng you are given (rng.integers, rng.choice), not from "
            "np.random's global functions"
        )
    if all(_same(others[0], other) for other in others[1:]):
        return (
            "eight different seeds gave the same result: the function does not draw from "
            "the rng it is given (it must be random, and depend on the seed)"
        )
    return None


def _seeded(case, seed):
    generators = [k for k, v in case.items() if isinstance(v, np.random.Generator)]
    return {k: np.random.default_rng(seed) for k in generators}


def _same(a, b):
    try:
        return np.array_equal(np.asarray(a), np.asarray(b))
    except (TypeError, ValueError):
        return a is b


# ------------------------------------------------------------ the library's own?
def uses_library(function, reference):
    """Whether ``function`` is the library's function: the object itself, one imported
    from ``homemade``, or the same code (``solution``'s text pasted or exec'd)."""
    if function is reference:
        return True
    if getattr(function, "__module__", "") and function.__module__.startswith("homemade."):
        return True
    mine, theirs = getattr(function, "__code__", None), getattr(reference, "__code__", None)
    if mine is None or theirs is None:
        return False
    # The constants hold the docstring: the library's text pasted keeps it, while a
    # learner's own one-liner that happens to compile alike does not. The bytecode itself
    # is not compared: CPython 3.11 compiles np.f(x) one way where `import numpy as np` is in
    # the same source (the library's module) and another way where it is not (a pasted cell).
    return _fingerprint(mine) == _fingerprint(theirs)


def _fingerprint(code):
    """The names and constants of ``code`` and of the code nested in it (comprehensions)."""
    constants = tuple(_fingerprint(c) if inspect.iscode(c) else c for c in code.co_consts)
    return code.co_names, code.co_varnames, constants


def source_of(exercise):
    """The reference's source code, for ``solution``."""
    return inspect.getsource(exercise.reference)


def imports_of(function):
    """{name: import line} for what ``function``'s code needs to run when pasted into a
    notebook that has imported NumPy as np: the module-level names of its module it uses."""
    names = vars(inspect.getmodule(function))
    lines = {}
    for name in _global_names(function.__code__):
        value = names.get(name)
        if value is None or value is np:
            continue
        if inspect.ismodule(value):
            lines[name] = f"import {value.__name__}"
        else:  # a function or class where it is defined; a constant from this module
            home = getattr(value, "__module__", None) or function.__module__
            lines[name] = f"from {home} import {name}"
    return lines


def _global_names(code):
    """The names ``code`` looks up, with those of the code nested in it (comprehensions)."""
    found = list(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):
            found += _global_names(constant)
    return found

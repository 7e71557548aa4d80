"""Diagnoses of two results of one shape whose values differ (helpers of ``_diagnose``):
transposed square results, rounded values, a function applied too many or too few (e^, log,
square, square root, 1 − ·, |·|), and differences only at a boundary (an input exactly 0,
a threshold equal to a data value)."""

import numpy as np

from homemade.exercises._finding import Finding


def _close(a, b):
    with np.errstate(all="ignore"):
        return bool(np.all(np.isfinite(a))) and np.allclose(a, b, rtol=1e-6, atol=1e-12)


def transposed(e, g, case, rtol):
    square = e.ndim == 2 and e.shape[0] == e.shape[1] and e.shape[0] > 1
    if square and not _close(e, e.T) and _close(g, e.T):  # a symmetric e is its own .T
        return Finding(
            "the result transposed (its rows are the expected columns)",
            "swap the factors of the matrix product (A @ B, not B @ A, and mind the .T), "
            "or return its .T.",
            "transposed",
        )
    return None


def rounded(e, g, case, rtol):
    if _close(e, np.round(e)):
        return None  # whole numbers already: rounding changes nothing
    for how in (np.round, np.floor, np.trunc):
        if np.any(how(e)) and _close(g, how(e)):
            return Finding(
                "your values are the expected ones rounded to whole numbers",
                "an array made with an integer dtype (np.zeros_like of integer labels, "
                "dtype=int) truncates what is stored in it, and a threshold (> 0.5) or "
                "np.round too early loses the fractions: keep floats.",
                "rounded",
            )
    return None


_TRANSFORMS = (
    (
        "e^(expected)",
        np.exp,
        "your values are e to the power of the expected ones: the density or probability "
        "itself where its log is asked",
        "work with logs throughout: the log of the density is a sum of log terms (np.log).",
    ),
    (
        "log(expected)",
        np.log,
        "your values are the log of the expected ones: an np.log too many",
        "the result is asked without a log: compare with the formula.",
    ),
    (
        "expected²",
        np.square,
        "your values are the squares of the expected ones: a square too many",
        "σ² is the variance, σ its root; compare the powers with the formula.",
    ),
    (
        "√expected",
        np.sqrt,
        "your values are the square roots of the expected ones (σ where σ² is asked?)",
        "leave out the square root: the formula has the square.",
    ),
    (
        "1 − expected",
        lambda v: 1 - v,
        "your values are 1 minus the expected ones: the complement (a sign in an "
        "exponent, or the labels 1 and 0 swapped)",
        "check the sign in the exponent (e^(−z)) and which label is 1.",
    ),
    (
        "|expected|",
        np.abs,
        "your values are the absolute values of the expected ones: a sign lost",
        "an np.abs, or the square root of a square, drops the sign: keep it.",
    ),
)


def transformed(e, g, case, rtol):
    for key, function, name, fix in _TRANSFORMS:
        with np.errstate(all="ignore"):
            changed = function(e)
        if not _close(changed, e) and _close(g, changed):
            return Finding(name, fix, key)
    return None


def at_zero(e, g, marks, case):
    """Differences only where an input of the same shape is exactly 0."""
    for name, value in case.items():
        if isinstance(value, np.ndarray) and value.shape == marks.shape:
            zero = value == 0
            # Where an input is 0 everywhere (Adam's first u), its zeros tell nothing apart.
            if zero.any() and (~zero).any() and marks.any() and not (marks & ~zero).any():
                return Finding(
                    f"right except where {name} is exactly 0: the boundary of a comparison",
                    "use the strict comparison the page has (a > 0, not a >= 0) and mind "
                    "< against <=.",
                    "boundary",
                )
    return None


def at_threshold(e, g, marks, case):
    """Differences only at thresholds that equal a data value (a < where ≤, or back)."""
    if marks.ndim != 1:
        return None
    arrays = {k: v for k, v in case.items() if isinstance(v, np.ndarray) and v.dtype.kind == "f"}
    for name, value in arrays.items():
        if value.shape != marks.shape:
            continue
        for other, data in arrays.items():
            if other != name and marks.any():
                equal = np.isin(value, data)
                if not (marks & ~equal).any():
                    return Finding(
                        f"right except where a value of {name} equals one of {other}: "
                        "the comparison at equality",
                        "the page's comparison is strict (p < ε flags, p = ε does not): "
                        "< and <= differ exactly there.",
                        "threshold",
                    )
    return None


def history(e, g):
    """A cost history that starts elsewhere, rises where the library's falls, or has
    another length."""
    if g.size and e.size and not np.isclose(g[0], e[0], rtol=1e-6):
        return Finding(
            f"the history starts at another cost ({g[0]:.6g}, where J(θ = 0) is {e[0]:.6g})",
            "start from θ = 0 (np.zeros(n + 1)) and record its cost before the first step.",
            "history start",
        )
    if g.size > 1 and g[-1] > g[0] and e[-1] < e[0]:
        return Finding(
            f"your cost rises (from {g[0]:.6g} to {g[-1]:.6g}) where the library's falls",
            "each step goes against the gradient, θ − α∇J (θ + α∇J climbs).",
            "history rises",
        )
    if g.size != e.size:
        return Finding(
            f"a history of {g.size} costs where {e.size} are expected: the descent stops "
            "at another step",
            "record the cost before the first step, then one after every step; stop once "
            "the fall is at most tol times J before the step (costs[-2] - costs[-1] <= "
            "tol * costs[-2]). (In one_vs_all the K runs are summed step by step, a run "
            "that stopped early padded with its final cost: np.pad(..., mode='edge').)",
            "history length",
        )
    return None


_TRUNCATED = (
    "an array of integers keeps only the whole part of what is stored in it, and "
    "np.zeros_like of an integer array (labels, or X holding whole numbers) makes one: "
    "create the result as floats, np.zeros((k, n)), or compute it whole, without a loop."
)


def truncated(e_array, got):
    """A Finding when the result is integers where the reference's has fractional values."""
    try:
        kind = np.asarray(got).dtype.kind
    except (TypeError, ValueError):
        return None
    if kind in "iu" and e_array.dtype.kind == "f" and np.any(e_array % 1):
        return Finding(
            "whole numbers where the result has decimals: an integer array cuts them off",
            _TRUNCATED,
            "int array",
        )
    return None

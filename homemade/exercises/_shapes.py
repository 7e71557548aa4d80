"""The sizes a case is made of (m samples, k clusters …), and what a wrong shape or a wrong
factor says about the mistake: helpers of ``_diagnose``."""

import numpy as np

from homemade.exercises._finding import Finding

# What a case's array axes are called on the math pages; others are named by their shape.
_SYMBOLS = {
    ("X", 0): "m",
    ("y", 0): "m",
    ("Y", 0): "m",
    ("d", 0): "m",
    ("labels", 0): "m",
    ("closest", 0): "m",
    ("p", 0): "m",
    ("d", 1): "k",
    ("centers", 0): "k",
    ("Y", 1): "K",
    ("probabilities", 0): "B",
    ("probabilities", 1): "K",
}
_MEANINGS = {
    "m": "m, the number of samples",
    "k": "k, the number of clusters",
    "K": "K, the number of classes",
    "B": "B, the number of rows in the batch",
}


def is_numbers(value):
    """Whether a list is a list of numbers (not of arrays of different shapes)."""
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except ValueError:  # a ragged list: arrays of different shapes
        return False


def symbols(case, ones=False):
    """[(symbol, size)] for the case's sizes, e.g. [("m", 30), ("X.shape[1]", 4), ("k", 3)];
    sizes of 1 only with ``ones``."""
    found = {}
    for name, value in case.items():
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            found.setdefault(name, int(value))
        elif isinstance(value, np.ndarray):
            for axis, size in enumerate(value.shape):
                default = f"len({name})" if value.ndim == 1 else f"{name}.shape[{axis}]"
                found.setdefault(_SYMBOLS.get((name, axis), default), size)
    return [(symbol, size) for symbol, size in found.items() if size > 1 or (ones and size)]


def name_factors(ratio, case):
    """Every (symbol, meaning) that fits a factor: 2, ½, m, 1/(2m), m/(m − 1), √((m − 1)/m),
    m/n, −1 …, simplest first (a lone case may fit several; the others tell them apart)."""
    found = [
        (symbol, "")
        for symbol, value in (("2", 2.0), ("½", 0.5), ("−1", -1.0), ("−2", -2.0), ("−½", -0.5))
        if np.isclose(ratio, value, rtol=1e-6)
    ]
    for symbol, size in symbols(case):
        s = symbol if len(symbol) == 1 else f"({symbol})"
        candidates = (
            (symbol, size),
            (f"1/{s}", 1 / size),
            (f"2{s}", 2 * size),
            (f"1/(2{s})", 1 / (2 * size)),
            (f"{s}/2", size / 2),
            (f"2/{s}", 2 / size),
            (f"{s}/({s} − 1)", size / (size - 1)),
            (f"({s} − 1)/{s}", (size - 1) / size),
            (f"√({s}/({s} − 1))", np.sqrt(size / (size - 1))),
            (f"√(({s} − 1)/{s})", np.sqrt((size - 1) / size)),
            (f"{s}²", size**2),
            (f"−{s}", -size),
            (f"−1/{s}", -1 / size),
        )
        found += [
            (text, _MEANINGS.get(symbol, f"{symbol} = {size}"))
            for text, value in candidates
            if np.isclose(ratio, value, rtol=1e-6)
        ]
    sizes = symbols(case, ones=True)
    for a, a_size in sizes:
        for b, b_size in sizes:
            if a != b and np.isclose(ratio, a_size / b_size, rtol=1e-6):
                found.append((f"{a}/{b}", f"a division by {b} where the formula divides by {a}"))
    return found


def factor_fix(symbol, ratio):
    """What to do about a result ``ratio`` times too large, the factor named ``symbol``."""
    if symbol in ("−1", "−2", "−½") or symbol.startswith("−"):
        return (
            "the sign is flipped as well: check h − y against y − h and the minus in front "
            "of the sum; then the constants (½, 1/m)."
        )
    if "− 1" in symbol:
        return (
            "a division by m − 1 where the formula divides by m (or the other way round): "
            "np.var and np.std divide by m unless given ddof=1."
        )
    top, _, bottom = symbol.partition("/")
    if bottom and top not in ("1", "2") and bottom != "2" and not top.startswith("("):
        return f"divide by {top}, not by {bottom}: check which axis (and which count) you use."
    if symbol in ("2", "½"):
        return "a ½ (or a 2) too many or too few: compare the constants with the page's formula."
    if ratio > 1:
        return (
            f"your result is {symbol} times too large: a sum where the formula has a mean, "
            f"or a division missing (divide by {symbol}); mind Python's precedence, "
            "1 / 2 * m is m/2."
        )
    return (
        f"your result is {symbol} times the expected one, too small: a division by the "
        "number of samples once too often, or a mean where the formula has a sum."
    )


def largest_input(case):
    """The largest |value| among the case's floating-point inputs (0 if there are none)."""
    arrays = [a for v in case.values() for a in (v if isinstance(v, (list, tuple)) else [v])]
    sizes = [
        float(np.abs(a).max())
        for a in arrays
        if isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.size
    ]
    return max(sizes, default=0.0)


def tied_rows(A):
    """Rows whose minimum or maximum is taken more than once."""
    low = (A == A.min(axis=1, keepdims=True)).sum(axis=1) > 1
    high = (A == A.max(axis=1, keepdims=True)).sum(axis=1) > 1
    return low | high


def diagnose_shape(e, g, case, rtol, atol):
    """A Finding for a result of the wrong shape, from the two results; or None."""
    if e.ndim == 2 and g.shape == e.shape[::-1] and np.allclose(g.T, e, rtol=rtol, atol=atol):
        return Finding(
            f"the result transposed: shape {g.shape} where {e.shape} is expected",
            "swap the factors of the matrix product (A @ B, not B @ A, and mind the .T), "
            "or return its .T.",
            "transposed",
        )
    if g.size == e.size and np.allclose(g.ravel(), e.ravel(), rtol=rtol, atol=atol):
        return Finding(
            f"the right numbers in the wrong shape: {g.shape} where {e.shape} is expected",
            "an (m, 1) column is not an (m,) array: use .ravel(), reduce without "
            "keepdims=True, or float(...) for a single number.",
            "reshape",
        )
    square = g.ndim == 2 and g.shape[0] == g.shape[1]
    if e.ndim <= 1 and square and (e.ndim == 0 or len(e) == len(g)):
        return Finding(
            f"a square {g.shape} array: an (m, 1) column and an (m,) array broadcast "
            "against each other",
            "keep every vector flat, shape (m,): theta of shape (n + 1,) so that X @ theta "
            "is (m,), and y of shape (m,) (or make both columns).",
            "broadcast",
        )
    if e.ndim == 1 and e.dtype.kind in "iu" and g.ndim == 2 and len(g) == len(e):
        return _scores_for_indices(e, g)
    if e.ndim == 0:
        return _not_reduced(e, g)
    if g.ndim == 0:
        total = ""
        for kind, value in (("sum", e.sum()), ("mean", e.mean())):
            if not total and np.isclose(g, value, rtol=rtol):
                total = f" (the {kind} over everything)"
        return Finding(
            f"one number{total} where an array of shape {e.shape} is expected",
            "reduce along one axis only: axis=0 runs down the rows (over the samples) and "
            "leaves one value per column.",
            "overreduced",
        )
    return _wrong_axis(e, g, case)


def values_for_indices(e, g, case):
    """The values at the expected indices (d.min where d.argmin is asked)."""
    if e.ndim != 1 or e.dtype.kind not in "iu" or g.shape != e.shape:
        return None
    for name, value in case.items():
        if isinstance(value, np.ndarray) and value.ndim == 2 and len(value) == len(e):
            if e.max(initial=0) < value.shape[1] and np.allclose(g, value[np.arange(len(e)), e]):
                return Finding(
                    f"the values themselves where their index is expected: {name}'s smallest "
                    "(or largest) entry of each row, not its position",
                    "np.argmin / np.argmax give the index; np.min / np.max the value.",
                    "values for indices",
                )
    return None


def _scores_for_indices(e, g):
    for how, call in (("argmax", np.argmax), ("argmin", np.argmin)):
        if np.array_equal(call(g, axis=1), e):
            return Finding(
                f"a row of values per sample where one index per row is expected: the "
                f"np.{how}(..., axis=1) is missing",
                f"return the index of each row's best value: np.{how}(..., axis=1).",
                "scores",
            )
    return Finding(
        f"a {g.shape} array where one index per row ({e.shape}) is expected",
        "reduce each row to one index: np.argmin or np.argmax along axis=1.",
        "scores",
    )


def _not_reduced(e, g):
    if np.isclose(g.sum(), e):
        return Finding(
            f"the right terms, not added up: an array of shape {g.shape} where one number "
            "is expected",
            "sum them: np.sum(...) (and check that every term is in the sum).",
            "unreduced",
        )
    return Finding(
        f"an array of shape {g.shape} where one number is expected",
        "the result is a single number: a sum (or a dot product) over everything; check "
        "the shapes you multiply (an (m, 1) column times an (m,) array is (m, m)).",
        "unreduced",
    )


def _wrong_axis(e, g, case):
    if e.ndim != g.ndim or e.ndim == 0:
        return None
    axis = int(np.flatnonzero(np.array(e.shape) != np.array(g.shape))[0])
    want, have = e.shape[axis], g.shape[axis]
    for name, value in case.items():
        if isinstance(value, np.ndarray) and value.ndim == 2 and {want, have} <= set(value.shape):
            rows = value.shape[0] == want
            keep, drop = ("rows", "columns") if rows else ("columns", "rows")
            reduce_axis = 1 if rows else 0
            return Finding(
                f"along the wrong axis: one value per {drop[:-1]} of {name} ({have}) where "
                f"one per {keep[:-1]} ({want}) is expected",
                f"reduce along axis={reduce_axis}: axis=0 runs down the rows (over the "
                "samples), axis=1 across each row (over the features or centroids).",
                "axis",
            )
    return None


def across_cases(cases, failed):
    """A sentence for a pattern in which cases fail (only the large ones, only float32 …)."""
    passed = [c for c, f in zip(cases, failed, strict=True) if not f]
    failing = [c for c, f in zip(cases, failed, strict=True) if f]
    if not passed or not failing:
        return None
    small = max(largest_input(c) for c in passed)
    large = min(largest_input(c) for c in failing)
    if large >= 50 and large > 10 * small:
        return (
            f"It is right on the smaller inputs and wrong on the large ones (|values| up to "
            f"{max(largest_input(c) for c in failing):g}): an overflow or underflow."
        )
    f32 = [any(getattr(v, "dtype", None) == np.float32 for v in c.values()) for c in cases]
    if all(f32[i] for i, f in enumerate(failed) if f) and not any(
        f32[i] for i, f in enumerate(failed) if not f
    ):
        return "It is right in float64 and wrong in float32 inputs: keep the input's dtype."
    for name, value in failing[0].items():
        if isinstance(value, str):
            good = {c[name] for c in passed}
            bad = {c[name] for c in failing}
            if not good & bad:
                return (
                    f"It is right when {name} is {' or '.join(map(repr, sorted(good)))} and "
                    f"wrong when it is {' or '.join(map(repr, sorted(bad)))}: check that branch."
                )
    for name in failing[0]:
        good = {c[name].ndim if isinstance(c.get(name), np.ndarray) else None for c in passed}
        bad = {c[name].ndim if isinstance(c.get(name), np.ndarray) else None for c in failing}
        if None in good | bad:
            continue
        if len(good) == 1 and len(bad) == 1 and good != bad:
            return (
                f"It is right when {name} is {good.pop()}-D and wrong when it is "
                f"{bad.pop()}-D: write it for arrays of any shape."
            )
    return None

"""How a learner's result differs from the reference, said from the two results alone.

``compare`` walks the returned values (a tuple of results, a list of arrays) side by side
with the reference's and returns the first ``Difference``: where it is, what differs, and,
when the shape of the difference gives it away, a ``Finding`` that names the mistake — a
constant factor (and which: 2, m, 2m, 1/m, −1 …, in terms of the case's sizes), a transposed
result, a reduction along the wrong axis, the right numbers in the wrong shape, NaN or ∞
where the result is finite, everything right but θ₀, or but the rows with ties.
"""

from dataclasses import dataclass

import numpy as np

from homemade.exercises import _shapes, _values
from homemade.exercises._finding import Finding


@dataclass
class Difference:
    """The first place where a result differs from the reference's."""

    where: str
    problem: str
    finding: Finding | None = None
    expected: object = None
    got: object = None
    marks: object = None  # a boolean array: the entries that differ
    others: tuple = ()  # further findings that fit this difference as well


def compare(expected, got, case, rtol, atol, names=(), *, strict=True):
    """None when ``got`` is ``expected`` to the tolerance; else the first ``Difference``.

    ``strict=False`` (telling a learner's function from a catalogued wrong one): NaN equals
    NaN, and a list of numbers may stand for an array.
    """
    if got is None and expected is not None:
        return Difference(
            "", "the function returned None", Finding("a forgotten `return`", _RETURN, "none")
        )
    if _single_precision(expected, got, names, rtol, atol):
        return Difference("", "the values differ at float32's precision", _FLOAT32)
    first = None
    for where, e, g in _leaves(expected, got, names):
        difference = g if isinstance(g, Difference) else None
        if difference is None:
            difference = _compare_leaf(where, e, g, case, rtol, atol, strict)
        if difference is not None and (difference.finding is not None or not strict):
            # The first difference that names its mistake, unless every value is right but
            # in another order (a gradient where the cost goes says "shape" first).
            if isinstance(expected, tuple) and difference.finding is not None:
                return _swapped(expected, got, case, rtol, atol, names) or difference
            return difference
        first = first or difference
    if first is not None and isinstance(expected, tuple):
        return _swapped(expected, got, case, rtol, atol, names) or first
    return first


_RETURN = (
    "end every path of the function with `return` and the result (printing it is not "
    "returning it): a return inside a loop or an if is not reached when the loop runs out "
    "or the condition fails."
)


def _brief(value):
    text = repr(value)
    return text if len(text) <= 60 else f"{type(value).__name__} of shape {np.shape(value)}"


def _is_structure(value):
    # A tuple of results, or a list of arrays (one per layer); not a list of numbers.
    return isinstance(value, tuple) or (isinstance(value, list) and not _shapes.is_numbers(value))


def _leaves(expected, got, names, where=""):
    if not _is_structure(expected):
        yield where, expected, got
        return
    count = len(expected)
    if isinstance(got, np.ndarray) and got.ndim >= 1 and len(got) == count:
        if all(np.shape(e) == got.shape[1:] for e in expected):
            got = tuple(got)  # np.array([P, R, F]) for (P, R, F)
    if not isinstance(got, (tuple, list)) or len(got) != count:
        what = f"{count} return values" if isinstance(expected, tuple) else f"a list of {count}"
        listed = f" ({', '.join(names)})" if names and not where else ""
        found = f"{len(got)} values" if isinstance(got, (tuple, list)) else type(got).__name__
        problem = Difference(where, f"expected {what}{listed}, got {found}")
        if isinstance(expected, tuple) and _same_leaf(expected[0], got):
            problem.finding = Finding(
                f"only the first of the {count} return values",
                f"return all {count}, as a tuple: return {', '.join(names) or '…'}.",
                "one return",
            )
        yield where, expected, problem
        return
    for i, (e, g) in enumerate(zip(expected, got, strict=True)):
        if where:
            label = f"{where}[{i}]"
        else:
            label = names[i] if i < len(names) else f"return value {i + 1}"
        yield from _leaves(e, g, (), label)


def _swapped(expected, got, case, rtol, atol, names):
    """A Difference when the return values are right but in another order."""
    if not isinstance(got, (tuple, list)) or len(got) != len(expected):
        return None
    order = []
    for g in got:
        matches = [i for i, e in enumerate(expected) if _same_leaf(e, g) and i not in order]
        if not matches:
            return None
        order.append(matches[0])
    if order == sorted(order):
        return None  # the right order: whatever differs, it is not that
    labels = [names[i] if i < len(names) else f"value {i + 1}" for i in range(len(expected))]
    mixed = ", ".join(labels[i] for i in order)
    return Difference(
        "",
        "the return values are in another order",
        Finding(
            f"the right return values, swapped: yours come as ({mixed})",
            f"return them in the order ({', '.join(labels)}).",
            "order",
        ),
    )


def _same_leaf(e, g):
    if isinstance(e, str) or isinstance(g, str):
        return isinstance(e, str) and isinstance(g, str) and e == g
    try:
        return np.shape(e) == np.shape(g) and np.allclose(g, e, rtol=1e-6, atol=1e-12)
    except (TypeError, ValueError):
        return False


def _compare_leaf(where, e, g, case, rtol, atol, strict):
    if isinstance(e, str):  # a word, such as why gradient descent stopped
        same = isinstance(g, str) and g == e  # an array == a word would compare element-wise
        return None if same else Difference(where, f"expected {e!r}, got {_brief(g)}")
    e_array = np.asarray(e)
    try:
        g_array = np.asarray(g, dtype=np.float64 if e_array.dtype.kind == "f" else None)
    except (TypeError, ValueError):
        return Difference(where, f"expected numbers, got {type(g).__name__}")
    if g_array.dtype.kind not in "biuf":
        return Difference(where, f"expected numbers, got {type(g).__name__}")
    if e_array.shape != g_array.shape:
        problem = f"expected shape {e_array.shape}, got shape {g_array.shape}"
        finding = _shapes.diagnose_shape(e_array, g_array, case, rtol, atol)
        if "history" in where and e_array.ndim == g_array.ndim == 1:
            finding = _values.history(e_array, g_array)
        return Difference(where, problem, finding, e_array, g_array)
    if _any_float32(case):
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-6)  # float32 keeps about 7 digits
    if e_array.dtype.kind == "b":
        close = e_array == g_array.astype(bool) if g_array.dtype.kind in "biu" else False
    else:
        close = np.isclose(g_array, e_array, rtol=rtol, atol=atol, equal_nan=not strict)
    if not np.all(close):
        marks = ~np.asarray(close, dtype=bool) if np.ndim(close) else None
        findings = diagnose_values(where, e_array, g_array, marks, case, rtol)
        if (truncated := _values.truncated(e_array, g)) is not None:
            findings.insert(0, truncated)
        if "history" in where and e_array.ndim == 1:
            findings.insert(0, _values.history(e_array, g_array))
        first = findings[0] if findings else None
        return Difference(
            where, "the values differ", first, e_array, g_array, marks, tuple(findings[1:])
        )
    if strict and e_array.dtype.kind in "iub" and g_array.dtype.kind == "f":
        return Difference(
            where,
            f"expected integers (dtype {e_array.dtype}), got dtype {g_array.dtype}",
            Finding("the right numbers as floats where integers are expected", _INTEGERS, "int"),
        )
    # A list for an array is a mistake where arithmetic follows; a history is only a record.
    listed = isinstance(g, (list, tuple)) and "history" not in where
    if strict and isinstance(e, np.ndarray) and e.ndim >= 1 and listed:
        return Difference(
            where,
            "a Python list where a NumPy array is expected",
            Finding("a Python list where a NumPy array is expected", _LIST, "list"),
        )
    return None


_FLOAT32 = Finding(
    "float32 where the inputs are float64: your result keeps about 7 digits",
    "compute in the inputs' precision: leave out astype(np.float32) or dtype=np.float32 "
    "(float64 keeps about 16 digits, float32 about 7).",
    "float32",
)


def _single_precision(expected, got, names, rtol, atol):
    """The learner's result float32 where the reference's is float64, wrong at the
    exercise's tolerance but right to float32's rounding (which may show in any value)."""
    found = differs = False
    for _, e, g in _leaves(expected, got, names):
        if isinstance(g, Difference):
            return False
        try:
            e, g = np.asarray(e), np.asarray(g)
        except ValueError:  # a ragged list
            return False
        if e.dtype != np.float64 or g.shape != e.shape:
            return False
        found = found or g.dtype == np.float32
        scale = np.abs(e).max() if e.size else 0.0
        if g.dtype.kind != "f" or not np.allclose(g, e, rtol=1e-4, atol=1e-6 * scale):
            return False
        differs = differs or not np.allclose(g, e, rtol=rtol, atol=atol)
    return found and differs


_INTEGERS = (
    "labels and indices are integers: np.argmin and np.argmax return them; an array built "
    "with np.zeros(m) holds floats (np.zeros(m, dtype=int), or .astype(int))."
)
_LIST = (
    "return np.array(...) (or build the result with NumPy operations): a list does not "
    "take part in arithmetic (theta - learning_rate * gradient fails with a list)."
)


def _any_float32(case):
    return any(isinstance(v, np.ndarray) and v.dtype == np.float32 for v in case.values())


def diagnose_values(where, e, g, marks, case, rtol):
    """The Findings that fit two results of one shape whose values differ, likeliest first
    (one value alone fits a factor and a shift: the other cases tell them apart)."""
    findings = [d(e, g, case, rtol) for d in (_not_finite, _values.transposed, _sign_flipped)]
    findings += [d(e, g, case, rtol) for d in (_constant_factor, _additive_constant)]
    findings += [d(e, g, case, rtol) for d in (_values.rounded, _values.transformed)]
    findings.append(_shapes.values_for_indices(e, g, case))
    if marks is not None:
        findings.extend(d(e, g, marks, case) for d in (_only_first, _only_last, _only_ties))
        findings.extend(d(e, g, marks, case) for d in (_values.at_zero, _values.at_threshold))
    findings = [f for item in findings for f in (item if isinstance(item, list) else [item])]
    findings = [f for f in findings if f is not None]
    if not findings and "bias" in where:
        return [
            Finding(
                "the bias gradients are wrong",
                "a bias's input is always 1: its gradient is the layer's δ summed over the "
                "batch, delta.sum(axis=0).",
                "bias",
            )
        ]
    return findings


def _not_finite(e, g, case, rtol):
    bad = ~np.isfinite(g) & np.isfinite(e)
    if not bad.any():
        return None
    largest = _shapes.largest_input(case)
    if np.isneginf(g[bad]).all():
        return Finding(
            "−∞ where the result is finite: the log of a number that underflowed to 0",
            "a product of many small numbers (densities, probabilities) rounds to 0, and "
            "log(0) = −∞: add up the logs instead of taking the log of a product, and "
            "subtract the largest value before np.exp (the log-sum-exp trick).",
            "underflow",
        )
    if largest >= 50:
        return Finding(
            f"NaN or ∞ where the result is finite: an overflow on inputs as large as {largest:g}",
            "np.exp(710) is already ∞ (and ∞/∞ or ∞ − ∞ is NaN): rewrite so that no "
            "intermediate value gets huge — 1 / (1 + np.exp(-z)), or subtract the largest "
            "value before np.exp.",
            "overflow",
        )
    return Finding(
        "NaN or ∞ where the result is finite",
        "look for a division by something that can be 0 (an empty count, a zero spread) "
        "or an np.log of 0: guard that case as the page says.",
        "nan",
    )


def _sign_flipped(e, g, case, rtol):
    if np.allclose(g, -e, rtol=rtol, atol=1e-12) and not np.allclose(e, 0):
        return Finding(
            "the sign flipped: your result is minus the expected one",
            "check the sign of each term: h − y or y − h, a minus in front of the sum, "
            "a + where the step has a −.",
            "sign",
        )
    return None


def _constant_factor(e, g, case, rtol):
    if e.dtype.kind in "iub":  # a count, an index or a label is not off by a factor
        return None
    scale = np.abs(e).max() if e.size else 0.0
    if not scale or not np.all(np.isfinite(g)):
        return None
    big = np.abs(e) > 1e-9 * scale
    if not np.any(big):
        return None
    ratio = float(np.median(g[big] / e[big]))
    if not np.isfinite(ratio) or ratio == 0 or np.isclose(ratio, 1.0, rtol=1e-6):
        return None
    if not np.allclose(g, ratio * e, rtol=1e-6, atol=1e-12 * scale):
        return None
    named = _shapes.name_factors(ratio, case)
    if not named:
        return Finding(
            f"every value is {ratio:.6g} times the expected one: a constant factor",
            "compare the constants of your formula with the page's (½, 1/m, 2, λ).",
            f"factor {ratio:.6g}",  # the same number on every case, or no finding
        )
    return [
        Finding(
            f"a factor of {symbol}: every value is {symbol} = {ratio:.6g} times the expected "
            "one" + (f" ({meaning})" if meaning else ""),
            _shapes.factor_fix(symbol, ratio),
            f"factor {symbol}",
        )
        for symbol, meaning in named
    ]


def _additive_constant(e, g, case, rtol):
    if e.ndim == 0:
        return None
    shift = g - e
    constant = np.allclose(shift, shift.flat[0], rtol=1e-6, atol=1e-12)
    if constant and e.dtype.kind in "iu" and abs(shift.flat[0]) == 1:
        return Finding(
            "every index off by one: counted from 1 where Python counts from 0",
            "indices and labels run 0 … k − 1: np.argmin and np.argmax already return "
            "them; drop the + 1 (or − 1).",
            "off by one",
        )
    if constant and not np.isclose(shift.flat[0], 0.0, atol=1e-12):
        return Finding(
            f"every value off by the same amount, {float(shift.flat[0]):.10g}",
            "a constant term is added or left out: compare each term of your formula with "
            "the page's.",
            "shift",
        )
    return None


def _only_first(e, g, marks, case):
    if e.ndim == 0 or e.shape[0] < 2 or not marks[0].all() or marks[1:].any():
        return None
    what = "θ₀ (the intercept's entry)" if e.ndim == 1 else "the first row (θ₀, the intercepts)"
    return Finding(
        f"right except {what}",
        "θ₀ is not regularized: the penalty and its gradient start at θ₁ (theta[1:]); "
        "and do not zero θ₀ in the theta you were given (copy it first).",
        "first",
    )


def _only_last(e, g, marks, case):
    if e.ndim == 0 or e.shape[0] < 3 or not marks[-1].all() or marks[:-1].any():
        return None
    what = "entry" if e.ndim == 1 else "row"
    return Finding(
        f"right except the last {what}",
        "a loop that stops one short? range(n) runs over all n; range(n - 1) or a slice "
        "[:-1] misses the last.",
        "last",
    )


def _only_ties(e, g, marks, case):
    if e.ndim != 1 or e.dtype.kind not in "iu":
        return None
    for value in case.values():
        if isinstance(value, np.ndarray) and value.ndim == 2 and len(value) == len(e):
            ties = _shapes.tied_rows(value)
            if ties.any() and not (marks & ~ties).any():
                rows = np.flatnonzero(marks).tolist()
                return Finding(
                    f"right except the rows with ties (rows {rows}): equal values, and "
                    "the first index must win",
                    "np.argmin and np.argmax return the first of equal values; in a loop, "
                    "replace the best only on a strictly better value (<, not <=).",
                    "ties",
                )
    return None

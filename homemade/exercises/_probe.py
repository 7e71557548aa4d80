"""Naming a mistake by asking the reference "what if": which change of one input makes the
library's function give exactly the learner's result?

If the learner's results are the library's with λ = 0, the penalty is left out; with −α,
the step goes uphill; with λ/m, λ is divided by m once too often; with t − 1, the step
count is off by one; with 1 − y, the labels are inverted. These questions cost calls of
the reference only. A second probe calls the learner's function once per array input,
changed: a result that stays the same where the library's moves does not depend on that
input (``update`` that ignores ``labels``).
"""

import numpy as np

from homemade.exercises._diagnose import Finding
from homemade.exercises._run import call
from homemade.exercises._shapes import symbols

# The page's symbol for a parameter, so that a message reads like the formula.
_GREEK = {
    "regularization": "λ",
    "learning_rate": "α",
    "epsilon": "ε",
    "beta1": "β₁",
    "beta2": "β₂",
    "t": "t",
    "tol": "tol",
}


def _scalar_transforms(name, value, case):
    """(text, new value, what it means) for a numeric parameter."""
    g = _GREEK.get(name, name)
    found = [
        ("0", 0 * value, f"{g} is left out: your result does not depend on it"),
        (f"−{g}", -value, f"the sign of {g}'s term is flipped (a + where the formula has a −)"),
        (f"2{g}", 2 * value, f"{g}'s term is twice too large"),
        (f"{g}/2", value / 2, f"{g}'s term is half what it should be (a ½ too many)"),
    ]
    if isinstance(value, (int, np.integer)):
        found += [
            (
                f"{g} − 1",
                value - 1,
                f"{g} is off by one (counted from 0 where the page counts from 1?)",
            ),
            (f"{g} + 1", value + 1, f"{g} is off by one"),
        ]
    for symbol, size in symbols(case)[:3]:
        s = symbol if len(symbol) == 1 else f"({symbol})"
        found += [
            (f"{g}/{s}", value / size, f"{g} is divided by {symbol} once too often"),
            (f"{g}·{s}", value * size, f"{g} is missing a division by {symbol}"),
        ]
    return found


def as_if(exercise, cases, outcomes, compare):
    """A Finding when one change of one scalar input turns the reference into the learner's
    function on every case; else None. ``compare(expected, got, case)`` → None if equal."""
    first = cases[0]
    for name, value in first.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            continue
        if name in ("m", "k", "max_iter", "fan_in", "fan_out"):
            continue  # sizes: changing them changes the problem, not a term
        for text, _, meaning in _scalar_transforms(name, value, first):
            if _fits(exercise, cases, outcomes, compare, name, text):
                g = _GREEK.get(name, name)
                return Finding(
                    f"your results are the library's with {g} replaced by {text}: {meaning}",
                    _as_if_fix(name, text, g),
                    f"as if {name} {text}",
                )
    return None


def _fits(exercise, cases, outcomes, compare, name, text):
    changed_somewhere = False
    for case, outcome in zip(cases, outcomes, strict=True):
        value = case[name]
        options = {t: v for t, v, _ in _scalar_transforms(name, value, case)}
        if text not in options:
            return False
        new = options[text]
        if isinstance(value, (int, np.integer)):
            if not float(new).is_integer():
                return False
            new = int(new)
        changed = call(exercise.reference, {**case, name: new}, None)
        if changed.error is not None or compare(changed.value, outcome.value, case) is not None:
            return False
        changed_somewhere |= new != value
    return changed_somewhere


def _as_if_fix(name, text, g):
    if name == "regularization" and text == "0":
        return (
            "add the penalty: λ/(2m)·Σθⱼ² in the cost, λ/m·θⱼ in the gradient (j ≥ 1; "
            "θ₀ is not penalized)."
        )
    if text == "0":
        return f"use {name} ({g}): the formula depends on it."
    if text.startswith("−"):
        return f"check the sign in front of {g}'s term: the step goes against the gradient."
    if "− 1" in text or "+ 1" in text:
        return f"check where {name} starts counting and how it enters the formula (e.g. β₁ᵗ)."
    return f"compare how {g} enters your formula with the page's: {g}'s term is scaled wrong."


def ignored_input(exercise, function, cases, first):
    """A Finding when the learner's result stays put as one array input changes, while the
    reference's result moves; else None. Calls the learner's function once per input."""
    case = cases[first]
    expected = call(exercise.reference, case, None).value
    mine = call(function, case, exercise.time_limit).value
    for name, value in case.items():
        if not isinstance(value, np.ndarray) or value.size < 2:
            continue
        changed_value = _changed(value)
        if changed_value is None:
            continue
        changed = {**case, name: changed_value}
        reference = call(exercise.reference, changed, None)
        learner = call(function, changed, exercise.time_limit)
        if reference.error or learner.error or learner.timed_out:
            continue
        if _same(learner.value, mine) and not _same(reference.value, expected):
            return Finding(
                f"your result does not depend on {name}: it stays the same when {name} "
                "changes, and the library's does not",
                f"use {name} in your formula (e.g. each cluster's own points, X[labels == j]).",
                f"ignores {name}",
            )
    return None


def _changed(value):
    if value.dtype.kind in "iu":
        rolled = np.roll(value, 1)
        return rolled if not np.array_equal(rolled, value) else None
    if value.dtype.kind == "f":
        return value * 1.5 + 0.25
    return None


def _same(a, b):
    try:
        return np.array_equal(np.asarray(a), np.asarray(b))
    except (TypeError, ValueError):
        try:
            return all(_same(x, y) for x, y in zip(a, b, strict=True))
        except (TypeError, ValueError):
            return False

"""Naming a mistake by asking the reference "what if": which change of one input makes the
library's function give exactly the learner's result?

If the learner's results are the library's with λ = 0, the penalty is left out; with −α,
the step goes uphill; with λ/m, λ is divided by m once too often; with t − 1, the step
count is off by one; with 1 − y, the labels are inverted. These questions cost calls of
the reference only. A second probe calls the learner's function once per array input,
changed: a result that stays the same where the library's moves does not depend on that
input (``update`` that ignores ``labels``).
"""

from collections import Counter

import numpy as np

from homemade.exercises._finding import Finding
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
        # (No −λ: λ < 0 has no meaning, and √λ in the library's normal equation is NaN;
        # a penalty with the wrong sign is the λ = 0 probe's finding.)
        (f"−{g}", -value, f"the sign of {g}'s term is flipped (a + where the formula has a −)"),
        (f"2{g}", 2 * value, f"{g}'s term is twice too large"),
        (f"{g}/2", value / 2, f"{g}'s term is half what it should be (a ½ too many)"),
    ]
    if name == "regularization":
        found = [f for f in found if not f[0].startswith("−")]
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


def _array_transforms(name, value):
    """(text, new value, what it means) for an array input."""
    if value.dtype.kind in "iub" and set(np.unique(value)) <= {0, 1}:
        return [
            (
                f"1 − {name}",
                1 - value,
                "the labels 1 and 0 are swapped (1 marks the positive class)",
            )
        ]
    if value.dtype.kind != "f":
        return []
    return [
        (f"{name}²", value**2, f"{name} is squared once too often (is it a square already, σ²?)"),
        (f"√{name}", np.sqrt(np.abs(value)), f"{name} is used where its square root is meant"),
        (f"−{name}", -value, f"the sign of {name} is flipped"),
    ]


def _transforms(name, value, case):
    if isinstance(value, np.ndarray):
        return _array_transforms(name, value) if value.size else []
    return _scalar_transforms(name, value, case)


def as_if(exercise, cases, outcomes, compare):
    """A Finding when one change of one scalar input turns the reference into the learner's
    function on every case; else None. ``compare(expected, got, case)`` → None if equal."""
    first = cases[0]
    for name, value in first.items():
        number = isinstance(value, (int, float, np.integer, np.floating))
        if isinstance(value, bool) or not (number or isinstance(value, np.ndarray)):
            continue
        if name in ("m", "k", "max_iter", "fan_in", "fan_out"):
            continue  # sizes: changing them changes the problem, not a term
        for text, _, meaning in _transforms(name, value, first):
            if _fits(exercise, cases, outcomes, compare, name, text):
                g = _GREEK.get(name, name) if not isinstance(value, np.ndarray) else name
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
        options = {t: v for t, v, _ in _transforms(name, value, case)}
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
        changed_somewhere |= not np.array_equal(new, value)
    return changed_somewhere


def _as_if_fix(name, text, g):
    if name == "regularization" and text == "0":
        return (
            "add the penalty: λ/(2m)·Σθⱼ² in the cost, λ/m·θⱼ in the gradient (j ≥ 1; "
            "θ₀ is not penalized)."
        )
    if text == "0":
        return f"use {name} ({g}): the formula depends on it."
    if text.startswith("1 − "):
        return f"1 in {name} marks the positive class (an anomaly, class k): check which is which."
    if text.startswith("−"):
        return f"check the sign in front of {g}'s term: the step goes against the gradient."
    if "− 1" in text or "+ 1" in text:
        return f"check where {name} starts counting and how it enters the formula (e.g. β₁ᵗ)."
    return f"compare how {g} enters your formula with the page's: {g}'s term is scaled wrong."


def ignored_input(exercise, function, cases, failing):
    """A Finding when the learner's result stays put as one array input changes, while the
    reference's result moves, on each of the first three failing cases (one case alone can
    stay put by chance, a small count say); else None."""
    tried = [cases[i] for i in failing[:3]]
    for name, value in tried[0].items():
        if not isinstance(value, np.ndarray) or value.size < 2:
            continue
        if all(_ignores(exercise, function, case, name) for case in tried):
            return Finding(
                f"your result does not depend on {name}: it stays the same when {name} "
                "changes, and the library's does not",
                f"compute the result from {name}: look for what stays the same whatever {name} "
                "is — a constant, an array filled once before a loop, or two names for one "
                "array (b = a does not copy a).",
                f"ignores {name}",
            )
    return None


def _ignores(exercise, function, case, name):
    """Whether the learner's result stays put, and the reference's moves, as ``name``
    changes in ``case``."""
    value = case.get(name)
    changed_value = _changed(value) if isinstance(value, np.ndarray) else None
    if changed_value is None:
        return False
    changed = {**case, name: changed_value}
    reference = call(exercise.reference, changed, None)
    learner = call(function, changed, exercise.time_limit)
    if reference.error or learner.error or learner.timed_out:
        return False
    expected = call(exercise.reference, case, None).value
    mine = call(function, case, exercise.time_limit).value
    return _same(learner.value, mine) and not _same(reference.value, expected)


def _changed(value):
    if value.dtype.kind in "iu":
        rolled = np.roll(value, 1)
        return rolled if not np.array_equal(rolled, value) else None
    if value.dtype.kind == "f":
        # Not affine: a function of scale and shift alone (a correlation) must move too.
        return value * 1.5 + 0.25 + 0.5 * np.sin(np.arange(value.size)).reshape(value.shape)
    return None


def _same(a, b):
    try:
        return np.array_equal(np.asarray(a), np.asarray(b))
    except (TypeError, ValueError):
        try:
            return all(_same(x, y) for x, y in zip(a, b, strict=True))
        except (TypeError, ValueError):
            return False


# ------------------------------------------------------- naming from the differences
def consistent(failing):
    """(Finding, index) shared by the failing cases [(index, Difference)]: one that fits all
    of them, else one that fits at least two thirds (the case shown is one it fits)."""
    options = [{(d.where, f.key): f for f in (d.finding, *d.others) if f} for _, d in failing]
    for key, finding in options[0].items():
        if all(key in o for o in options):
            return finding, failing[0][0]
    counts = Counter(key for o in options for key in o)
    if counts:
        key, count = counts.most_common(1)[0]
        if count >= 2 and 3 * count >= 2 * len(failing):
            index = next(i for (i, _), o in zip(failing, options, strict=True) if key in o)
            return options[[i for i, _ in failing].index(index)][key], index
        return _two_mistakes(failing, options, counts)
    return None


def _two_mistakes(failing, options, counts):
    """Two findings that between them fit every failing case: two mistakes at once."""
    ranked = [key for key, _ in counts.most_common()]
    for a in ranked:
        for b in ranked:
            if a[1] < b[1] and all(a in o or b in o for o in options):
                first = next(o[a] for o in options if a in o)
                second = next(o[b] for o in options if b in o)
                return Finding(
                    f"{first.name}; and on other cases, {second.name}",
                    f"{first.fix} And: {second.fix}",
                    f"{a[1]} + {b[1]}",
                ), next(i for (i, _), o in zip(failing, options, strict=True) if a in o)
    return None


def name_difference(exercise, function, cases, outcomes, differences, differ):
    """(Finding or None, "Where: " label, index of the case to show)."""
    failing = [(i, d) for i, d in enumerate(differences) if d is not None]
    found = consistent(failing)
    if found is not None:
        where = differences[found[1]].where
        return found[0], (f"{where[0].upper()}{where[1:]}: " if where else ""), found[1]
    first, difference = failing[0]
    label = f"{difference.where[0].upper()}{difference.where[1:]}: " if difference.where else ""
    if exercise.explain is not None:
        for index, d in failing:
            if d.expected is not None and (
                found := exercise.explain(d.expected, d.got, cases[index])
            ):
                return found, "", index
    if exercise.compare is not None:
        return None, label, first

    def same(e, g, case):
        return differ(e, g, case, False)

    # A penalty named wrong in a given way first, then "as if λ were …", then the plain
    # "right without the penalty" (less specific than either), then an input ignored.
    split = split_penalty(exercise, function, cases, differences, differ)
    named = split if split is not None and split.key != "penalty" else None
    finding = (
        named
        or as_if(exercise, cases, outcomes, same)
        or split
        # A result of the wrong shape says more by its shape than by what it ignores.
        or (
            None
            if difference.problem.startswith("expected shape")
            else ignored_input(exercise, function, cases, [i for i, _ in failing])
        )
    )
    return finding, ("" if finding else label), first


def split_penalty(exercise, function, cases, differences, differ):
    """A Finding from the learner's results at λ = 0: right there (the penalty is wrong,
    and how), or wrong there too (the data term is wrong, and how)."""
    parts = []
    for index, (case, difference) in enumerate(zip(cases, differences, strict=True)):
        if difference is None or not case.get("regularization"):
            continue
        zero = {**case, "regularization": 0.0}
        reference, mine = (
            call(exercise.reference, zero, None),
            call(function, zero, exercise.time_limit),
        )
        if mine.error is not None or mine.timed_out or "regularization" not in case:
            return None
        if _all_zero(reference.value):  # the function is the penalty itself: no data term
            return None
        data = differ(reference.value, mine.value, zero, True)
        if data is not None:
            parts.append(("data", index, data))
            continue
        try:
            expected = _minus(call(exercise.reference, case, None).value, reference.value)
            got = _minus(call(function, case, exercise.time_limit).value, mine.value)
        except (TypeError, ValueError):
            return None
        if _all_zero(got):
            return Finding(
                "the penalty left out: your result does not change with λ", _PENALTY, "no penalty"
            )
        parts.append(("penalty", index, differ(expected, got, case, True)))
    kinds = {kind for kind, _, d in parts if d is not None}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    found = consistent([(i, d) for k, i, d in parts if d is not None])
    if found is None:
        if kind == "data":
            return None
        return Finding("right without the penalty (λ = 0), wrong with it", _PENALTY, "penalty")
    finding = found[0]
    if kind == "penalty":
        name = (
            f"right without the penalty (λ = 0); the penalty's part of your result: {finding.name}"
        )
    else:
        name = f"wrong even without the penalty: with λ = 0 (not the case shown), {finding.name}"
    return Finding(name, finding.fix, f"{kind} {finding.key}")


_PENALTY = (
    "the penalty is λ/(2m)·Σθⱼ² in the cost and λ/m·θⱼ in the gradient, j ≥ 1 (θ₀ is not "
    "penalized): compare yours term by term."
)


def _all_zero(value):
    if isinstance(value, str):
        return True
    if isinstance(value, (tuple, list)):
        return all(_all_zero(v) for v in value)
    return not np.any(value)


def _minus(a, b):
    """a − b for results: numbers, arrays, tuples and lists of them (words are kept)."""
    if isinstance(a, str):
        return a
    if isinstance(a, tuple) or (isinstance(a, list) and isinstance(a[0], np.ndarray)):
        if len(a) != len(b):
            raise ValueError("different lengths")
        return type(a)(_minus(x, y) for x, y in zip(a, b, strict=True))
    return np.asarray(a, dtype=float) - np.asarray(b, dtype=float)

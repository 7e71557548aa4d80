"""Printing a counterexample so that the difference is visible: enough digits for the
differing entries to print differently, no small values suppressed, and the differing
entries listed by index."""

import numpy as np

_MARKED = 6  # differing entries listed one by one


def show_case(case):
    """The inputs, one per line."""
    with np.printoptions(precision=6, suppress=False, threshold=40, linewidth=88):
        return "\n".join(f"  {name} = {_indent(_repr(value))}" for name, value in case.items())


def show_value(value, digits=8):
    """A returned value (a number, an array, a tuple or a list of them)."""
    if isinstance(value, (tuple, list)) and not _numbers(value):
        return "\n".join(show_value(v, digits) for v in value)
    if value is None:  # a path of the function that ends without `return`
        return "  None"
    if isinstance(value, (bool, np.bool_, str)):  # a word: why gradient descent stopped
        return f"  {value!r}" if isinstance(value, str) else f"  {value}"
    if isinstance(value, (int, float, np.number)) or np.ndim(value) == 0:
        return f"  {float(value):.{digits}g}"
    with np.printoptions(precision=digits, suppress=False, threshold=40, linewidth=88):
        return "  " + _indent(_repr(value))


def show_difference(difference):
    """Expected and got, with as many digits as their differing entries need, and a list of
    those entries."""
    expected, got, marks = difference.expected, difference.got, difference.marks
    digits = _digits_needed(expected, got, marks)
    where = f" ({difference.where})" if difference.where else ""
    lines = [f"expected{where}:", show_value(expected, digits), "got:", show_value(got, digits)]
    if marks is not None and np.ndim(expected) >= 1 and marks.any():
        lines.append(_marked_entries(expected, got, marks, digits))
    return "\n".join(lines)


def _marked_entries(expected, got, marks, digits):
    places = np.argwhere(marks)
    text = [f"{len(places)} of {marks.size} entries differ:"]
    for place in places[:_MARKED]:
        index = tuple(int(i) for i in place)
        shown = index[0] if len(index) == 1 else list(index)
        text.append(
            f"  [{shown}]: expected {float(expected[index]):.{digits}g}, "
            f"got {float(got[index]):.{digits}g}"
        )
    if len(places) > _MARKED:
        text.append(f"  … and {len(places) - _MARKED} more")
    return "\n".join(text)


def _digits_needed(expected, got, marks):
    """The fewest significant digits (6 to 17) at which the differing entries print differently."""
    try:
        e, g = np.asarray(expected, dtype=float), np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return 8
    if e.shape != g.shape:
        return 8
    e, g = e.ravel(), g.ravel()
    if marks is not None:
        e, g = e[np.asarray(marks).ravel()], g[np.asarray(marks).ravel()]
    for digits in range(6, 18):
        if all(f"{a:.{digits}g}" != f"{b:.{digits}g}" for a, b in zip(e, g, strict=True)):
            return digits
    return 17


def _numbers(value):
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except ValueError:
        return False


def _repr(value):
    if isinstance(value, np.ndarray):
        text = np.array2string(value, separator=", ", prefix="      ")
        dtype = "" if value.dtype in (np.float64, np.int64, np.bool_) else f", dtype={value.dtype}"
        return f"array({text}{dtype})"
    if isinstance(value, list) and value and isinstance(value[0], np.ndarray):
        return "[" + ",\n ".join(_repr(v) for v in value) + "]"
    return repr(value)


def _indent(text):
    return text.replace("\n", "\n    ")

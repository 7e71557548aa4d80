"""Exercises with instant feedback: write an algorithm's functions, and check them.

>>> from homemade.exercises import check
>>> def cost(theta, X, y, regularization):
...     raise NotImplementedError
>>> result = check("linear_regression.cost", cost)
linear_regression.cost: not attempted yet.
>>> result.passed
False

``check(name, function)`` runs ``function`` on the exercise's hand-made and seeded random
cases, compares it with the library's own function, recognises the classic mistakes by
name, prints what it found and returns a ``Result`` (``.passed``, ``.status``,
``.message``). It never raises, so a notebook always runs to its end. Stuck? ``hint(name)``
gives one more of three graded hints at each call (the idea, the formula or NumPy call, the
shape of the code); ``solution(name)`` shows the library's function and where the math page
explains it; ``summary(algorithm)`` says how many of an algorithm's exercises pass. A teacher
can run a folder of learners' functions through ``check`` with ``quiet=True`` and read the
results.
"""

import difflib
import warnings

import numpy as np

from homemade.exercises import catalogue
from homemade.exercises._checker import Result, run_check
from homemade.exercises._notes import imports_of, source_of

EXERCISES = catalogue.EXERCISES
_results = {}
_hints_given = {}


def _closest(word, names):
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.5)
    return f" Did you mean {close[0]!r}?" if close else ""


def _unknown_exercise(name):
    return (
        f"There is no exercise {name!r}.{_closest(str(name), list(EXERCISES))} "
        f"The exercises are: {', '.join(EXERCISES)}."
    )


def _exercise(name):
    if name not in EXERCISES:
        raise ValueError(_unknown_exercise(name))
    return EXERCISES[name]


def check(name, function, *, quiet=False):
    """Check a learner's ``function`` for the exercise ``name``; print and return the result.

    Parameters
    ----------
    name : str
        The exercise, ``"<algorithm>.<function>"``; ``list_exercises()`` names them all.
    function : callable or None
        The learner's function. ``None``, or a function that raises
        ``NotImplementedError``, counts as "not attempted yet".
    quiet : bool, default=False
        Do not print the message (it is in the returned result).

    Returns
    -------
    Result
        ``passed``, ``status``, ``message`` and, for a recognised mistake, ``mistake``.
    """
    if name not in EXERCISES:
        result = Result(name, False, "error", _unknown_exercise(name))
    else:
        try:
            # The checker's own arithmetic on a learner's odd results (0/0, ∞ − ∞) must not
            # warn: what it found is in the message.
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                result = run_check(EXERCISES[name], function)
        except Exception as error:  # the checker must never stop a learner's notebook
            result = Result(name, False, "error", f"{name}: could not be checked: {error!r}")
    _results[name] = result
    if not quiet:
        print(result.message)
    return result


def solution(name):
    """Print the library's own function for exercise ``name`` and where the page explains it.

    Parameters
    ----------
    name : str
        The exercise, ``"<algorithm>.<function>"``.

    Returns
    -------
    None
        The source is printed, not returned.

    Raises
    ------
    ValueError
        For a name that is no exercise; the message gives the closest name and all of them.
    """
    exercise = _exercise(name)
    print(f"The library's solution, explained in {exercise.page}:\n")
    print(source_of(exercise))
    needed = imports_of(exercise.reference)
    algorithm = name.split(".")[0]
    yours = sorted(n for n in needed if f"{algorithm}.{n}" in catalogue.EXERCISES)
    imports = sorted({line for n, line in needed.items() if n not in yours})
    if yours:  # importing these would replace the learner's own functions
        print(f"It calls {' and '.join(yours)}: your own, from the other exercises.")
    if imports:
        what = "what else it uses" if yours else "what it uses"
        print(f"To run it as it is, import {what} first:\n" + "\n".join(imports))


def hint(name, level=None):
    """Print the next of the exercise's three graded hints (or hint number ``level``).

    The first is the idea, the second the formula or the NumPy call, the third the shape of
    the code; ``solution(name)`` comes after them.

    Parameters
    ----------
    name : str
        The exercise, ``"<algorithm>.<function>"``.
    level : int, default=None
        1, 2 or 3 for that hint; None for the one after the last shown.

    Returns
    -------
    None
        The hint is printed.

    Raises
    ------
    ValueError
        For a name that is no exercise, or a level other than 1, 2, 3.
    """
    hints = _exercise(name).hints
    if level is None:
        level = min(_hints_given.get(name, 0) + 1, len(hints))
    if level not in range(1, len(hints) + 1):
        raise ValueError(f"{name} has hints 1 to {len(hints)}; got level={level!r}.")
    _hints_given[name] = max(level, _hints_given.get(name, 0))
    after = (
        f'That was the last one; solution("{name}") shows the library\'s function.'
        if level == len(hints)
        else f'hint("{name}") again for the next one.'
    )
    print(f"Hint {level} of {len(hints)} for {name}: {hints[level - 1]}\n{after}")


def list_exercises(algorithm=None):
    """The exercise names, all or those of one ``algorithm`` (e.g. ``"k_means"``).

    Parameters
    ----------
    algorithm : str, default=None
        The algorithm's package name; None lists every exercise.

    Returns
    -------
    list of str
        ``"<algorithm>.<function>"`` names, in the catalogue's order.

    Raises
    ------
    ValueError
        For an algorithm that has no exercises; the message gives the closest name.
    """
    algorithms = list(dict.fromkeys(n.split(".")[0] for n in EXERCISES))
    if algorithm is not None and algorithm not in algorithms:
        raise ValueError(
            f"There are no exercises for {algorithm!r}.{_closest(str(algorithm), algorithms)} "
            f"The algorithms are: {', '.join(algorithms)}."
        )
    return [n for n in EXERCISES if algorithm is None or n.split(".")[0] == algorithm]


def summary(algorithm):
    """Print and return how many of ``algorithm``'s exercises passed their last check.

    Parameters
    ----------
    algorithm : str
        The algorithm's package name, e.g. ``"linear_regression"``.

    Returns
    -------
    passed, total : int
        The exercises whose last ``check`` passed, and all of the algorithm's exercises.
        A pass with the library's own function (imported, or its code pasted from
        ``solution``) counts, and is marked so.

    Raises
    ------
    ValueError
        For an algorithm that has no exercises; the message gives the closest name.
    """
    names = list_exercises(algorithm)
    passed = [n for n in names if n in _results and _results[n].passed]
    borrowed = [n for n in passed if _results[n].uses_library]
    lines = [f"{len(passed)} of {len(names)} exercises pass."]
    if borrowed:
        lines[0] = lines[0][:-1] + f", {len(borrowed)} of them with the library's own function."
    for n in names:
        status = _results[n].status if n in _results else "not checked yet"
        if n in borrowed:
            status += " (uses the library's function)"
        lines.append(f"  {'✓' if n in passed else '·'} {n}: {status}")
    print("\n".join(lines))
    return len(passed), len(names)


__all__ = ["EXERCISES", "Result", "check", "hint", "list_exercises", "solution", "summary"]

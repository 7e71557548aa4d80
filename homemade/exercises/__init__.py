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
``.message``). It never raises, so a notebook always runs to its end. ``solution(name)``
shows the library's function and where the math page explains it; ``summary(algorithm)``
says how many of an algorithm's exercises pass. A teacher can run a folder of learners'
functions through ``check`` with ``quiet=True`` and read the results.
"""

from homemade.exercises import catalogue
from homemade.exercises._checker import Result, run_check, source_of

EXERCISES = catalogue.EXERCISES
_results = {}


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
        result = Result(
            name,
            False,
            "error",
            f"There is no exercise {name!r}. The exercises are: {', '.join(EXERCISES)}.",
        )
    else:
        try:
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
    """
    exercise = EXERCISES[name]
    print(f"The library's solution, explained in {exercise.page}:\n")
    print(source_of(exercise))


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
    """
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
    """
    names = list_exercises(algorithm)
    passed = [n for n in names if n in _results and _results[n].passed]
    lines = [f"{len(passed)} of {len(names)} exercises pass."]
    for n in names:
        status = _results[n].status if n in _results else "not checked yet"
        lines.append(f"  {'✓' if n in passed else '·'} {n}: {status}")
    print("\n".join(lines))
    return len(passed), len(names)


__all__ = ["EXERCISES", "Result", "check", "list_exercises", "solution", "summary"]

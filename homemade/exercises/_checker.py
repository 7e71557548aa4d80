"""The machinery behind ``homemade.exercises.check``: run a learner's function on the
exercise's cases, compare it with the library's own function, and name the mistake.

How a mistake is named, in this order:

1. A catalogued mistake (``Mistake.wrong``, a real wrong function): when the learner's
   function returns what a wrong function returns on every case, its message and fix.
2. A finding read off the difference itself (``_diagnose``): a constant factor (2, m, 2m,
   1/m, −1 …), a transposed result, the wrong axis, NaN where the result is finite, all
   right but θ₀ … — when the same finding holds on every case that fails.
3. Otherwise what differs, and the smallest input that fails, with both results printed so
   that the difference shows.

Every call is positional (the learner names the parameters), limited in time (``_run``),
and watched for inputs changed in place.
"""

import re
import traceback
from dataclasses import dataclass, field

import numpy as np

from homemade.exercises._diagnose import Difference, compare
from homemade.exercises._notes import (
    draws_at_random,
    finite_difference_note,
    rng_problem,
    speed_note,
    uses_library,
)
from homemade.exercises._probe import name_difference
from homemade.exercises._run import TIME_LIMIT, also_changed, call, changed_input, value_of
from homemade.exercises._shapes import across_cases
from homemade.exercises._show import show_case, show_difference, show_value

_call = value_of  # for the catalogues' recognisers: the value, or what the function raised


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


def same_first_value(wrong):
    """A recogniser for ``Mistake``: the learner's first return value is ``wrong``'s on
    every case, whatever the others (learners write a gradient, or the mean and scale
    beside Z, many ways). A number may come as an array of one, such as a (1, 1) cost."""

    def recognise(function, cases):
        for case in cases:
            got, expected = value_of(function, case, None), value_of(wrong, case, None)[0]
            first = got[0] if isinstance(got, (tuple, list)) else got
            shaped = (
                np.shape(first) == np.shape(expected) or np.size(first) == np.size(expected) == 1
            )
            if not shaped or not np.allclose(first, expected):
                return False
        return True

    return recognise


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
        ``cases(rng)`` returns a list of argument dicts in the reference's parameter order
        (the learner's function is called positionally), small hand-made cases first, then
        seeded random ones of several shapes (smallest first, so that the first failing
        case is the smallest one), then the edge cases the math page warns about.
    mistakes : list of Mistake
    page : str
        Where the math page explains it, e.g. ``"homemade/linear_regression/README.md"``
        and a section name.
    hints : tuple of str
        Three graded hints for ``hint``: the idea, the formula or NumPy call, the shape of
        the code; ``catalogue.py`` sets them from the one table, ``hints.py``.
    rtol, atol : float
        The comparison tolerance; what rounding alone can explain.
    compare : callable, optional
        ``compare(expected, got, case)`` → None when ``got`` is right, else a sentence
        saying what is wrong; for outputs that are not simply the reference's (random
        draws). Default: every returned value compared with the reference's.
    gradient_index : int, optional
        Where the gradient is among the outputs, when the function returns the cost
        and the gradient together.
    gradient_of : callable, optional
        For gradient exercises, the cost whose finite differences the gradient must match:
        ``gradient_of(**case)`` is J at ``case["theta"]``.
    behaviour : callable, optional
        ``behaviour(function)`` → None or a sentence: a check of how the function behaves
        over many calls (the distribution of a random draw), run once every case passed.
    speed_case : callable, optional
        ``speed_case(rng)`` → a case with many samples, on which a Python loop over the
        samples is spotted (and reported as a speed note, not a failure).
    time_limit : float
        Seconds one call of the learner's function may take.
    align : callable, optional
        ``align(expected, got)`` → ``got`` with a freedom the answer has taken out (the
        sign of each principal direction), applied before every comparison.
    explain : callable, optional
        ``explain(expected, got, case)`` → a Finding or None: what the exercise's own
        properties say about a wrong result (a cluster left empty), asked when the
        difference alone names nothing.
    """

    name: str
    reference: object
    cases: object
    mistakes: list = field(default_factory=list)
    page: str = ""
    hints: tuple = ()
    rtol: float = 1e-7
    atol: float = 1e-10
    compare: object = None
    gradient_of: object = None
    gradient_index: int | None = None
    behaviour: object = None
    speed_case: object = None
    time_limit: float = TIME_LIMIT
    align: object = None
    explain: object = None


@dataclass
class Result:
    """What ``check`` found: ``passed`` (bool), ``status`` and the ``message`` it printed.

    ``status`` is one of "passed", "not attempted yet", "partly written", "mistake" (a
    mistake was named — a catalogued one, or one read off the difference: ``mistake``
    holds its name), "failed" (a wrong answer, not named) or "error" (the function raised,
    or ran out of time). ``uses_library`` is True for a pass with the library's own
    function (imported, or its code pasted from ``solution``).
    """

    name: str
    passed: bool
    status: str
    message: str
    mistake: str | None = None
    uses_library: bool = False

    def __repr__(self):
        return f"Result({self.name!r}, passed={self.passed}, status={self.status!r})"


def run_check(exercise, function):
    """Check ``function`` against ``exercise``; never raises. Returns a ``Result``."""
    name = exercise.name
    if function is None:
        return _not_attempted(name)
    if not callable(function):
        return Result(name, False, "error", _NOT_CALLABLE.format(name, type(function).__name__))
    rng = np.random.default_rng(0)
    cases = exercise.cases(rng)
    outcomes = []
    for index, case in enumerate(cases):
        outcome = call(function, case, exercise.time_limit)
        outcomes.append(outcome)
        if outcome.timed_out:
            return _timed_out(exercise, case, index, len(cases))
        if outcome.error is not None and not isinstance(outcome.error, NotImplementedError):
            return _raised(name, outcome.error, case)
    unwritten = [i for i, o in enumerate(outcomes) if isinstance(o.error, NotImplementedError)]
    if len(unwritten) == len(cases):
        return _not_attempted(name)
    if unwritten:
        return _partly_written(name, cases, unwritten)
    expected = [value_of(exercise.reference, case, None) for case in cases]
    results = zip(expected, outcomes, cases, strict=True)
    differences = [_difference(exercise, e, o.value, c) for e, o, c in results]
    if any(d is not None for d in differences):
        return _not_yet(exercise, function, cases, outcomes, expected, differences)
    if any(o.changed for o in outcomes):
        message = changed_input(name, cases, outcomes)
        return Result(name, False, "mistake", message, mistake="changing an input in place")
    problem = draws_at_random(cases[0]) and rng_problem(function, cases, exercise.time_limit)
    if problem or (exercise.behaviour is not None and (problem := exercise.behaviour(function))):
        return _not_yet_behaviour(exercise, function, cases, outcomes, problem)
    borrowed = uses_library(function, exercise.reference)
    notes = _pass_notes(exercise, function, cases, rng, borrowed)
    return Result(name, True, "passed", "\n".join(notes), uses_library=borrowed)


_NOT_CALLABLE = (
    "{0}: expected a function, got {1}: pass the function itself, "
    "check({0!r}, my_function), without calling it."
)


def _sentence(text):
    return text[0].upper() + text[1:]


def _return_names(reference):
    """The names in the reference's numpydoc "Returns" section, e.g. ("theta", "costs")."""
    doc = reference.__doc__ or ""
    section = re.search(r"Returns\n\s*-+\n(.*?)(?:\n\s*\n\s*[A-Z]\w+\n\s*-+\n|$)", doc, re.S)
    if section is None:
        return ()
    lines = section.group(1).splitlines()
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    names = []
    for line in lines:
        if line.strip() and len(line) - len(line.lstrip()) == indent:
            names.extend(n.strip() for n in line.split(" : ")[0].split(","))
    return tuple(names)


def _difference(exercise, expected, got, case, strict=True):
    if exercise.align is not None:
        got = exercise.align(expected, got)
    if exercise.compare is not None:
        problem = exercise.compare(expected, got, case)
        return None if problem is None else Difference("", problem)
    names = _return_names(exercise.reference) if isinstance(expected, tuple) else ()
    return compare(expected, got, case, exercise.rtol, exercise.atol, names, strict=strict)


def _not_yet(exercise, function, cases, outcomes, expected, differences):
    """A wrong result: the catalogued mistake, else a finding, else what differs."""
    name = exercise.name
    failed = [d is not None for d in differences]
    mistake = _recognise(exercise, function, cases, outcomes)

    def differ(e, g, case, strict):
        return _difference(exercise, e, g, case, strict)

    if mistake is None:
        found = name_difference(exercise, function, cases, outcomes, differences, differ)
    else:
        found = None, "", failed.index(True)
    finding, label, first = found
    difference = differences[first]
    smallest = (
        "The smallest input that fails" if first == failed.index(True) else "An input that fails"
    )
    where = f"{smallest} (case {first + 1} of {len(cases)})"
    if difference.expected is not None:
        shown = show_difference(difference)
        if exercise.align is not None:
            shown += f"\n{_ALIGNED}"
    else:
        got = outcomes[first].value
        shown = f"expected:\n{show_value(expected[first])}\ngot:\n{show_value(got)}"
    counterexample = f"{where}:\n{show_case(cases[first])}\n{shown}"
    also = also_changed(outcomes)
    if mistake is not None:
        message = f"{name}: not yet. It looks like {mistake.name}.\nFix: {mistake.fix}{also}"
        return Result(name, False, "mistake", f"{message}\n{counterexample}", mistake=mistake.name)
    pattern = across_cases(cases, failed)
    if finding is not None:
        message = f"{name}: not yet. {_sentence(label + finding.name)}.\nFix: {finding.fix}"
        if pattern:
            message += f"\n{pattern}"
        return Result(name, False, "mistake", f"{message}{also}\n{counterexample}", finding.name)
    problem = _sentence(f"{label}{difference.problem}")
    if pattern:
        message = f"{name}: not yet. {problem}. {pattern}{also}\n{counterexample}"
        return Result(name, False, "mistake", message, mistake=pattern)
    return Result(name, False, "failed", f"{name}: not yet. {problem}.{also}\n{counterexample}")


_ALIGNED = (
    "(Yours is shown as it was compared: each column's sign turned to match the library's, "
    "since the sign of a direction is free.)"
)


def _not_yet_behaviour(exercise, function, cases, outcomes, problem):
    name = exercise.name
    mistake = _recognise(exercise, function, cases, outcomes)
    if mistake is not None:
        message = f"{name}: not yet. It looks like {mistake.name}.\nFix: {mistake.fix}"
        return Result(name, False, "mistake", message, mistake=mistake.name)
    return Result(name, False, "mistake", f"{name}: not yet. {_sentence(problem)}.", problem)


def _recognise(exercise, function, cases, outcomes):
    """The catalogued mistake that ``function`` makes, or None."""
    for mistake in exercise.mistakes:
        try:
            if mistake.recognise is not None:
                if mistake.recognise(function, cases):
                    return mistake
            elif all(
                _difference(exercise, value_of(mistake.wrong, c, None), o.value, c, False) is None
                for c, o in zip(cases, outcomes, strict=True)
            ):
                return mistake
        except Exception:  # a wrong function may fail where the learner's does not
            continue
    return None


def _timed_out(exercise, case, index, count):
    message = (
        f"{exercise.name}: not yet. Your function ran for more than {exercise.time_limit:g} s "
        f"on case {index + 1} of {count} and was stopped: an endless loop? (a while loop "
        "whose condition never changes, a counter never increased, a stop test that is "
        f"never met). The library's function takes milliseconds.\nThe input:\n{show_case(case)}"
    )
    return Result(exercise.name, False, "error", message, mistake="an endless loop")


def _raised(name, error, case):
    kind = type(error).__name__
    frames = traceback.extract_tb(error.__traceback__)
    line = f" (in {frames[-1].name}, line {frames[-1].lineno}: {frames[-1].line})" if frames else ""
    advice = ""
    if isinstance(error, SystemExit):
        advice = "\nexit() and sys.exit() end a program, not a function: return the result."
    elif "axis" in str(error) and "out of bounds" in str(error):
        advice = (
            "\nAn axis the array does not have: np.max(z, 0) reads the 0 as an axis (the "
            "element-wise maximum is np.maximum(z, 0)); check the array's .ndim."
        )
    elif "Cannot cast ufunc" in str(error):
        advice = (
            "\nAn operation in place (X -= mean, X /= scale) cannot store decimals in an "
            "array of integers, and it changes the caller's X: write X = X - mean, a new array."
        )
    elif any(word in str(error) for word in ("shape", "broadcast", "aligned", "mismatch")):
        advice = "\nThe arrays do not fit together: print their .shape at that line."
    message = f"{name}: raised {kind}: {error}{line}{advice}\non the input\n{show_case(case)}"
    return Result(name, False, "error", message)


def _partly_written(name, cases, unwritten):
    message = (
        f"{name}: partly written. It raises NotImplementedError on {len(unwritten)} of "
        f"{len(cases)} cases and returns on the others: a branch still to be written? "
        f"The first such input (case {unwritten[0] + 1}):\n{show_case(cases[unwritten[0]])}"
    )
    return Result(name, False, "partly written", message)


def _pass_notes(exercise, function, cases, rng, borrowed):
    kind = "agree with" if exercise.compare is None else "have the properties of"
    notes = [f"{exercise.name}: passed, {len(cases)} cases {kind} the library's function."]
    if borrowed:
        notes[0] += " (It is the library's own function: summary() says so.)"
    if exercise.gradient_of is not None:
        notes.append(finite_difference_note(exercise, function, cases))
    if exercise.speed_case is not None and (note := speed_note(exercise, function, rng)):
        notes.append(note)
    return notes


def _not_attempted(name):
    return Result(name, False, "not attempted yet", f"{name}: not attempted yet.")

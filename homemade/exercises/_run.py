"""Calling a learner's function: positionally, under a time limit, with everything it raises
caught, and with its inputs watched for changes made in place.

The learner's function gets arrays of its own for every call (fresh copies of the case), so
that one call cannot spoil the next; after the call they are compared with the case, and an
input changed in place (``X -= mean``, ``theta[0] = 0`` through an alias) is reported by name.
"""

import copy
import ctypes
import signal
import threading
import warnings
from dataclasses import dataclass

import numpy as np

from homemade.exercises._show import show_case, show_value

TIME_LIMIT = 10.0
"""Seconds one call of a learner's function may take (the cases are small: the library's
function takes milliseconds on each)."""


class TimeLimitExceeded(BaseException):  # noqa: N818 (it is not an error of the checker)
    """Raised inside the learner's function when its time is up.

    A ``BaseException``, so that an ``except Exception`` in the learner's code cannot
    swallow it.
    """


class CallTimedOut(Exception):  # noqa: N818
    """A learner's function ran out of time inside a recogniser (an ordinary exception)."""


@dataclass
class Outcome:
    """One call: what the function returned or raised, and which inputs it changed."""

    value: object = None
    error: BaseException | None = None
    timed_out: bool = False
    changed: tuple = ()  # (name, before, after) for every input changed in place


def fresh(case):
    """Copies of a case's arguments; a random generator is copied too (the same draws)."""
    return {name: copy.deepcopy(value) for name, value in case.items()}


def call(function, case, time_limit=TIME_LIMIT):
    """Call ``function(*case.values())`` on fresh copies; never raises but KeyboardInterrupt."""
    arguments = fresh(case)
    outcome = Outcome()
    try:
        outcome.value = _with_time_limit(lambda: _quietly(function, arguments), time_limit)
    except KeyboardInterrupt:
        raise
    except TimeLimitExceeded:
        outcome.timed_out = True
    except BaseException as error:  # the learner's code may raise anything, SystemExit too
        outcome.error = error
    outcome.changed = changed_inputs(case, arguments)
    return outcome


def value_of(function, case, time_limit=TIME_LIMIT):
    """What ``function`` returns on ``case`` (for recognisers); raises what it raised."""
    outcome = call(function, case, time_limit)
    if outcome.timed_out:
        raise CallTimedOut(f"more than {time_limit:g} s")
    if outcome.error is not None:
        raise outcome.error
    return outcome.value


def _quietly(function, arguments):
    # Positional: the learner's parameter names (lambda_, grad) are the learner's business.
    # Warnings (a division by zero in a catalogued mistake) would only clutter the feedback.
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*arguments.values())


def changed_inputs(case, arguments):
    """(name, before, after) for each input that differs from the case (``weights[1]``
    names a list's item)."""
    changed = []
    for name, original in case.items():
        changed.extend(_changes(name, original, arguments[name]))
    return tuple(changed)


def _changes(name, original, passed):
    if isinstance(original, np.ndarray):
        same = (
            isinstance(passed, np.ndarray)
            and passed.shape == original.shape
            and np.array_equal(passed, original, equal_nan=original.dtype.kind == "f")
        )
        return [] if same else [(name, original, passed)]
    if isinstance(original, (list, tuple)):
        if not isinstance(passed, (list, tuple)) or len(passed) != len(original):
            return [(name, original, passed)]
        items = zip(original, passed, strict=True)
        return [c for i, (o, p) in enumerate(items) for c in _changes(f"{name}[{i}]", o, p)]
    return []


# ------------------------------------------------------------------------ time limit
def _with_time_limit(run, seconds):
    if seconds is None:
        return run()
    if hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread():
        return _with_alarm(run, seconds)
    return _in_a_thread(run, seconds)


def _with_alarm(run, seconds):
    """SIGALRM after ``seconds``: its handler raises inside the running Python code.

    Signals reach only the main thread (where a notebook's kernel runs its cells). A timer
    already set (by a test runner, say) is put back afterwards, less the time used.
    """
    armed = [True]

    def expire(signum, frame):
        if armed[0]:
            raise TimeLimitExceeded

    previous_handler = signal.signal(signal.SIGALRM, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return run()
    finally:
        armed[0] = False
        remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            used = seconds - remaining
            signal.setitimer(
                signal.ITIMER_REAL, max(previous_delay - used, 1e-3), previous_interval
            )


def _in_a_thread(run, seconds):
    """Outside the main thread: run in a daemon thread and stop waiting after ``seconds``.

    A thread cannot be killed; TimeLimitExceeded is sent to it (it stops a Python loop at
    its next bytecode, not a long NumPy call).
    """
    box = {}

    def target():
        try:
            box["value"] = run()
        except BaseException as error:  # handed to the caller's thread
            box["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(worker.ident), ctypes.py_object(TimeLimitExceeded)
        )
        raise TimeLimitExceeded
    if "error" in box:
        raise box["error"]
    return box["value"]


# -------------------------------------------------- an input changed in place, said
_IN_PLACE = (
    "write X = X - mean rather than X -= mean (and a = a * (1 - a) rather than "
    "a *= 1 - a); `b = theta` does not copy theta, so b[0] = 0 zeroes the caller's θ₀: "
    "copy first, b = theta.copy(). The caller's arrays must come back as they went in."
)


def changed_input(name, cases, outcomes):
    """The message for a function whose results are right but that changed an input."""
    index = next(i for i, o in enumerate(outcomes) if o.changed)
    label, before, after = outcomes[index].changed[0]
    if _restored_but_for_rounding(before, after):  # theta[i] += ε … −= 2ε … += ε
        off = float(np.max(np.abs(np.asarray(after, float) - np.asarray(before, float))))
        return (
            f"{name}: not yet. Every result is right, but {label} comes back off by {off:.1e}: "
            f"adding ε and taking it away again does not round back exactly.\nFix: save the "
            f"entry and put it back (old = {label}[i]; …; {label}[i] = old), or work on a "
            f"copy, {label}.copy().\nCase {index + 1} of {len(cases)}:\n{show_case(cases[index])}"
        )
    return (
        f"{name}: not yet. Every result is right, but your function changed its input "
        f"{label} in place: the caller's array is not what it passed in (a loop that "
        f"calls your function again, gradient descent say, would go on with the changed "
        f"one).\nFix: {_IN_PLACE}\n"
        f"Case {index + 1} of {len(cases)}:\n{show_case(cases[index])}\n"
        f"{label} after your function:\n{show_value(after)}"
    )


def _restored_but_for_rounding(before, after):
    try:
        before, after = np.asarray(before, float), np.asarray(after, float)
        return before.shape == after.shape and np.allclose(after, before, rtol=1e-12, atol=0)
    except (TypeError, ValueError):
        return False


def also_changed(outcomes):
    changed = [c[0] for o in outcomes for c in o.changed]
    if not changed:
        return ""
    return (
        f"\nAlso: your function changed its input {changed[0]} in place, which the caller "
        "does not expect; compute into a new array (X = X - mean, not X -= mean)."
    )

"""What every benchmark file shares: a result row and a fair timer.

A benchmark must not be able to lie: every time it measures is checked to be a positive,
finite number of seconds (the timers raise ``InvalidTime`` otherwise), and a ``Row``
whose ratio (or another column that holds seconds) is not positive and finite is marked
invalid, which ``run.py`` prints as missed and counts in its exit code.
"""

import math
import time
from dataclasses import dataclass, field

import numpy as np


class InvalidTime(ValueError):
    """A measured time (or ratio of times) that is not a positive, finite number."""


def time_problem(name, value):
    """Why ``value`` cannot be a time or a ratio of times, or ``None`` when it can."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return f"{name} = {value!r} is not a number"
    if not math.isfinite(value) or value <= 0:
        return f"{name} = {value:.3g} is not a positive, finite time"
    return None


def check_seconds(name, value):
    """``value`` as a float, or ``InvalidTime`` when it is not a positive, finite time."""
    problem = time_problem(name, value)
    if problem:
        raise InvalidTime(problem)
    return float(value)


@dataclass
class Row:
    """One task: the quality of both implementations and how long homemade takes to fit.

    ``ratio`` is homemade's median fit time divided by scikit-learn's, measured in the same
    run on the same data. ``target`` says what the issue asks for and ``met`` whether it
    holds; ``met=None`` marks a row that only reports (its target is "report"; it is printed
    as "—" and can never be missed). ``seconds`` names the other columns that hold times
    (``"homemade"``, ``"sklearn"``); like ``ratio`` they must be positive and finite.
    ``problems`` lists what is wrong with the row's times; a row with problems is invalid
    and counts as missed whatever ``met`` says.
    """

    task: str
    metric: str
    homemade: float
    sklearn: float
    ratio: float
    target: str
    met: bool | None
    seconds: tuple[str, ...] = ()
    problems: list[str] = field(default_factory=list, init=False)

    def __post_init__(self):
        if self.met is not None:
            self.met = bool(self.met)
        if self.met is None and self.target != "report":
            raise ValueError(f"{self.task}: met=None is for report rows, target is "
                             f"{self.target!r}")
        for name in ("ratio", *self.seconds):
            problem = time_problem(name, getattr(self, name))
            if problem:
                self.problems.append(problem)

    @property
    def missed(self):
        """Whether the row counts against the run: its target is missed or a time is invalid."""
        return bool(self.problems) or self.met is False

    @property
    def verdict(self):
        """The "met" column: "yes", "NO", "—" (report only), or "NO (invalid: ...)"."""
        if self.problems:
            return f"NO (invalid: {'; '.join(self.problems)})"
        if self.met is None:
            return "—"
        return "yes" if self.met else "NO"


def _timed(fit, name):
    start = time.perf_counter()
    fit()
    return check_seconds(name, time.perf_counter() - start)


def median_seconds(fit, repeats=5):
    """Median wall time of ``fit()`` over ``repeats`` calls (after one warm-up call)."""
    fit()
    return check_seconds("median time", np.median([_timed(fit, "time") for _ in range(repeats)]))


def fit_time_ratio(fit_homemade, fit_sklearn, repeats=5):
    """Median fit times of both, interleaved so that a busy moment hurts both alike.

    Returns (homemade / scikit-learn, homemade's median, scikit-learn's median), each
    checked to be positive and finite.
    """
    fit_homemade()
    fit_sklearn()
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(_timed(fit_homemade, "homemade fit time"))
        theirs.append(_timed(fit_sklearn, "scikit-learn fit time"))
    ours, theirs = float(np.median(ours)), float(np.median(theirs))
    return check_seconds("fit time ratio", ours / theirs), ours, theirs

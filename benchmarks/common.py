"""What every benchmark file shares: a result row and a fair timer."""

import time
from dataclasses import dataclass

import numpy as np


@dataclass
class Row:
    """One task: the quality of both implementations and how long homemade takes to fit.

    ``ratio`` is homemade's median fit time divided by scikit-learn's, measured in the same
    run on the same data. ``target`` says what the issue asks for, ``met`` whether it holds.
    """

    task: str
    metric: str
    homemade: float
    sklearn: float
    ratio: float
    target: str
    met: bool


def median_seconds(fit, repeats=5):
    """Median wall time of ``fit()`` over ``repeats`` calls (after one warm-up call)."""
    fit()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fit()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def fit_time_ratio(fit_homemade, fit_sklearn, repeats=5):
    """Median fit times of both, interleaved so that a busy moment hurts both alike."""
    fit_homemade()
    fit_sklearn()
    ours, theirs = [], []
    for _ in range(repeats):
        for fit, times in ((fit_homemade, ours), (fit_sklearn, theirs)):
            start = time.perf_counter()
            fit()
            times.append(time.perf_counter() - start)
    return float(np.median(ours) / np.median(theirs)), float(np.median(ours)), float(
        np.median(theirs)
    )

"""A statistical check of k-means++ draws: do a learner's centroids follow D² sampling?

On the four points 0, 1, 3, 7 with k = 3, the law of the three picks is known exactly: the
first uniform, each next one with probability D(x)² / Σ D², D(x) the distance to the nearest
centroid so far. ``D2_RUNS`` runs with the seeds 0, 1, … give observed counts; a pooled
chi-square statistic (first pick; second pick given the first; third given the first two)
gives a p-value. The seeds are fixed, so the check gives the same verdict every time. For a
correct draw the p-value is uniform on (0, 1): on 100 other blocks of 600 seeds the textbook
draw's smallest was 0.009 (``tests/test_exercise_machinery.py`` checks 40 blocks), so the
threshold 1e-6 flags a correct function about once in a million seeds' blocks, while the
wrong laws tried (uniform, ∝ D, the first centroid always X[0], D to the last centroid only,
the farthest point) give p < 1e-50.
"""

import numpy as np
from scipy.stats import chi2

from homemade.exercises._run import call

D2_RUNS = 600
_POINTS = np.array([[0.0], [1.0], [3.0], [7.0]])


def _rows(centers):
    """The index of each centroid among the points (−1 for one that is not a point)."""
    centers = np.asarray(centers, dtype=float).reshape(-1, 1)
    return [int(np.argmax(_POINTS[:, 0] == c[0])) if c[0] in _POINTS else -1 for c in centers]


def d2_sampling_p_value(function, runs=D2_RUNS, first_seed=0):
    """The p-value of the pooled chi-square test; 0.0 when a draw is impossible under D²
    sampling (a point picked twice, a centroid that is not a point, a wrong shape)."""
    picks = []
    for seed in range(first_seed, first_seed + runs):
        case = dict(X=_POINTS, k=3, rng=np.random.default_rng(seed))
        outcome = call(function, case)
        if outcome.error is not None or outcome.timed_out or np.size(outcome.value) != 3:
            return 0.0
        picks.append(_rows(outcome.value))
    picks = np.array(picks)
    if (picks < 0).any():
        return 0.0
    m = len(_POINTS)
    first = np.bincount(picks[:, 0], minlength=m)
    statistic, freedom = float(((first - runs / m) ** 2 / (runs / m)).sum()), m - 1
    for depth in (1, 2):
        for prefix in {tuple(p[:depth]) for p in picks}:
            rows = picks[(picks[:, :depth] == prefix).all(axis=1)]
            d2 = ((_POINTS[:, None, 0] - _POINTS[list(prefix), 0][None, :]) ** 2).min(axis=1)
            probability = d2 / d2.sum()
            observed = np.bincount(rows[:, depth], minlength=m)
            if observed[probability == 0].any():
                return 0.0
            possible = probability > 0
            expected = len(rows) * probability[possible]
            statistic += float(((observed[possible] - expected) ** 2 / expected).sum())
            freedom += int(possible.sum()) - 1
    return float(chi2.sf(statistic, freedom))

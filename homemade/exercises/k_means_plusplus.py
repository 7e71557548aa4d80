"""The k-means++ seeding exercise: its draws are random, so they are checked by their
properties (two centroids never in one group, each step drawn from the generator passed in)
and by a chi-square test of D² sampling (``_sampling.py``), not by equality."""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.exercises._notes import uses_library
from homemade.exercises._sampling import D2_RUNS, d2_sampling_p_value
from homemade.k_means.k_means import kmeans_plusplus, squared_distances

PAGE = "homemade/k_means/README.md"


def _groups(rng, k, per_group=20):
    """k tight groups of points far apart: D² sampling picks one point of each group."""
    centers = 100.0 * np.eye(k, max(k, 2))
    X = np.vstack([c + rng.normal(scale=0.5, size=(per_group, len(c))) for c in centers])
    return X


def _plusplus_cases(rng):
    return [
        dict(X=_groups(rng, k), k=k, rng=np.random.default_rng(seed))
        for k, seed in ((2, 1), (4, 2), (6, 3))
    ]


def _group_of(X, rows):
    return np.argmax(np.abs(rows) > 50, axis=1)


def _plusplus_problem(expected, got, case):
    X, k = case["X"], case["k"]
    if isinstance(got, list):
        return "a Python list where a NumPy array is expected: return np.array(centers)"
    got = np.asarray(got)
    if got.shape != (k, X.shape[1]):
        return f"expected shape {(k, X.shape[1])}, got shape {got.shape}"
    if not all((X == row).all(axis=1).any() for row in got):
        return "the centroids must be rows of X"
    if len(set(_group_of(X, got))) < k:
        return "two centroids fell in the same tight group; D² sampling almost never does that"
    return None


def _twice_the_same(function, cases):
    """Two calls with equally seeded generators must give the same centroids."""
    for case in cases:
        seed_again = {**case, "rng": np.random.default_rng(7)}
        if not np.array_equal(
            _call(function, seed_again),
            _call(function, {**seed_again, "rng": np.random.default_rng(7)}),
        ):
            return True
    return False


_LINE = np.array([[0.0], [1.0], [2.0], [10.0]])


def _second_picks_after_10(function):
    """The second centroid of 200 seeded runs on the points 0, 1, 2, 10 whose first is 10
    (none when the first centroid does not depend on the seed: that is the rng's check)."""
    picks, firsts = [], set()
    for seed in range(200):
        centers = np.asarray(_call(function, dict(X=_LINE, k=2, rng=np.random.default_rng(seed))))
        if centers.shape == (2, 1):
            firsts.add(centers[0, 0])
            if centers[0, 0] == 10.0:
                picks.append(centers[1, 0])
    return picks if len(firsts) > 1 else []


def _always_the_same(function):
    picks = _second_picks_after_10(function)
    if len(picks) >= 20 and len(set(picks)) == 1:
        return (
            f"after the first centroid 10, your function picked {picks[0]:g} in all "
            f"{len(picks)} runs: k-means++ draws at random, far points only more likely"
        )
    return None


def _plusplus_behaviour(function):
    if (problem := _always_the_same(function)) is not None:
        return problem
    if uses_library(function, kmeans_plusplus):
        return None  # the library's greedy variant keeps the best of several D² draws
    p_value = d2_sampling_p_value(function)
    if p_value < 1e-6:
        return (
            f"over {D2_RUNS} seeded runs on the points 0, 1, 3, 7 (k = 3), your draws do "
            "not follow k-means++: the first centroid uniformly at random, each next one "
            "with probability D(x)² / Σ D², D(x) the distance to the nearest centroid so "
            f"far (a chi-square test gives p = {p_value:.1e}; correct draws fall below 1e-6 "
            "once in a million)"
        )
    return None


def _always_the_same_second(function, cases):
    return _always_the_same(function) is not None


def _plusplus_farthest(X, k, rng):
    centers = X[[rng.integers(len(X))]]
    for _ in range(1, k):
        closest = squared_distances(X, centers).min(axis=1)
        centers = np.vstack([centers, X[np.argmax(closest)]])
    return centers


def _plusplus_uniform(X, k, rng):
    return X[rng.choice(len(X), size=k, replace=False)]


def _plusplus_global_random(X, k, rng):
    # The mistake itself: NumPy's legacy global generator.
    centers = X[[np.random.randint(len(X))]]  # noqa: NPY002
    for _ in range(1, k):
        closest = squared_distances(X, centers).min(axis=1)
        chosen = np.random.choice(len(X), p=closest / closest.sum())  # noqa: NPY002
        centers = np.vstack([centers, X[chosen]])
    return centers


def _same_group_twice(function, cases):
    return any(len(set(_group_of(c["X"], np.asarray(_call(function, c))))) < c["k"] for c in cases)


EXERCISES = [
    Exercise(
        name="k_means.kmeans_plusplus",
        reference=kmeans_plusplus,
        cases=_plusplus_cases,
        compare=_plusplus_problem,
        behaviour=_plusplus_behaviour,
        page=f"{PAGE}, section 'k-means++: where to start'",
        mistakes=[
            # First: a draw from the global state can look like any other mistake.
            Mistake(
                "randomness from NumPy's global state instead of the rng passed in",
                "draw with the generator you are given (rng.integers, rng.choice), so that "
                "the same seed gives the same centroids.",
                _plusplus_global_random,
                recognise=_twice_the_same,
            ),
            Mistake(
                "the farthest point every time instead of a random draw",
                "draw the next centroid at random with probability D(x)² / Σ D²: "
                "rng.choice(m, p=...); the farthest point is only the likeliest.",
                _plusplus_farthest,
                recognise=_always_the_same_second,
            ),
            Mistake(
                "draws that do not favour points far from every centroid so far (uniform "
                "sampling, or D measured to the last centroid only)",
                "draw each next centroid with probability D(x)² / Σ D², D(x) the distance "
                "to the nearest of all the centroids so far: rng.choice(m, p=...), with D² "
                "kept as a running minimum.",
                _plusplus_uniform,
                recognise=_same_group_twice,
            ),
        ],
    ),
]

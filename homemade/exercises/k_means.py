"""K-means exercises: squared distances, the assignment step (nearest centroids), the
update step, an empty cluster, and k-means++ seeding, in the order of
``homemade/k_means/README.md``."""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.exercises._finding import Finding
from homemade.exercises._notes import uses_library
from homemade.exercises._sampling import D2_RUNS, d2_sampling_p_value
from homemade.k_means.k_means import (
    assign,
    kmeans_plusplus,
    reseed_empty_clusters,
    squared_distances,
    update,
)

PAGE = "homemade/k_means/README.md"


# ---------------------------------------------------------------- squared distances
def _distance_cases(rng):
    cases = [
        dict(
            X=np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]]),
            centers=np.array([[0.0, 0.0], [3.0, 0.0]]),
        )
    ]
    for m, n, k in ((5, 1, 2), (30, 3, 4), (80, 6, 5)):
        cases.append(dict(X=rng.normal(size=(m, n)), centers=rng.normal(size=(k, n))))
    # float32 points: the result is compared at float32's precision.
    X, centers = rng.normal(size=(12, 3)), rng.normal(size=(4, 3))
    cases.append(dict(X=X.astype(np.float32), centers=centers.astype(np.float32)))
    return cases


def _distances_speed_case(rng):
    return dict(X=rng.normal(size=(1_000, 5)), centers=rng.normal(size=(4, 5)))


def _distances_not_squared(X, centers):
    return np.sqrt(squared_distances(X, centers))


def _distances_wrong_axis(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=1)


def _distances_cross_term_once(X, centers):
    return (X**2).sum(axis=1)[:, None] - X @ centers.T + (centers**2).sum(axis=1)


# ------------------------------------------------------------------- the assignment
def _assign_cases(rng):
    cases = [dict(d=np.array([[4.0, 1.0, 9.0], [0.0, 2.0, 3.0], [5.0, 5.0, 1.0], [2.0, 0.5, 3.0]]))]
    for m, k in ((6, 2), (40, 3), (100, 7)):
        cases.append(dict(d=rng.uniform(0, 10, size=(m, k))))
    # Ties: a point as near to two centroids goes to the first of them, as np.argmin says.
    cases.append(dict(d=rng.integers(0, 3, size=(30, 4)).astype(float)))
    return cases


def _assign_argmax(d):
    return d.argmax(axis=1)


def _assign_wrong_axis(d):
    return d.argmin(axis=0)


# ----------------------------------------------------------------------- the update
def _update_cases(rng):
    X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 10.0], [12.0, 14.0], [1.0, 3.0]])
    cases = [dict(X=X, labels=np.array([0, 0, 1, 1, 0]), k=2)]
    for m, n, k in ((6, 1, 2), (40, 3, 4), (100, 5, 6)):
        labels = np.concatenate([np.arange(k), rng.integers(k, size=m - k)])  # none empty
        cases.append(dict(X=rng.normal(size=(m, n)), labels=rng.permutation(labels), k=k))
    return cases


def _update_speed_case(rng):
    return dict(X=rng.normal(size=(1_000, 5)), labels=rng.permutation(np.arange(1_000) % 4), k=4)


def _update_sum(X, labels, k):
    return np.array([X[labels == j].sum(axis=0) for j in range(k)])


def _update_wrong_axis(X, labels, k):
    return np.array([X[labels == j].mean(axis=1).mean() * np.ones(X.shape[1]) for j in range(k)])


# ------------------------------------------------------------------ an empty cluster
def _reseed_cases(rng):
    # Cluster 2 is empty; point 3 (in cluster 1, which keeps two points) is the farthest.
    cases = [
        dict(
            labels=np.array([0, 0, 1, 1, 1]),
            closest=np.array([0.5, 0.1, 0.2, 4.0, 0.3]),
            k=3,
        )
    ]
    for m, k in ((10, 3), (50, 6)):
        labels = rng.integers(k - 1, size=m)  # the last cluster is empty
        labels[: k - 1] = np.arange(k - 1)  # the others are not
        cases.append(dict(labels=labels, closest=rng.uniform(0, 5, size=m), k=k))
    # A farthest point that is alone in its cluster must not be taken.
    cases.append(dict(labels=np.array([0, 0, 0, 1]), closest=np.array([0.1, 0.3, 0.2, 9.0]), k=3))
    # Several empty clusters at once (3 of 5): each gets a point of its own.
    labels = rng.integers(2, size=12)
    labels[:2] = (0, 1)
    cases.append(dict(labels=labels, closest=rng.uniform(0, 5, size=12), k=5))
    return cases


def _reseed_explain(expected, got, case):
    """What the labels themselves say: out of range, a cluster still empty, another point."""
    labels, k = case["labels"], case["k"]
    got = np.asarray(got)
    if got.shape != labels.shape or got.dtype.kind not in "iu":
        return None
    outside = sorted(set(got[(got < 0) | (got >= k)].tolist()))
    if outside:
        return Finding(
            f"labels out of range, {outside}: the clusters are 0 … k − 1 = {k - 1}",
            "the empty clusters are np.flatnonzero(counts == 0), numbered from 0.",
            "range",
        )
    empty = np.flatnonzero(np.bincount(got, minlength=k) == 0).tolist()
    if empty:
        return Finding(
            f"cluster {empty} still empty after your function",
            "each empty cluster gets a point of its own: with several empty at once, take a "
            "different point for each (update the counts and set the moved point's distance "
            "to 0 after each move).",
            "still empty",
        )
    if not np.array_equal(np.flatnonzero(got != labels), np.flatnonzero(expected != labels)):
        return Finding(
            "another point moved than the farthest one from its centroid",
            "move the point with the largest squared distance (np.argmax of closest) among "
            "clusters that keep at least one point.",
            "not the farthest",
        )
    return None


def _reseed_nothing(labels, closest, k):
    return labels


def _reseed_from_a_single(labels, closest, k):
    labels = labels.copy()
    for j in np.flatnonzero(np.bincount(labels, minlength=k) == 0):
        labels[np.argmax(closest)] = j
    return labels


# ------------------------------------------------------------------------ k-means++
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
        name="k_means.squared_distances",
        reference=squared_distances,
        cases=_distance_cases,
        page=f"{PAGE}, section 'The algorithm step by step (Lloyd's algorithm)'",
        speed_case=_distances_speed_case,
        mistakes=[
            Mistake(
                "distances where the algorithm needs squared distances",
                "k-means minimises the sum of squared distances: leave out the square root.",
                _distances_not_squared,
            ),
            Mistake(
                "summing over the wrong axis (over the points instead of the features)",
                "‖x − c‖² sums over the n features: the axis of length n.",
                _distances_wrong_axis,
            ),
            Mistake(
                "the cross term without its 2: ‖x‖² − x·c + ‖c‖²",
                "‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖².",
                _distances_cross_term_once,
            ),
        ],
    ),
    Exercise(
        name="k_means.assign",
        reference=assign,
        cases=_assign_cases,
        page=f"{PAGE}, section 'The algorithm step by step (Lloyd's algorithm)'",
        mistakes=[
            Mistake(
                "argmax instead of argmin",
                "each point goes to its nearest centroid: the smallest distance, d.argmin(...).",
                _assign_argmax,
            ),
            Mistake(
                "the argmin over the wrong axis (over the points)",
                "one label per point: the minimum along each row, axis=1.",
                _assign_wrong_axis,
            ),
        ],
    ),
    Exercise(
        name="k_means.update",
        reference=update,
        cases=_update_cases,
        page=f"{PAGE}, section 'The algorithm step by step (Lloyd's algorithm)'",
        speed_case=_update_speed_case,
        mistakes=[
            Mistake(
                "the sum of each cluster's points instead of their mean",
                "divide each cluster's sum by its number of points.",
                _update_sum,
            ),
            Mistake(
                "averaging over the wrong axis (the features instead of the points)",
                "the centroid is the mean of the cluster's rows: X[labels == j].mean(axis=0).",
                _update_wrong_axis,
            ),
        ],
    ),
    Exercise(
        name="k_means.reseed_empty_clusters",
        reference=reseed_empty_clusters,
        cases=_reseed_cases,
        explain=_reseed_explain,
        page=f"{PAGE}, section 'The algorithm step by step (Lloyd's algorithm)'",
        mistakes=[
            Mistake(
                "a NaN centroid from an empty cluster",
                "an empty cluster's mean is 0/0: give it the point farthest from its centroid.",
                _reseed_nothing,
            ),
            Mistake(
                "taking the only point of a cluster, which leaves that one empty",
                "take the farthest point among clusters that keep at least one point.",
                _reseed_from_a_single,
            ),
        ],
    ),
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
                "uniform sampling: every point equally likely",
                "draw each next centroid with probability D(x)² / Σ D², D(x) the distance "
                "to the nearest centroid so far: rng.choice(m, p=...).",
                _plusplus_uniform,
                recognise=_same_group_twice,
            ),
        ],
    ),
]

"""K-means exercises: squared distances, the assignment step (nearest centroids), the
update step, an empty cluster, and k-means++ seeding (``k_means_plusplus.py``), in the
order of ``homemade/k_means/README.md``."""

import numpy as np

from homemade.exercises import k_means_plusplus
from homemade.exercises._checker import Exercise, Mistake
from homemade.exercises._finding import Finding
from homemade.k_means.k_means import (
    assign,
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


def _distances_manhattan(X, centers):
    return np.abs(X[:, None, :] - centers[None, :, :]).sum(axis=2)


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
    # Whole numbers (pixel values): the means are not, and must not be cut to integers.
    labels = rng.permutation(np.arange(30) % 3)
    cases.append(dict(X=rng.integers(0, 256, size=(30, 3)), labels=labels, k=3))
    return cases


def _update_speed_case(rng):
    return dict(X=rng.normal(size=(1_000, 5)), labels=rng.permutation(np.arange(1_000) % 4), k=4)


def _update_sum(X, labels, k):
    return np.array([X[labels == j].sum(axis=0) for j in range(k)])


def _update_over_m(X, labels, k):
    return _update_sum(X, labels, k) / len(X)


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
            Mistake(
                "absolute differences (the Manhattan distance) instead of squared ones",
                "‖x − c‖² adds the squares of the differences: ((x − c) ** 2).sum().",
                _distances_manhattan,
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
            Mistake(
                "each cluster's sum divided by m, all the points, not by its own count",
                "a centroid is the mean of its own points: divide by their number, "
                "np.sum(labels == j).",
                _update_over_m,
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
    *k_means_plusplus.EXERCISES,
]

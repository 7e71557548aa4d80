"""Learner functions for the k-means exercises."""

import numpy as np
import pandas as pd
from scipy.spatial.distance import cdist
from sklearn.metrics.pairwise import euclidean_distances

from exercise_corpus import CHANGED_INPUT, SEEDED, Corpus

corpus = Corpus()
DIST, ASSIGN, UPDATE = "k_means.squared_distances", "k_means.assign", "k_means.update"
RESEED, PLUSPLUS = "k_means.reseed_empty_clusters", "k_means.kmeans_plusplus"

# ------------------------------------------------------------------ squared distances


@corpus.correct(DIST)
def distances_broadcast(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


@corpus.correct(DIST)
def distances_cdist(X, centers):
    return cdist(X, centers, "sqeuclidean")


# A loop over the centroids, as in many ex7 findClosestCentroids solutions (e.g. the
# "Solved parts 1 and 2 of exercise 7" commit quoted in Nemotron-CC-Math).
@corpus.correct(DIST)
def distances_loop_over_centroids(points, centroids):
    columns = [np.sum((points - c) ** 2, axis=1) for c in centroids]
    return np.column_stack(columns)


@corpus.correct(DIST)
def distances_sklearn(X, centers):
    return euclidean_distances(X, centers, squared=True)


@corpus.correct(DIST)
def distances_einsum(X, centers):
    diff = X[:, None] - centers[None]
    return np.einsum("ijk,ijk->ij", diff, diff)


@corpus.wrong(DIST, "square root", "sqrt", "squared")
def distances_not_squared(X, centers):
    return np.linalg.norm(X[:, None, :] - centers[None, :, :], axis=2)


@corpus.wrong(DIST, "axis", "over the n", "features", "wrong axis")
def distances_wrong_axis(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=1)


@corpus.wrong(DIST, "2 x·c", "−2", "-2", "cross term", "twice")
def distances_cross_term_once(X, centers):
    return (X**2).sum(axis=1)[:, None] - X @ centers.T + (centers**2).sum(axis=1)[None, :]


@corpus.wrong(DIST, "transpos", "(m, k)", "shape")
def distances_transposed(X, centers):
    return ((centers[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)


@corpus.wrong(DIST, "square", "absolute", "Manhattan", "‖x − c‖²")
def distances_manhattan(X, centers):
    return np.abs(X[:, None, :] - centers[None, :, :]).sum(axis=2)


@corpus.wrong(DIST, "axis", "shape", "(m, k)", "a single number")
def distances_summed_over_everything(X, centers):
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum()


# Centring for precision (the k-means page explains why), but on the caller's X.
@corpus.wrong(DIST, *CHANGED_INPUT)
def distances_centres_in_place(X, centers):
    mean = X.mean(axis=0)
    X -= mean
    C = centers - mean
    return (X**2).sum(axis=1)[:, None] - 2 * X @ C.T + (C**2).sum(axis=1)[None, :]


# ------------------------------------------------------------------------- assignment


@corpus.correct(ASSIGN)
def assign_argmin(d):
    return np.argmin(d, axis=1)


@corpus.correct(ASSIGN)
def assign_row_loop(distances):
    return np.array([int(np.argmin(row)) for row in distances])


@corpus.correct(ASSIGN)
def assign_list_index(d):
    return np.array([list(row).index(min(row)) for row in d])


@corpus.correct(ASSIGN)
def assign_equal_to_minimum(d):
    return (d == d.min(axis=1, keepdims=True)).argmax(axis=1)


@corpus.correct(ASSIGN)
def assign_stable_argsort(d):
    return np.argsort(d, axis=1, kind="stable")[:, 0]


@corpus.wrong(ASSIGN, "argmax", "nearest", "smallest", "argmin")
def assign_argmax(d):
    return d.argmax(axis=1)


@corpus.wrong(ASSIGN, "axis", "each row", "one label per point", "over the points")
def assign_wrong_axis(d):
    return d.argmin(axis=0)


@corpus.wrong(ASSIGN, "tie", "lowest", "first")
def assign_last_of_ties(d):
    k = d.shape[1]
    return k - 1 - np.argmin(d[:, ::-1], axis=1)


@corpus.wrong(ASSIGN, "1-based", "0-based", "+ 1", "off by one", "start at 0", "from 0")
def assign_one_based(d):
    return np.argmin(d, axis=1) + 1


@corpus.wrong(ASSIGN, "index", "argmin", "the distance itself", "label")
def assign_min_value(d):
    return d.min(axis=1)


@corpus.wrong(ASSIGN, "integer", "dtype", "int")
def assign_float_labels(d):
    return np.argmin(d, axis=1).astype(float)


# ---------------------------------------------------------------------------- update


@corpus.correct(UPDATE)
def update_loop(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(k)])


@corpus.correct(UPDATE)
def update_add_at(X, labels, k):
    sums = np.zeros((k, X.shape[1]))
    np.add.at(sums, labels, X)
    return sums / np.bincount(labels, minlength=k)[:, None]


@corpus.correct(UPDATE)
def update_pandas(points, assignment, n_clusters):
    means = pd.DataFrame(points).groupby(assignment).mean()
    return means.reindex(range(n_clusters)).to_numpy()


# The loop of the ex7 computeCentroids quoted above: sums and counts per cluster.
@corpus.correct(UPDATE)
def update_running_sums(X, labels, k):
    total, count = np.zeros((k, X.shape[1])), np.zeros(k)
    for x, j in zip(X, labels, strict=True):
        total[j] += x
        count[j] += 1
    return total / count[:, None]


@corpus.wrong(UPDATE, "mean", "divide", "number of points", "sum of each")
def update_sum(X, labels, k):
    return np.array([X[labels == j].sum(axis=0) for j in range(k)])


@corpus.wrong(UPDATE, "axis", "rows", "features", "mean of the cluster's rows")
def update_wrong_axis(X, labels, k):
    return np.array([np.full(X.shape[1], X[labels == j].mean()) for j in range(k)])


@corpus.wrong(UPDATE, "0-based", "1-based", "+ 1", "off by one", "label j", "empty")
def update_one_based(X, labels, k):
    return np.array([X[labels == j].mean(axis=0) for j in range(1, k + 1)])


@corpus.wrong(UPDATE, "labels", "each cluster", "cluster's points", "its own points")
def update_ignores_labels(X, labels, k):
    return np.tile(X.mean(axis=0), (k, 1))


@corpus.wrong(UPDATE, "number of points in", "cluster's size", "count", "size of", "1/m")
def update_divides_by_m(X, labels, k):
    return np.array([X[labels == j].sum(axis=0) for j in range(k)]) / len(X)


@corpus.wrong(UPDATE, "transpos", "(k, n)", "shape")
def update_transposed(X, labels, k):
    one_hot = (labels[:, None] == np.arange(k)).astype(float)
    return (X.T @ one_hot) / one_hot.sum(axis=0)


@corpus.wrong(UPDATE, "integer", "dtype", "float", "truncat", "rounded")
def update_integer_accumulator(X, labels, k):
    centers = np.zeros((k, X.shape[1]), dtype=int)  # np.zeros_like(labels) habit
    for j in range(k):
        centers[j] = X[labels == j].mean(axis=0)
    return centers


# --------------------------------------------------------------------- empty clusters


@corpus.correct(RESEED)
def reseed_loop(labels, closest, k):
    labels, closest = labels.copy(), closest.astype(float)
    for j in range(k):
        if not np.any(labels == j):
            sizes = np.bincount(labels, minlength=k)
            i = np.argmax(np.where(sizes[labels] > 1, closest, -np.inf))
            labels[i], closest[i] = j, 0.0
    return labels


@corpus.correct(RESEED)
def reseed_sorted_candidates(assignment, distance, n_clusters):
    assignment = np.array(assignment)
    distance = np.array(distance, dtype=float)
    for j in np.setdiff1d(np.arange(n_clusters), assignment):
        sizes = np.bincount(assignment, minlength=n_clusters)
        for i in np.argsort(-distance, kind="stable"):
            if sizes[assignment[i]] > 1:
                assignment[i], distance[i] = j, 0.0
                break
    return assignment


@corpus.wrong(RESEED, "empty", "no point", "every cluster", "0/0", "NaN")
def reseed_nothing(labels, closest, k):
    return labels


@corpus.wrong(RESEED, "only point", "leaves that", "keeps at least", "alone", "singleton",
              "left empty")
def reseed_from_any_cluster(labels, closest, k):
    labels = labels.copy()
    for j in range(k):
        if not np.any(labels == j):
            labels[np.argmax(closest)] = j
    return labels


@corpus.wrong(RESEED, *CHANGED_INPUT)
def reseed_in_place(labels, closest, k):
    for j in range(k):
        if not np.any(labels == j):
            sizes = np.bincount(labels, minlength=k)
            labels[np.argmax(np.where(sizes[labels] > 1, closest, -1.0))] = j
    return labels


# Several empty clusters at once: the same farthest point is handed to each in turn, so
# all but the last stay empty.
@corpus.wrong(RESEED, "several", "same point", "still empty", "each empty", "empty")
def reseed_same_point_for_all(labels, closest, k):
    labels = labels.copy()
    sizes = np.bincount(labels, minlength=k)
    farthest = np.argmax(np.where(sizes[labels] > 1, closest, -1.0))
    for j in np.flatnonzero(sizes == 0):
        labels[farthest] = j
    return labels


@corpus.wrong(RESEED, "farthest", "largest", "argmax")
def reseed_nearest_point(labels, closest, k):
    labels = labels.copy()
    for j in range(k):
        if not np.any(labels == j):
            sizes = np.bincount(labels, minlength=k)
            labels[np.argmin(np.where(sizes[labels] > 1, closest, np.inf))] = j
    return labels


@corpus.wrong(RESEED, "farthest", "random", "largest")
def reseed_random_point(labels, closest, k):
    labels = labels.copy()
    rng = np.random.default_rng()
    for j in range(k):
        if not np.any(labels == j):
            sizes = np.bincount(labels, minlength=k)
            labels[rng.choice(np.flatnonzero(sizes[labels] > 1))] = j
    return labels


@corpus.wrong(RESEED, "0-based", "range(k)", "1-based", "label k", "out of range", "0 … k")
def reseed_one_based_clusters(labels, closest, k):
    labels = labels.copy()
    for j in range(1, k + 1):
        if not np.any(labels == j):
            sizes = np.bincount(labels, minlength=k + 1)
            labels[np.argmax(np.where(sizes[labels] > 1, closest, -1.0))] = j
    return labels


# ------------------------------------------------------------------------ k-means++


def _nearest_squared(X, centers):
    return ((X[:, None, :] - np.asarray(centers)[None, :, :]) ** 2).sum(axis=2).min(axis=1)


@corpus.correct(PLUSPLUS)
def plusplus_textbook(X, k, rng):
    m = len(X)
    centers = [X[rng.integers(m)]]
    for _ in range(1, k):
        d2 = _nearest_squared(X, centers)
        centers.append(X[rng.choice(m, p=d2 / d2.sum())])
    return np.array(centers)


@corpus.correct(PLUSPLUS)
def plusplus_inverse_cdf(points, n_clusters, generator):
    chosen = [points[generator.integers(len(points))]]
    while len(chosen) < n_clusters:
        cumulative = np.cumsum(_nearest_squared(points, chosen))
        i = np.searchsorted(cumulative, generator.random() * cumulative[-1], side="right")
        chosen.append(points[min(i, len(points) - 1)])
    return np.vstack(chosen)


@corpus.correct(PLUSPLUS)
def plusplus_choice_of_rows(X, k, rng):
    centers = X[rng.choice(len(X), size=1)]
    for _ in range(k - 1):
        d2 = _nearest_squared(X, centers)
        centers = np.vstack([centers, rng.choice(X, size=1, p=d2 / d2.sum(), axis=0)])
    return centers


@corpus.wrong(PLUSPLUS, "random", "D²", "probabilit", "farthest")
def plusplus_farthest(X, k, rng):
    centers = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        centers.append(X[np.argmax(_nearest_squared(X, centers))])
    return np.array(centers)


@corpus.wrong(PLUSPLUS, "D²", "probabilit", "uniform", "far points")
def plusplus_uniform(X, k, rng):
    return X[rng.choice(len(X), size=k, replace=False)]


@corpus.wrong(PLUSPLUS, *SEEDED)
def plusplus_global_random(X, k, rng):
    m = len(X)
    centers = [X[np.random.randint(m)]]  # noqa: NPY002 (the mistake itself)
    for _ in range(1, k):
        d2 = _nearest_squared(X, centers)
        centers.append(X[np.random.choice(m, p=d2 / d2.sum())])  # noqa: NPY002
    return np.array(centers)


@corpus.wrong(PLUSPLUS, *SEEDED, "ignor")
def plusplus_own_seed(X, k, rng):
    rng = np.random.default_rng(0)  # "for reproducibility"
    m = len(X)
    centers = [X[rng.integers(m)]]
    for _ in range(1, k):
        d2 = _nearest_squared(X, centers)
        centers.append(X[rng.choice(m, p=d2 / d2.sum())])
    return np.array(centers)


@corpus.wrong(PLUSPLUS, "D²", "squared", "D(x)²", "square")
def plusplus_proportional_to_distance(X, k, rng):
    m = len(X)
    centers = [X[rng.integers(m)]]
    for _ in range(1, k):
        d = np.sqrt(_nearest_squared(X, centers))
        centers.append(X[rng.choice(m, p=d / d.sum())])
    return np.array(centers)


@corpus.wrong(PLUSPLUS, "first centroid", "uniformly", "random row", "X[0]")
def plusplus_first_is_row_0(X, k, rng):
    centers = [X[0]]
    for _ in range(1, k):
        d2 = _nearest_squared(X, centers)
        centers.append(X[rng.choice(len(X), p=d2 / d2.sum())])
    return np.array(centers)


@corpus.wrong(PLUSPLUS, "rows of X", "indices", "index", "shape")
def plusplus_returns_indices(X, k, rng):
    chosen = [rng.integers(len(X))]
    for _ in range(1, k):
        d2 = _nearest_squared(X, X[chosen])
        chosen.append(rng.choice(len(X), p=d2 / d2.sum()))
    return np.array(chosen)


@corpus.wrong(PLUSPLUS, "nearest centroid", "closest", "so far", "every centroid", "min")
def plusplus_distance_to_last_only(X, k, rng):
    m = len(X)
    centers = [X[rng.integers(m)]]
    for _ in range(1, k):
        d2 = ((X - centers[-1]) ** 2).sum(axis=1)
        centers.append(X[rng.choice(m, p=d2 / d2.sum())])
    return np.array(centers)


# ------------------------------------------- later additions


@corpus.correct(RESEED)
def reseed_while_empty(labels, closest, k):
    labels, closest = np.array(labels, copy=True), np.array(closest, dtype=float, copy=True)
    counts = np.bincount(labels, minlength=k)
    while (counts == 0).any():
        j = int(np.flatnonzero(counts == 0)[0])
        i = int(np.argmax(np.where(counts[labels] > 1, closest, -np.inf)))
        counts[labels[i]] -= 1
        labels[i], closest[i], counts[j] = j, 0.0, 1
    return labels


ENTRIES = corpus.entries

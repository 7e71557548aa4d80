"""K-means clustering: Lloyd's algorithm with k-means++ seeding and restarts.

The math, step by step, is in ``README.md`` beside this file.
"""

import math
import warnings

import numpy as np

from homemade._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_random_state,
    check_scalar,
)
from homemade.base import BaseEstimator, ClusterMixin
from homemade.exceptions import ConvergenceWarning


class KMeans(ClusterMixin, BaseEstimator):
    """Split the rows of ``X`` into ``n_clusters`` groups around their means (centroids).

    Lloyd's algorithm alternates two steps, neither of which can increase the inertia
    (the sum of squared distances from every point to its centroid): assign each point to
    its nearest centroid, then move each centroid to the mean of its points.

    Parameters
    ----------
    n_clusters : int, default 8
        The number of clusters k (scikit-learn's default; the Iris demo passes 3).
    init : {"k-means++", "random"} or array of shape (n_clusters, n_features)
        How the first centroids are chosen. ``"k-means++"`` picks data points far from the
        centroids chosen so far (D² sampling, greedy with 2 + ⌊ln k⌋ candidates per step);
        ``"random"`` picks ``n_clusters`` distinct rows uniformly; an array is used as it
        is (then a single run is made, whatever ``n_init`` says, as it is deterministic).
    n_init : int, default 10
        Independent runs from different seeds; the one with the lowest inertia is kept.
    max_iter : int, default 300
        The most assignment/update rounds of one run; running out warns
        (``ConvergenceWarning``) if it happens to the run that is kept.
    tol : float, default 1e-4
        A run stops when the centroids moved less than this in total: the sum over the
        centroids of their squared shift, divided by the mean variance of the features (so
        that ``tol`` does not depend on the units of ``X``). A run also stops as soon as
        no point changes cluster, which moves no centroid.
    random_state : None, int or numpy.random.Generator
        Seeds the initializations.

    Attributes
    ----------
    cluster_centers_ : ndarray (n_clusters, n_features)
    labels_ : ndarray (n_samples,) — the cluster of each training row.
    inertia_ : float — Σ ‖x⁽ⁱ⁾ − μ_c⁽ⁱ⁾‖² for the kept run.
    n_iter_ : int — how many centroid updates the kept run made.
    cluster_centers_history_ : ndarray (n_iter_ + 1, n_clusters, n_features) — the
        centroids of the kept run, from the initial ones to the final ones.
    inertia_history_ : ndarray (n_iter_ + 1,) — the inertia after each assignment step
        of the kept run; ``inertia_history_[t]`` goes with
        ``cluster_centers_history_[t]`` and never increases.
    n_features_in_ : int
    """

    def __init__(
        self,
        n_clusters=8,
        *,
        init="k-means++",
        n_init=10,
        max_iter=300,
        tol=1e-4,
        random_state=None,
    ):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    # ------------------------------------------------------------------ fit

    def fit(self, X, y=None):
        """Run k-means ``n_init`` times on ``X`` and keep the run with the lowest inertia.

        ``y`` is ignored; it is accepted so that pipelines can pass it.
        """
        X = check_array(X, estimator=self)
        k = self._check_params(X)
        m, n = X.shape
        rng = check_random_state(self.random_state)

        # Centering costs nothing in the result (distances do not change) and keeps the
        # expansion ‖x‖² − 2x·c + ‖c‖² from losing digits when the data sit far from 0.
        mean = X.mean(axis=0)
        data = _Data(X - mean)
        tol = self.tol * data.X.var(axis=0).mean()

        if isinstance(self.init, str):
            starts = [self._initial_centers(data, k, rng) for _ in range(self.n_init)]
        else:
            starts = [np.asarray(self.init, dtype=np.float64) - mean]

        best = None
        for centers in starts:
            run = _lloyd(data, centers, self.max_iter, tol)
            if best is None or run["inertia"] < best["inertia"]:
                best = run

        self.n_features_in_ = n
        self.cluster_centers_ = best["centers"] + mean
        self.labels_ = best["labels"]
        self.inertia_ = best["inertia"]
        self.n_iter_ = best["n_iter"]
        self.cluster_centers_history_ = best["history"] + mean
        self.inertia_history_ = best["inertia_history"]

        if not best["converged"]:
            warnings.warn(
                f"KMeans stopped after max_iter={self.max_iter} iterations before the "
                f"centroids settled (tol={self.tol}). Increase max_iter or tol.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self._warn_if_fewer_distinct_points(X, k)
        return self

    def _check_params(self, X):
        check_scalar(self.n_clusters, "n_clusters", int, low=1)
        check_scalar(self.n_init, "n_init", int, low=1)
        check_scalar(self.max_iter, "max_iter", int, low=1)
        check_scalar(self.tol, "tol", float, low=0)
        m, n = X.shape
        k = int(self.n_clusters)
        if k > m:
            raise ValueError(
                f"n_clusters={k} is larger than the number of samples ({m}): every cluster "
                f"needs at least one point. Use n_clusters <= {m}, or pass more samples."
            )
        if isinstance(self.init, str):
            check_option(self.init, "init", ("k-means++", "random"))
        else:
            init = check_array(self.init, name="init")
            if init.shape != (k, n):
                raise ValueError(
                    f"init has shape {init.shape}, but n_clusters={k} and X has {n} features: "
                    f"pass an array of shape ({k}, {n}), one row per initial centroid."
                )
        return k

    def _initial_centers(self, data, k, rng):
        if self.init == "random":
            return data.X[rng.choice(len(data.X), size=k, replace=False)]
        return _kmeans_plusplus(data, k, rng)

    def _warn_if_fewer_distinct_points(self, X, k):
        # Counting distinct rows needs a sort; coinciding centroids are the cheap symptom.
        if len(np.unique(self.cluster_centers_, axis=0)) == k:
            return
        distinct = len(np.unique(X, axis=0))
        if distinct < k:
            warnings.warn(
                f"X has only {distinct} distinct points, fewer than n_clusters={k}: some "
                "centroids coincide. Use n_clusters <= the number of distinct points.",
                ConvergenceWarning,
                stacklevel=3,
            )

    # ---------------------------------------------------------- after fit

    def predict(self, X):
        """The index of the nearest centroid for each row of ``X``."""
        X = self._check_X(X)
        return _squared_distances(X, self.cluster_centers_).argmin(axis=1)

    def transform(self, X):
        """Euclidean distance from each row of ``X`` to each centroid: (n_samples, n_clusters)."""
        X = self._check_X(X)
        return np.sqrt(_squared_distances(X, self.cluster_centers_))

    def fit_transform(self, X, y=None):
        return self.fit(X).transform(X)

    def score(self, X, y=None):
        """Minus the inertia of ``X`` under the fitted centroids (larger is better, as in
        scikit-learn)."""
        X = self._check_X(X)
        return -float(_squared_distances(X, self.cluster_centers_).min(axis=1).sum())

    def _check_X(self, X):
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X


# ------------------------------------------------------------------ the algorithm


class _Data:
    """The centered training rows in the layouts the steps below read fastest.

    ``X_aug_t`` holds [x, 1] column by column, so that one product with [−2c, ‖c‖²]
    gives −2x·c + ‖c‖², the part of ‖x − c‖² that depends on c, with one contiguous row
    per centroid; ``XT`` holds each feature contiguously for the per-cluster sums.
    """

    def __init__(self, X):
        self.X = X
        self.x_sq = np.einsum("ij,ij->i", X, X)
        self.XT = np.ascontiguousarray(X.T)
        self.X_aug_t = np.vstack([self.XT, np.ones((1, len(X)))])


def _partial_distances(data, centers):
    """−2x·c + ‖c‖² for every centroid (rows) and point (columns): ‖x − c‖² without the
    ‖x‖² that all centroids share, so the nearest centroid is the argmin of a column.

    The product is done over blocks of points. With few features and centroids each
    product is tiny; a multithreaded BLAS then spends more time waking its threads than
    computing (4x slower on a busy machine). Blocks of about 2¹⁷ multiply-adds stay below
    OpenBLAS's threading threshold and inside the cache.
    """
    centers_aug = np.hstack([-2.0 * centers, np.einsum("ij,ij->i", centers, centers)[:, None]])
    m = data.X_aug_t.shape[1]
    out = np.empty((len(centers), m))
    block = max(256, 2**17 // centers_aug.size)
    for start in range(0, m, block):
        np.matmul(centers_aug, data.X_aug_t[:, start : start + block],
                  out=out[:, start : start + block])
    return out


def _nearest(d):
    """Index and value of the smallest entry of each column of ``d`` (ties: the lowest
    index). Every step is a vector operation along the rows, many times faster than
    ``argmin`` over many short columns."""
    k = len(d)
    smallest = np.minimum.reduce(d, axis=0)
    # Row j scores k − 1 − j where it holds the minimum, 0 elsewhere; the best score
    # is the lowest such j. A small integer type keeps the pass over memory short.
    score = np.arange(k - 1, -1, -1, dtype=np.min_scalar_type(k))[:, None]
    labels = (k - 1) - np.maximum.reduce((d == smallest) * score, axis=0).astype(np.intp)
    return labels, smallest


def _squared_distances(X, centers):
    """‖x − c‖² = ‖x‖² − 2x·c + ‖c‖² for every row and centroid, as one matrix product
    (no loop over samples). Rounding can push a true 0 slightly below it, hence the clip."""
    d = X @ centers.T
    d *= -2.0
    d += np.einsum("ij,ij->i", X, X)[:, None]
    d += np.einsum("ij,ij->i", centers, centers)
    return np.maximum(d, 0.0, out=d)


def _cluster_sums(data, labels, k):
    """Σ x⁽ⁱ⁾ over the rows of each cluster, and the cluster sizes (no loop over rows)."""
    counts = np.bincount(labels, minlength=k)
    if len(data.XT) <= 32:
        # A weighted bincount per feature: k sums in one pass over a contiguous column.
        sums = np.empty((k, len(data.XT)))
        for f, column in enumerate(data.XT):
            sums[:, f] = np.bincount(labels, weights=column, minlength=k)
    else:
        # Many features: a one-hot matrix product is one BLAS call instead.
        one_hot = np.zeros((k, len(labels)))
        one_hot[labels, np.arange(len(labels))] = 1.0
        sums = one_hot @ data.X
    return sums, counts


def _reseed_empty(labels, closest, counts):
    """Give each empty cluster the point farthest from its centroid, taken from a cluster
    that keeps at least one point. Moving that point cannot increase the inertia: its own
    term drops to 0. The loop is over empty clusters (at most k), not over samples."""
    labels = labels.copy()
    closest = closest.copy()
    counts = counts.copy()
    for j in np.flatnonzero(counts == 0):
        donors = counts[labels] >= 2
        i = int(np.argmax(np.where(donors, closest, -1.0)))
        counts[labels[i]] -= 1
        labels[i] = j
        counts[j] = 1
        closest[i] = 0.0
    return labels


def _lloyd(data, centers, max_iter, tol):
    """One run of Lloyd's algorithm from ``centers``; the data are already centered."""
    k = len(centers)
    history = [centers]
    inertia_history = []
    converged = False
    n_iter = 0
    for _ in range(max_iter):
        # Assignment step: each point to its nearest centroid.
        labels, smallest = _nearest(_partial_distances(data, centers))
        closest = np.maximum(smallest + data.x_sq, 0.0)
        inertia_history.append(float(closest.sum()))
        sums, counts = _cluster_sums(data, labels, k)
        if not counts.all():
            labels = _reseed_empty(labels, closest, counts)
            sums, counts = _cluster_sums(data, labels, k)
        # Update step: each centroid to the mean of its points (no cluster is empty now).
        new_centers = sums / counts[:, None]
        shift = float(((new_centers - centers) ** 2).sum())
        centers = new_centers
        history.append(centers)
        n_iter += 1
        if shift <= tol:
            converged = True
            break
    # A last assignment so that labels and inertia belong to the final centroids.
    labels, smallest = _nearest(_partial_distances(data, centers))
    inertia_history.append(float(np.maximum(smallest + data.x_sq, 0.0).sum()))
    return {
        "centers": centers,
        "labels": labels,
        "inertia": inertia_history[-1],
        "n_iter": n_iter,
        "history": np.array(history),
        "inertia_history": np.array(inertia_history),
        "converged": converged,
    }


def _kmeans_plusplus(data, k, rng):
    """k-means++ seeding (Arthur & Vassilvitskii, 2007), the greedy variant.

    The first centroid is a uniformly random row. Each next one is drawn with probability
    proportional to D(x)², the squared distance from x to its nearest centroid so far, so
    far-away regions get a centroid early. Drawing 2 + ⌊ln k⌋ candidates and keeping the
    one that lowers the total D² most makes a bad draw less likely.
    """
    X = data.X
    m = len(X)
    n_trials = 2 + int(math.log(k))
    centers = np.empty((k, X.shape[1]))
    first = rng.integers(m)
    centers[0] = X[first]
    closest = np.maximum(_partial_distances(data, centers[:1])[0] + data.x_sq, 0.0)
    for c in range(1, k):
        cumulative = np.cumsum(closest)
        total = cumulative[-1]
        if total > 0:
            # Inverse-CDF sampling: a uniform draw in [0, ΣD²) lands on row i with
            # probability D(x⁽ⁱ⁾)² / ΣD²; rows already on a centroid have width 0.
            draws = rng.uniform(0.0, total, size=n_trials)
            candidates = np.searchsorted(cumulative, draws, side="right")
            candidates = np.minimum(candidates, m - 1)
        else:
            # Every point already sits on a centroid (fewer distinct points than k).
            candidates = rng.integers(m, size=n_trials)
        # One row per candidate: D² if that candidate joined the centroids.
        d = _partial_distances(data, X[candidates])
        d += data.x_sq
        np.maximum(d, 0.0, out=d)
        np.minimum(d, closest, out=d)
        best = int(np.argmin(d.sum(axis=1)))
        centers[c] = X[candidates[best]]
        closest = d[best]
    return centers

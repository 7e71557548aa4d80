"""K-means (Lloyd's algorithm, k-means++ seeding); the math is in README.md beside this."""

import warnings

import numpy as np

from homemade._parameters import ArrayLike, Interval, Options, RandomState, check_random_state
from homemade.base import BaseEstimator, ClusterMixin
from homemade.exceptions import ConvergenceWarning


def squared_distances(X, centers):
    """‖x − c‖² for every row x of ``X`` and every centroid c, from one matrix product.

    ‖x − c‖² = ‖x‖² − 2 x·c + ‖c‖², so all m × k distances cost one product ``X @ C.T``
    and no loop. fit, predict, transform, score and k-means++ all use this function.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    centers : ndarray of shape (k, n)

    Returns
    -------
    d : ndarray of shape (m, k)
        ``d[i, j] = ‖x⁽ⁱ⁾ − μ_j‖²``.
    """
    x_sq = np.einsum("ij,ij->i", X, X)  # ‖x‖² per row, without an m × n temporary X**2
    d = X @ (-2 * centers.T)  # −2 x·c; the factor on the k × n centroids, not the m × k product
    d += x_sq[:, None]  # in place: a new m × k array per term would cost 3x the sums
    d += np.einsum("ij,ij->i", centers, centers)  # ‖c‖²
    # Rounding can turn a true 0 into −1e-16; a squared distance is never negative.
    return np.maximum(d, 0.0, out=d)


def assign(d):
    """Assignment step: each point goes to its nearest centroid.

    Parameters
    ----------
    d : ndarray of shape (m, k)
        Squared distances from ``squared_distances``.

    Returns
    -------
    labels : ndarray of shape (m,)
        ``c⁽ⁱ⁾ = argmin_j d[i, j]`` (ties: the lowest j).
    """
    return d.argmin(axis=1)


def update(X, labels, k):
    """Update step: each centroid moves to the mean of its cluster's points.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    labels : ndarray of shape (m,)
        Cluster of each point; every cluster 0 … k−1 must have a point.
    k : int

    Returns
    -------
    centers : ndarray of shape (k, n)
    """
    R = (labels == np.arange(k)[:, None]).astype(X.dtype)  # (k, m): R[j, i] = 1 if i ∈ C_j
    return (R @ X) / R.sum(axis=1)[:, None]


def lloyd(X, centers, max_iter, tol):
    """One run of Lloyd's algorithm from ``centers``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    centers : ndarray of shape (k, n)
        The initial centroids.
    max_iter : int
        The most updates of the centroids.
    tol : float
        Stop once Σ_j ‖μ_j(new) − μ_j‖² ≤ ``tol`` (in the units of X, squared).

    Returns
    -------
    centers : ndarray of shape (k, n)
    labels : ndarray of shape (m,)
    cost_history : ndarray of shape (n_iter + 1,)
        J before the first update and after each; ``cost_history[-1]`` is the final J.
    history : ndarray of shape (n_iter + 1, k, n)
        The centroids, from ``centers`` to the final ones.
    converged : bool (False when ``max_iter`` ran out first)
    """
    history, costs, k = [centers], [], len(centers)
    for _ in range(max_iter):
        d = squared_distances(X, centers)
        labels = assign(d)
        closest = d[np.arange(len(X)), labels]  # D(x)², each point to its centroid
        costs.append(closest.sum())
        labels = reseed_empty_clusters(labels, closest, k)
        new_centers = update(X, labels, k)
        shift = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        history.append(centers)
        if shift <= tol:
            break
    d = squared_distances(X, centers)  # a last assignment: labels and J of the final centroids
    labels = assign(d)
    costs.append(d[np.arange(len(X)), labels].sum())
    return centers, labels, np.array(costs, dtype=np.float64), np.array(history), shift <= tol


def reseed_empty_clusters(labels, closest, k):
    """Give each empty cluster the point farthest from its centroid.

    The point is taken from a cluster that keeps at least one point, so no cluster is
    left empty (its mean would be 0/0). Moving it cannot increase J: its own term drops to
    0. The loop is over the empty clusters (at most k), not over the points.

    Parameters
    ----------
    labels : ndarray of shape (m,)
    closest : ndarray of shape (m,)
        Each point's squared distance to its centroid.
    k : int

    Returns
    -------
    labels : ndarray of shape (m,)
        A copy with every cluster 0 … k−1 non-empty (``labels`` itself if none was empty).
    """
    counts = np.bincount(labels, minlength=k)
    if counts.all():
        return labels
    labels, closest = labels.copy(), closest.copy()
    for j in np.flatnonzero(counts == 0):
        donors = counts[labels] >= 2
        i = int(np.argmax(np.where(donors, closest, -1.0)))
        counts[labels[i]] -= 1
        labels[i], counts[j], closest[i] = j, 1, 0.0
    return labels


def kmeans_plusplus(X, k, rng):
    """k-means++ seeding (D² sampling), greedy variant with 2 + ⌊ln k⌋ candidates.

    The first centroid is a uniformly random row. Each next one is drawn with probability
    D(x)² / Σ D², D(x) the distance from x to its nearest centroid so far. Greedy (as in
    scikit-learn): 2 + ⌊ln k⌋ candidates are drawn and the one that lowers Σ D² most is
    kept; Arthur & Vassilvitskii's O(log k) bound is proven for one candidate, not this.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    k : int
    rng : numpy.random.Generator

    Returns
    -------
    centers : ndarray of shape (k, n)
        k rows of ``X``.
    """
    m, n_trials = len(X), 2 + int(np.log(k))
    centers = X[[rng.integers(m)]]
    closest = squared_distances(centers, X)[0]
    for _ in range(1, k):
        total = closest.sum()
        # D² sampling. A total of 0 means every point already is a centroid (X has fewer
        # than k distinct points): then any row will do.
        p = closest / total if total > 0 else np.full(m, 1 / m)
        candidates = rng.choice(m, size=n_trials, p=p)
        # Row t: D² of every point if candidate t joined (rows: min and sum run along memory).
        d = np.minimum(squared_distances(X[candidates], X), closest)
        best = int(np.argmin(d.sum(axis=1)))
        centers = np.vstack([centers, X[candidates[best]]])
        closest = d[best]
    return centers


class KMeans(ClusterMixin, BaseEstimator):
    """Split the rows of ``X`` into ``n_clusters`` groups around their means (centroids).

    Lloyd's algorithm alternates two steps, neither of which can increase the inertia J
    (the sum of squared distances from every point to its centroid): assign each point to
    its nearest centroid, then move each centroid to the mean of its points.

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters k, 1 ≤ k ≤ the number of samples (scikit-learn's default).
    init : {"k-means++", "random"} or array of shape (n_clusters, n_features), \
default="k-means++"
        How the first centroids are chosen. ``"k-means++"``: D² sampling, greedy with
        2 + ⌊ln k⌋ candidates per centroid (see ``kmeans_plusplus``). ``"random"``:
        ``n_clusters`` distinct rows drawn uniformly. An array: used as it is; a single
        run is then made, whatever ``n_init`` says, as it is deterministic.
    n_init : int ≥ 1, default=10
        Independent runs from different seeds; the one with the lowest J is kept.
    max_iter : int ≥ 1, default=300
        The most updates of the centroids in one run; running out warns
        (``ConvergenceWarning``) if it happens to the run that is kept.
    tol : float ≥ 0, default=1e-4
        Not a cost criterion: a run stops once Σ_j ‖μ_j(new) − μ_j‖² ≤ ``tol`` × the mean
        variance of the features of X (scikit-learn's rule and default; the variance makes
        ``tol`` free of X's units). An update in which no point changes cluster moves no
        centroid, so a run always stops then; ``tol=0`` runs until that happens.
    random_state : None, int ≥ 0, Generator or RandomState (numpy.random), default=None
        Seeds the initializations (None: fresh entropy each fit).

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of shape (n_samples,)
        The cluster of each training row.
    inertia_ : float
        J = Σ ‖x⁽ⁱ⁾ − μ_c⁽ⁱ⁾‖² of the kept run.
    n_iter_ : int
        How many centroid updates the kept run made.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        J of the kept run before the first update and after each (points assigned to
        their nearest centroid each time); never increases.
    cluster_centers_history_ : ndarray of shape (n_iter_ + 1, n_clusters, n_features)
        The centroids of the kept run, from the initial ones to the final ones;
        ``cost_history_[t]`` goes with ``cluster_centers_history_[t]``.
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from homemade.k_means import KMeans
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    >>> model = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> np.round(model.cluster_centers_[np.argsort(model.cluster_centers_[:, 0])], 3)
    array([[ 0. ,  0.5],
           [10. ,  0.5]])
    >>> round(model.inertia_, 3)
    1.0
    """

    _parameter_constraints = {
        "n_clusters": Interval(int, low=1),
        "init": [
            Options(("k-means++", "random")),
            ArrayLike("an array (n_clusters, n_features)"),
        ],
        "n_init": Interval(int, low=1),
        "max_iter": Interval(int, low=1),
        "tol": Interval(float, low=0),
        "random_state": RandomState(),
    }

    def __init__(self, *, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """Run k-means ``n_init`` times on ``X`` and keep the run with the lowest J.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : ignored (accepted for pipelines)

        Returns
        -------
        self : KMeans
        """
        self._validate_params()
        X = self._validate_data(X, fitting=True)
        k = self._check_shapes(X)
        rng = check_random_state(self.random_state)
        # Centering changes no distance, but keeps ‖x‖² − 2x·c + ‖c‖² from losing digits
        # to cancellation when the data sit far from the origin.
        mean = X.mean(axis=0)
        X = X - mean
        tol = self.tol * X.var(axis=0).mean()
        if isinstance(self.init, str):
            starts = [self._initial_centers(X, k, rng) for _ in range(self.n_init)]
        else:
            starts = [np.asarray(self.init, dtype=np.float64) - mean]
        runs = [lloyd(X, centers, self.max_iter, tol) for centers in starts]
        # Keep the lowest final J. Runs ending on the same partition tie up to rounding: the
        # first of them wins, so that the last bits of a BLAS kernel cannot pick the run.
        final = np.array([run[2][-1] for run in runs])
        best = np.flatnonzero(final <= final.min() * (1 + 1e-10))[0]
        centers, labels, costs, history, converged = runs[best]
        self.n_features_in_ = X.shape[1]
        self._mean = mean  # the centring of X, which predict, transform and score repeat
        self.cluster_centers_ = centers + mean
        self.labels_ = labels
        self.inertia_ = float(costs[-1])
        self.n_iter_ = len(history) - 1
        self.cost_history_ = costs
        self.cluster_centers_history_ = history + mean
        if not converged:
            warnings.warn(
                f"KMeans stopped after max_iter={self.max_iter} iterations before the "
                f"centroids settled (tol={self.tol}). Increase max_iter or tol.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self._warn_if_fewer_distinct_points(X, k)
        return self

    def _check_shapes(self, X):
        (m, n), k = X.shape, self.n_clusters
        if k > m:
            raise ValueError(
                f"n_clusters={k} is larger than the number of samples ({m}): every cluster "
                f"needs at least one point. Use n_clusters <= {m}, or pass more samples."
            )
        if not isinstance(self.init, str) and np.shape(self.init) != (k, n):
            raise ValueError(
                f"init has shape {np.shape(self.init)}, but n_clusters={k} and X has {n} "
                f"features: pass an array of shape ({k}, {n}), one row per initial centroid."
            )
        return k

    def _initial_centers(self, X, k, rng):
        if self.init == "random":
            return X[rng.choice(len(X), size=k, replace=False)]
        return kmeans_plusplus(X, k, rng)

    def _warn_if_fewer_distinct_points(self, X, k):
        # Counting distinct rows needs a sort; coinciding centroids are the cheap symptom.
        coinciding = len(np.unique(self.cluster_centers_, axis=0)) < k
        distinct = len(np.unique(X, axis=0)) if coinciding else k
        if distinct < k:
            warnings.warn(
                f"X has only {distinct} distinct points, fewer than n_clusters={k}: some "
                "centroids coincide. Use n_clusters <= the number of distinct points.",
                ConvergenceWarning,
                stacklevel=3,
            )

    def predict(self, X):
        """The index of the nearest centroid for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        labels : ndarray of shape (m,)
        """
        return assign(self._squared_distances(X))

    def transform(self, X):
        """Euclidean distance from each row of ``X`` to each centroid.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        distances : ndarray of shape (m, n_clusters)
        """
        return np.sqrt(self._squared_distances(X))

    def fit_transform(self, X, y=None):
        """Fit on ``X``, then return :meth:`transform` of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : ignored (accepted for pipelines)

        Returns
        -------
        distances : ndarray of shape (m, n_clusters)
        """
        return self.fit(X).transform(X)

    def score(self, X, y=None):
        """Minus J of ``X`` under the fitted centroids (larger is better, as in scikit-learn).

        Parameters
        ----------
        X : array-like of shape (m, n)
            The points to score against the fitted centroids.
        y : ignored (accepted for pipelines)

        Returns
        -------
        score : float
        """
        return -float(self._squared_distances(X).min(axis=1).sum())

    def _squared_distances(self, X):
        """``squared_distances`` after fit's centring (X and the centroids minus the training
        mean): predict then repeats ``labels_``, -score ``inertia_``, far from 0 too."""
        X = self._validate_data(X)
        return squared_distances(X - self._mean, self.cluster_centers_ - self._mean)

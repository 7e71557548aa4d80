"""K-means: homemade KMeans vs scikit-learn's KMeans, same data, same run.

Rows: Iris with all four features (inertia), Iris petal length and width (adjusted Rand
index against the species), and 20,000 points from 8 Gaussian blobs in 6-D (inertia and
fit time).

Two copies of Iris exist. ``homemade.datasets.load_iris`` (plotly's copy) is the UCI file,
which differs from Fisher's published values in two setosa rows (35 and 38); scikit-learn
ships Fisher's values. The known optimum 78.851 is for Fisher's values; on the UCI copy
the optimum of the same partition is 78.941. Both rows are reported.
"""

import numpy as np
from common import Row, fit_time_ratio
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.datasets import load_iris as sklearn_load_iris

from homemade.datasets import load_iris
from homemade.k_means import KMeans
from homemade.metrics import adjusted_rand_score

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def _blobs(m=20_000, n=6, k=8, seed=0):
    """k Gaussian blobs in n-D: centers uniform in a box of side 20, unit spread, so that
    neighbouring blobs touch and the initialization matters."""
    rng = np.random.default_rng(seed)
    centers = rng.uniform(-10, 10, size=(k, n))
    labels = rng.integers(k, size=m)
    return centers[labels] + rng.normal(scale=2.0, size=(m, n))


def rows(full=False):
    out = []
    sk = dict(n_init=10, random_state=0)

    # Iris, all four features, k=3, our default settings.
    for task, X in (
        ("Iris (Fisher's values, sklearn copy), 4 features, k=3", sklearn_load_iris().data),
        ("Iris (UCI copy, homemade.datasets), 4 features, k=3",
         load_iris()[FEATURES].to_numpy()),
    ):
        ours = KMeans(n_clusters=3, random_state=0).fit(X)
        theirs = SklearnKMeans(n_clusters=3, **sk).fit(X)
        ratio, _, _ = fit_time_ratio(
            lambda X=X: KMeans(n_clusters=3, random_state=0).fit(X),
            lambda X=X: SklearnKMeans(n_clusters=3, **sk).fit(X),
            repeats=5,
        )
        fisher = "Fisher" in task
        target = "<= 78.86" if fisher else "<= 78.95 (this copy's optimum 78.941)"
        limit = 78.86 if fisher else 78.95
        out.append(Row(task, "inertia", ours.inertia_, theirs.inertia_, ratio, target,
                       ours.inertia_ <= limit))

    # Iris petal length and width only, compared with the species.
    iris = load_iris()
    X = iris[["petal_length", "petal_width"]].to_numpy()
    ours = KMeans(n_clusters=3, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=3, **sk).fit(X)
    ratio, _, _ = fit_time_ratio(
        lambda: KMeans(n_clusters=3, random_state=0).fit(X),
        lambda: SklearnKMeans(n_clusters=3, **sk).fit(X),
        repeats=5,
    )
    ari_ours = adjusted_rand_score(iris["species"], ours.labels_)
    ari_theirs = adjusted_rand_score(iris["species"], theirs.labels_)
    out.append(Row("Iris petal length + width, k=3", "ARI vs species", ari_ours, ari_theirs,
                   ratio, ">= 0.88", ari_ours >= 0.88))

    # 20,000 points, 8 blobs, 6-D: quality against scikit-learn's best of 10, and speed.
    X = _blobs()
    ours = KMeans(n_clusters=8, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=8, **sk).fit(X)
    ratio, _, _ = fit_time_ratio(
        lambda: KMeans(n_clusters=8, random_state=0).fit(X),
        lambda: SklearnKMeans(n_clusters=8, **sk).fit(X),
        repeats=7,
    )
    gap = ours.inertia_ / theirs.inertia_ - 1
    out.append(Row("20,000 points, 8 blobs, 6-D, k=8",
                   f"inertia (ours / sklearn - 1 = {gap:.1e})", ours.inertia_,
                   theirs.inertia_, ratio, "within 0.1% of sklearn; time <= 2x",
                   gap <= 1e-3 and ratio <= 2.0))
    return out

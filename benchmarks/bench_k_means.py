"""K-means: homemade KMeans vs scikit-learn's KMeans, same data, same run.

Rows: Iris with all four features (inertia), Iris petal length and width (adjusted Rand
index against the species), 20,000 points from 8 Gaussian blobs in 6-D (inertia and fit
time), the MNIST sample's pixels, 5,000 x 784 (inertia and fit time), and the image
compression demo's photo (matplotlib's grace_hopper.jpg): all 307,200 pixels as points
in RGB space scaled to [0, 1], k=16 as in Andrew Ng's ex7, 3 restarts each (inertia and
fit time).

Both sides use the same settings: init "k-means++" (both greedy, 2 + floor(ln k)
candidates), the same n_init, max_iter=300 and tol=1e-4 with the same meaning (the
centroids' total squared shift relative to the mean variance of the features), each with
its own seed (random_state=0). Both get the same float64 array.

``homemade.datasets.load_iris`` returns Fisher's values (plotly's UCI copy with UCI's two
documented corrections), for which the known four-feature optimum is 78.851.
"""

import matplotlib.pyplot as plt
import numpy as np
from common import Row, fit_time_ratio
from matplotlib import cbook
from sklearn.cluster import KMeans as SklearnKMeans

from homemade.datasets import load_iris, load_mnist
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
    iris = load_iris()
    X = iris[FEATURES].to_numpy()
    ours = KMeans(n_clusters=3, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=3, **sk).fit(X)
    ratio, _, _ = fit_time_ratio(
        lambda: KMeans(n_clusters=3, random_state=0).fit(X),
        lambda: SklearnKMeans(n_clusters=3, **sk).fit(X),
        repeats=5,
    )
    out.append(
        Row(
            "Iris, 4 features, k=3",
            "inertia",
            ours.inertia_,
            theirs.inertia_,
            ratio,
            "<= 78.86",
            ours.inertia_ <= 78.86,
        )
    )

    # Iris petal length and width only, compared with the species.
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
    out.append(
        Row(
            "Iris petal length + width, k=3",
            "ARI vs species",
            ari_ours,
            ari_theirs,
            ratio,
            ">= 0.88",
            ari_ours >= 0.88,
        )
    )

    # 20,000 points, 8 blobs, 6-D: quality against scikit-learn's best of 10, and speed.
    out.append(
        _inertia_row(
            "20,000 points, 8 blobs, 6-D, k=8", _blobs(), dict(n_clusters=8, random_state=0),
            {**sk, "n_clusters": 8}, max_gap=1e-3, max_ratio=3.0, repeats=7,
        )
    )
    # MNIST sample: 5,000 digits x 784 pixels (scaled to [0, 1]), k=10, 3 restarts each.
    mnist = dict(n_clusters=10, n_init=3, random_state=0)
    out.append(
        _inertia_row(
            "MNIST sample, 5,000 x 784 pixels, k=10, n_init=3",
            load_mnist()[0].astype(np.float64) / 255, mnist, mnist,
            max_gap=5e-3, max_ratio=2.0, repeats=5,
        )
    )
    # The image compression demo: every pixel of the photo, k=16, 3 restarts each. Its time
    # target is missed (issue 20, item 6). Measured on one core (CPU time, one thread each,
    # the same start): a Lloyd iteration takes 39 ms here and 10 ms in scikit-learn, whose
    # Cython loop does ||c||^2 - 2 x.c, the argmin and the centroid sums together, 256 rows
    # at a time (no m x k matrix, no J per iteration). Ours writes the 307,200 x 16 distance
    # matrix and passes over it six times (product, two broadcast sums, clip, argmin,
    # gather): 30 of the 39 ms. That was with a sparse one-hot R in `update` (2.5 ms); the
    # dense R the math page writes takes 15 ms and is kept, for the reader: the target is
    # missed either way (a chunked fused helper reached 2.3x, still above 2x).
    with cbook.get_sample_data("grace_hopper.jpg") as file:
        pixels = plt.imread(file).reshape(-1, 3).astype(np.float64) / 255
    photo = dict(n_clusters=16, n_init=3, random_state=0)
    out.append(
        _inertia_row(
            "Photo, 307,200 RGB pixels, k=16, n_init=3", pixels, photo, photo,
            max_gap=5e-3, max_ratio=2.0, repeats=3,
        )
    )
    return out


def _inertia_row(task, X, ours_params, sklearn_params, *, max_gap, max_ratio, repeats):
    """Inertia of both (relative gap at most ``max_gap``) and the fit-time ratio."""
    ours = KMeans(**ours_params).fit(X)
    theirs = SklearnKMeans(**sklearn_params).fit(X)
    ratio, _, _ = fit_time_ratio(
        lambda: KMeans(**ours_params).fit(X),
        lambda: SklearnKMeans(**sklearn_params).fit(X),
        repeats=repeats,
    )
    gap = ours.inertia_ / theirs.inertia_ - 1
    return Row(
        task,
        f"inertia (ours / sklearn - 1 = {gap:.1e})",
        ours.inertia_,
        theirs.inertia_,
        ratio,
        f"within {max_gap:.1%} of sklearn; time <= {max_ratio:g}x",
        abs(gap) <= max_gap and ratio <= max_ratio,
    )

"""PCA: homemade PCA vs scikit-learn's PCA(svd_solver="full"), same data, same run.

Rows: the MNIST sample (5,000 x 784 pixels, scaled to [0, 1]) and, with ``--full``, the
Fashion-MNIST training set (60,000 x 784, scaled to [0, 1]). Both sides fit every
component (n_components=None) on the same float64 array: one thin SVD of the centred
data each (both scipy.linalg.svd, LAPACK's gesdd). The metric is the variance
retained by the k that keeps 99 % (our ``choose_k``) and the largest relative gap
between the two ``explained_variance_`` arrays over the components that carry at least
1e-12 of the total variance (the rest is rounding noise on both sides).
"""

import numpy as np
from common import Row, fit_time_ratio
from sklearn.decomposition import PCA as SklearnPCA

from homemade.datasets import MNIST_TRAIN_SIZE, load_fashion_mnist, load_mnist
from homemade.principal_component_analysis import PCA
from homemade.principal_component_analysis.pca import choose_k


def _row(task, X, repeats, max_ratio=1.5):
    ours = PCA().fit(X)
    theirs = SklearnPCA(svd_solver="full").fit(X)
    ratio, _, _ = fit_time_ratio(lambda: PCA().fit(X),
                                 lambda: SklearnPCA(svd_solver="full").fit(X), repeats=repeats)
    k = choose_k(ours.explained_variance_, 0.99)
    kept = ours.explained_variance_ratio_[:k].sum()
    kept_theirs = theirs.explained_variance_ratio_[:k].sum()
    carried = theirs.explained_variance_ratio_ >= 1e-12
    gap = np.max(np.abs(ours.explained_variance_[carried] / theirs.explained_variance_[carried]
                        - 1))
    return Row(
        task,
        f"variance kept by k = {k} (99 %); variances' largest gap {gap:.0e}",
        kept,
        kept_theirs,
        ratio,
        f"variances within 1e-9; time <= {max_ratio:g}x",
        gap <= 1e-9 and ratio <= max_ratio,
    )


def rows(full=False):
    out = [_row("PCA, MNIST sample, 5,000 x 784", load_mnist()[0].astype(np.float64) / 255,
                repeats=5)]
    if full:
        X = load_fashion_mnist()[0][:MNIST_TRAIN_SIZE].astype(np.float64) / 255
        out.append(_row("PCA, Fashion-MNIST train, 60,000 x 784", X, repeats=3))
    return out

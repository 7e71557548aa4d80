"""Principal component analysis (PCA) through the SVD; the math is in README.md beside this.

The module-level functions are the page's formulas: the covariance matrix Σ, the principal
components (the eigenvectors of Σ, found from the SVD of the centred data), their sign,
the projection z = U_reduceᵀ(x − μ), the recovery x ≈ U_reduce z + μ, the variance
retained and the smallest k that keeps a given share of it, and the whole recipe
on features in different units (``standardize_then_project``). ``PCA`` checks its input,
calls them and stores the results.
"""

import numbers

import numpy as np
import scipy.linalg

from homemade._parameters import FLOAT_TYPE, Custom, check_float_type
from homemade._validation import check_array, check_is_fitted
from homemade.base import BaseEstimator
from homemade.features import standardize


# ------------------------------------------------------------------------ the math
def covariance_matrix(X):
    """Σ = (1/m) (X − μ)ᵀ(X − μ), divided by m as in Andrew Ng's course.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, not yet centred: μ, the mean of each column, is subtracted here.

    Returns
    -------
    sigma : ndarray of shape (n, n)
        Σ; its diagonal holds the variance of each feature.
    """
    centred = X - X.mean(axis=0)
    return centred.T @ centred / len(X)


def principal_components(X):
    """The principal directions of ``X`` and the variance along each, largest first.

    They are the eigenvectors and eigenvalues of Σ (``covariance_matrix``), found without
    forming Σ: if X − μ = W S Vᵀ (the thin SVD), then Σ = V (S²/m) Vᵀ, so the columns of
    U = V are the eigenvectors and νⱼ = sⱼ²/m their eigenvalues, already sorted from the
    largest. Each column gets the sign of ``flip_signs``.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data, not yet centred (μ is subtracted here).

    Returns
    -------
    U : ndarray of shape (n, r), r = min(m, n)
        Column j is the unit vector u⁽ʲ⁾ of the j-th principal direction.
    variances : ndarray of shape (r,)
        νⱼ = sⱼ²/m, the variance of the data along u⁽ʲ⁾ (eigenvalue of Σ), descending.
    """
    centred = X - X.mean(axis=0)
    # SciPy's SVD, as scikit-learn's full solver: the same LAPACK routine (gesdd) as
    # np.linalg.svd, but on the MNIST sample with 2 BLAS threads on a busy 2-core machine
    # NumPy's took 30 s against SciPy's 0.8 s (1.1 s each on one thread).
    _, s, Vt = scipy.linalg.svd(centred, full_matrices=False)
    return flip_signs(Vt.T), s**2 / len(X)


def flip_signs(U):
    """Each column of ``U`` times ±1, so that its entry of largest magnitude is positive.

    An eigenvector is only defined up to its sign (−u is one too); this fixes one, the
    rule of scikit-learn's ``svd_flip(u_based_decision=False)``. A tie between entries of
    equal magnitude goes to the first of them.

    Parameters
    ----------
    U : ndarray of shape (n, r)

    Returns
    -------
    U : ndarray of shape (n, r)
    """
    largest = U[np.abs(U).argmax(axis=0), np.arange(U.shape[1])]
    return U * np.where(largest < 0, -1, 1).astype(U.dtype)


def project(X, mean, U, k):
    """z = U_reduceᵀ(x − μ) for every row: the coordinates along the first k components.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    mean : ndarray of shape (n,)
        μ of the data the components were found on.
    U : ndarray of shape (n, r)
        The principal directions, as columns (``principal_components``).
    k : int
        How many to keep: U_reduce = U[:, :k].

    Returns
    -------
    Z : ndarray of shape (m, k)
    """
    return (X - mean) @ U[:, :k]


def recover(Z, mean, U):
    """x ≈ U_reduce z + μ for every row of ``Z``: back to the n original features.

    Parameters
    ----------
    Z : ndarray of shape (m, k)
        Projections (``project``); k, their number of columns, picks U_reduce = U[:, :k].
    mean : ndarray of shape (n,)
    U : ndarray of shape (n, r)

    Returns
    -------
    X_approx : ndarray of shape (m, n)
        The points of the k-dimensional subspace closest to the original ones.
    """
    return Z @ U[:, : Z.shape[1]].T + mean


def variance_retained(variances):
    """The share of the variance that the first k components keep, for k = 1 … r.

    (ν₁ + … + νₖ) / (ν₁ + … + νᵣ); the last entry is exactly 1.

    Parameters
    ----------
    variances : ndarray of shape (r,)
        ν₁ ≥ … ≥ νᵣ ≥ 0, not all zero.

    Returns
    -------
    retained : ndarray of shape (r,)
        ``retained[k - 1]`` for k components.
    """
    cumulative = np.cumsum(variances)
    return cumulative / cumulative[-1]


def choose_k(variances, share):
    """The smallest k whose components keep at least ``share`` of the variance.

    Andrew Ng's rule with ``share=0.99``: "99 % of the variance is retained".

    Parameters
    ----------
    variances : ndarray of shape (r,)
        ν₁ ≥ … ≥ νᵣ ≥ 0, not all zero.
    share : float in (0, 1]

    Returns
    -------
    k : int, 1 ≤ k ≤ r
    """
    return int(np.flatnonzero(variance_retained(variances) >= share)[0]) + 1


def standardize_then_project(X, k):
    """Ng's recipe (ex7): standardize each feature, then project onto the first k components.

    The components are those of the standardized data, so every feature counts alike
    whatever its unit; scaling the projections afterwards would not undo a choice of
    components already made in raw units.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The raw features.
    k : int
        How many components to keep.

    Returns
    -------
    Z : ndarray of shape (m, k)
        The projections of the standardized examples (whose mean μ is 0).
    """
    X_scaled, _, _ = standardize(X)
    U, _ = principal_components(X_scaled)
    return project(X_scaled, np.zeros(X.shape[1]), U, k)


# ------------------------------------------------------------------------ the estimator
def check_n_components(value, name):
    """None, a number of components (an integer ≥ 1) or a share of variance in (0, 1]."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be None, an integer >= 1 (how many components) or a float in "
            f"(0, 1] (the share of the variance to keep), got {value!r}."
        )
    if isinstance(value, numbers.Integral):
        if value < 1:
            raise ValueError(f"{name} must be >= 1 when it counts components, got {value}.")
    elif not 0 < value <= 1:
        raise ValueError(
            f"{name}={value!r} is a float, so it is the share of the variance to keep, which "
            "must be in (0, 1] (e.g. 0.99). To ask for a number of components, pass an "
            "integer (e.g. 2)."
        )


class PCA(BaseEstimator):
    """Principal component analysis: the k directions of greatest variance of ``X``.

    ``fit`` finds the principal components from the SVD of the centred data;
    ``transform`` projects onto the first k (z = U_reduceᵀ(x − μ)), ``inverse_transform`` maps
    back (x ≈ U_reduce z + μ). The data are centred, not scaled: standardize features of
    different units first (see the math page).

    Parameters
    ----------
    n_components : None, int ≥ 1 or float in (0, 1], default=None
        An integer: that many components, at most min(n_samples, n_features). A float:
        the smallest number of components that keeps at least that share of the variance
        (``choose_k``; 0.99 is Ng's "99 % retained"). None: all min(n_samples,
        n_features). ``1`` is one component, ``1.0`` all the variance.
    dtype : {"float64", "float32"} or numpy.float64, numpy.float32, default="float64"
        The type of the computations and of the learned arrays.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        The principal directions as rows (U_reduceᵀ; scikit-learn's layout), each of unit length,
        its entry of largest magnitude positive (``flip_signs``).
    explained_variance_ : ndarray of shape (n_components_,)
        The variance along each component, sⱼ²/(m − 1) as in scikit-learn: m/(m − 1)
        times the eigenvalue νⱼ of the page's Σ, which divides by m.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        The share of the total variance along each component (the same whether m or
        m − 1 divides).
    singular_values_ : ndarray of shape (n_components_,)
        sⱼ, the singular values of the centred data (sⱼ² = m νⱼ).
    mean_ : ndarray of shape (n_features,)
        μ, subtracted before projecting.
    n_components_ : int
        k, the number of components kept.
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> from homemade.principal_component_analysis import PCA
    >>> X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]])
    >>> model = PCA(n_components=1).fit(X)
    >>> model.components_.round(4)
    array([[0.7071, 0.7071]])
    >>> model.transform([[5.0, 5.0]]).round(4)
    array([[3.5355]])
    >>> model.explained_variance_ratio_.round(4)
    array([1.])
    """

    _parameter_constraints = {
        "n_components": Custom(check_n_components,
                               "None, an integer >= 1 or a float in (0, 1]"),
        "dtype": FLOAT_TYPE,
    }

    def __init__(self, *, n_components=None, dtype="float64"):
        self.n_components = n_components
        self.dtype = dtype

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # transform returns the type of dtype, whatever the input's (an invalid dtype keeps
        # the default tag; fit reports it).
        try:
            tags.transformer_tags.preserves_dtype = [np.dtype(check_float_type(self.dtype)).name]
        except ValueError:
            pass
        return tags

    def fit(self, X, y=None):
        """Find the principal components of ``X`` and keep ``n_components`` of them.

        Parameters
        ----------
        X : array-like of shape (m, n)
            At least 2 rows, not all the same point.
        y : ignored (accepted for pipelines)

        Returns
        -------
        self : PCA
        """
        self._validate_params()
        X = self._validate_data(X, fitting=True, dtype=check_float_type(self.dtype))
        self._check_shape(X)
        U, variances = principal_components(X)
        if not variances.any():
            raise ValueError(
                "X has no variance: all its rows are the same point, so there is no "
                "direction to find. Pass data whose rows differ."
            )
        k = self.n_components
        if k is None:
            k = len(variances)
        elif not isinstance(k, numbers.Integral):
            k = choose_k(variances, k)
        m = len(X)
        self.n_features_in_ = X.shape[1]
        self.mean_ = X.mean(axis=0)
        self.n_components_ = int(k)
        self.components_ = np.ascontiguousarray(U[:, :k].T)
        self.explained_variance_ = variances[:k] * (m / (m - 1))
        self.explained_variance_ratio_ = variances[:k] / variances.sum()
        self.singular_values_ = np.sqrt(variances[:k] * m)
        return self

    def _check_shape(self, X):
        (m, n), k = X.shape, self.n_components
        if m < 2:
            raise ValueError(
                f"PCA needs at least 2 samples to measure a variance, got {m} sample. "
                "Pass more rows to fit."
            )
        if isinstance(k, numbers.Integral) and k > min(m, n):
            raise ValueError(
                f"n_components={k} is more than min(n_samples, n_features) = min({m}, {n}) = "
                f"{min(m, n)}: m points in n dimensions have at most that many directions of "
                f"variance. Use n_components <= {min(m, n)}, or a share of the variance to "
                "keep such as 0.99."
            )

    def transform(self, X):
        """z = U_reduceᵀ(x − μ): each row of ``X`` in the coordinates of the components.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        Z : ndarray of shape (m, n_components_)
        """
        check_is_fitted(self)  # before reading components_' dtype
        X = self._validate_data(X, dtype=self.components_.dtype)
        return project(X, self.mean_, self.components_.T, self.n_components_)

    def fit_transform(self, X, y=None):
        """Fit on ``X``, then return :meth:`transform` of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : ignored (accepted for pipelines)

        Returns
        -------
        Z : ndarray of shape (m, n_components_)
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, X):
        """x ≈ U_reduce z + μ: projections back in the space of the original features.

        Parameters
        ----------
        X : array-like of shape (m, n_components_)
            Projections, as ``transform`` returns them (scikit-learn calls them X too).

        Returns
        -------
        X_approx : ndarray of shape (m, n_features_in_)
        """
        check_is_fitted(self)
        Z = check_array(X, estimator=self, dtype=self.components_.dtype)
        if Z.shape[1] != self.n_components_:
            raise ValueError(
                f"X has {Z.shape[1]} features, but PCA is expecting {self.n_components_} "
                "features as input: inverse_transform takes one column per component "
                f"(n_components_={self.n_components_}), what transform returns."
            )
        return recover(Z, self.mean_, self.components_.T)

"""Feature maps shared by the linear models: polynomial and sinusoid features, and
standardization whose statistics are learned in ``fit`` and reused for every prediction.
"""

from itertools import combinations_with_replacement
from math import comb

import numpy as np

from homemade._parameters import Boolean, Interval, check_params

# The feature-map hyperparameters, declared once: FeatureMap checks them, and the linear
# models include this table in their own ``_parameter_constraints``.
FEATURE_MAP_CONSTRAINTS = {
    "polynomial_degree": Interval(int, low=1),
    "sinusoid_degree": Interval(int, low=0),
    "normalize": Boolean(),
}


def polynomial_features(X, degree):
    """All monomials of the columns of ``X`` with total degree 1 … ``degree``.

    For columns x₁, x₂ and degree 2: x₁, x₂, x₁², x₁x₂, x₂². The bias column is not
    included: the models keep θ₀ apart (see :func:`design_matrix`).

    Parameters
    ----------
    X : array-like of shape (m, n)
    degree : int ≥ 1
        The highest total degree; 1 returns the columns of ``X`` themselves.

    Returns
    -------
    ndarray of shape (m, n_polynomial_features(n, degree))
        Degree 1 first, then degree 2, …; within a degree, in the order of
        ``itertools.combinations_with_replacement``.
    """
    FEATURE_MAP_CONSTRAINTS["polynomial_degree"].check(degree, "polynomial_degree")
    X = np.asarray(X, dtype=np.float64)
    columns = []
    for d in range(1, degree + 1):
        for combo in combinations_with_replacement(range(X.shape[1]), d):
            columns.append(np.prod(X[:, combo], axis=1))
    return np.column_stack(columns) if columns else np.empty((len(X), 0))


def n_polynomial_features(n_features, degree):
    """How many columns :func:`polynomial_features` returns: C(n + d, d) − 1.

    Parameters
    ----------
    n_features : int
        n, the number of input columns.
    degree : int ≥ 1
        d, the highest total degree.

    Returns
    -------
    int
    """
    return comb(n_features + degree, degree) - 1


def design_matrix(features):
    """The features with a leading column of ones, so that θ₀ is the intercept: X = [1 F].

    Parameters
    ----------
    features : ndarray of shape (m, k)

    Returns
    -------
    ndarray of shape (m, k + 1)
        Of the same floating-point type as ``features``.
    """
    ones = np.ones((len(features), 1), dtype=features.dtype)
    return np.hstack([ones, features])


def sinusoid_features(X, degree):
    """sin(k·xⱼ) for k = 1 … ``degree`` and every column xⱼ.

    Parameters
    ----------
    X : array-like of shape (m, n)
    degree : int ≥ 0
        The highest multiple k; 0 gives no columns.

    Returns
    -------
    ndarray of shape (m, n · degree)
        Block k (k = 1 … degree) holds sin(k·xⱼ) for every column j.
    """
    FEATURE_MAP_CONSTRAINTS["sinusoid_degree"].check(degree, "sinusoid_degree")
    X = np.asarray(X, dtype=np.float64)
    if degree == 0:
        return np.empty((len(X), 0))
    return np.column_stack([np.sin(k * X) for k in range(1, degree + 1)])


def constant_columns(X, std):
    """Which columns of ``X`` are constant, up to the rounding of their own computed mean.

    A column counts as constant when σⱼ ≤ m · eps · maxᵢ |xⱼ⁽ⁱ⁾|: the textbook bound on the
    rounding error of a mean of m numbers, relative to the column's own scale. So m copies
    of 0.1 (whose computed σ is ~1e-17, not 0) are constant, while a feature measured in
    units of 1e-12 keeps its spread. The one rule of the library: :func:`standardize` and
    the anomaly detector's ``check_variances`` both use it.

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The data the standard deviations come from.
    std : ndarray of shape (n,)
        σ, the computed standard deviation of each column.

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    # std's dtype: float64 for integer X (whose own dtype has no machine epsilon).
    return std <= len(X) * np.finfo(std.dtype).eps * np.max(np.abs(X), axis=0)


def standardize(X):
    """z = (x − μ) / σ for every column: each feature gets mean 0 and spread 1.

    A constant column (σ = 0 up to rounding, :func:`constant_columns`) is divided by 1
    instead: it carries no information, and becomes zeros (up to the rounding of its mean,
    ~1e-17 for m copies of 0.1) rather than NaN.

    Parameters
    ----------
    X : ndarray of shape (m, n)

    Returns
    -------
    Z : ndarray of shape (m, n)
    mean : ndarray of shape (n,)
        μ, the mean of each column.
    scale : ndarray of shape (n,)
        σ, the standard deviation of each column (1 for a constant column).
    """
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale = np.where(constant_columns(X, scale), 1.0, scale)
    return (X - mean) / scale, mean, scale


class Standardizer:
    """z = (x − μ) / σ with μ, σ learned on the training rows.

    A constant column gets σ = 1 (it becomes all zeros) instead of a division by zero.

    Attributes
    ----------
    mean_ : ndarray of shape (n,)
        μ, the mean of each column in ``fit``.
    scale_ : ndarray of shape (n,)
        σ, the standard deviation of each column in ``fit`` (1 for a constant column).
    """

    def fit(self, X):
        """Learn μ and σ of every column.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        self : Standardizer
        """
        self.fit_transform(X)
        return self

    def fit_transform(self, X):
        """Learn μ and σ, and return the standardized ``X`` (one pass, as ``standardize``).

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, n)
            What ``transform(X)`` returns.
        """
        Z, self.mean_, self.scale_ = standardize(np.asarray(X, dtype=np.float64))
        return Z

    def transform(self, X):
        """(X − μ) / σ with the μ and σ learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, n)
        """
        return (np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_


class FeatureMap:
    """The input pipeline of the linear models: standardize → expand → standardize.

    1. The raw columns are standardized (when ``normalize``), so that powers and sines
       of them stay in a sane range.
    2. They are expanded to polynomial features of ``polynomial_degree`` and sinusoid
       features of ``sinusoid_degree``.
    3. The expanded columns are standardized again (when ``normalize``), because x² and
       x³ have very different spreads even when x is standardized.

    With ``polynomial_degree=1`` and ``sinusoid_degree=0`` there is nothing to expand, so
    steps 2 and 3 are skipped (``output_scaler_`` is None): on wide data such as MNIST's
    784 pixels each skipped pass over the data is time saved.

    ``fit`` learns the statistics; ``transform`` reuses them, so a row transformed alone
    equals the same row transformed inside any batch.

    Parameters
    ----------
    polynomial_degree : int ≥ 1, default=1
        Degree of the polynomial features (1 = the inputs themselves).
    sinusoid_degree : int ≥ 0, default=0
        Adds sin(k·x) for k = 1 … ``sinusoid_degree`` (0 = none).
    normalize : bool, default=True
        True: standardize before and after the expansion. False: expand the raw inputs.

    Attributes
    ----------
    input_scaler_ : Standardizer
        The statistics of the raw inputs (only when ``normalize``).
    output_scaler_ : Standardizer or None
        The statistics of the expanded columns (only when ``normalize``; None when there
        is nothing to expand).
    """

    def __init__(self, *, polynomial_degree=1, sinusoid_degree=0, normalize=True):
        self.polynomial_degree = polynomial_degree
        self.sinusoid_degree = sinusoid_degree
        self.normalize = normalize

    def _expands(self):
        return self.polynomial_degree > 1 or self.sinusoid_degree > 0

    def _expand(self, Z):
        if not self._expands():
            return Z
        return np.hstack(
            [
                polynomial_features(Z, self.polynomial_degree),
                sinusoid_features(Z, self.sinusoid_degree),
            ]
        )

    def fit(self, X):
        """Check the degrees and learn the standardization statistics.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        self : FeatureMap
        """
        self.fit_transform(X)
        return self

    def fit_transform(self, X):
        """Learn the statistics and return the mapped training features, expanding once.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, k)
            What ``transform(X)`` returns (see there for k).
        """
        check_params(self, FEATURE_MAP_CONSTRAINTS)
        if not self.normalize:
            return self.transform(X)
        self.input_scaler_ = Standardizer()
        expanded = self._expand(self.input_scaler_.fit_transform(X))
        if not self._expands():
            self.output_scaler_ = None
            return expanded
        self.output_scaler_ = Standardizer()
        return self.output_scaler_.fit_transform(expanded)

    def transform(self, X):
        """The mapped features, with the statistics learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, k)
            k = n without expansion, else n_polynomial_features(n, polynomial_degree)
            + n · sinusoid_degree.
        """
        if not self.normalize:
            # A copy: callers may scale the result in place, never the user's array.
            return self._expand(np.array(X, dtype=np.float64))
        expanded = self._expand(self.input_scaler_.transform(X))
        if self.output_scaler_ is None:
            return expanded
        return self.output_scaler_.transform(expanded)

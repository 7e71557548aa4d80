"""The math of Gaussian anomaly detection, as the math page (``README.md``) writes it.

The maximum-likelihood μ, σ² and Σ; the log density; the default threshold; the F1
search over candidate thresholds ε; and the two guards that refuse a Gaussian without a
density (a constant feature, a singular Σ). ``GaussianAnomalyDetector`` in
``gaussian_anomaly_detection.py`` checks the input, calls these and stores the results.
"""

import numpy as np
from scipy.special import erf
from scipy.stats import chi2

from homemade.features import constant_columns
from homemade.metrics import precision_recall_f1

# The share of a Gaussian inside the default boundary: 0.9973002..., the share within
# μ ± 3σ in one dimension (the "3σ rule"), so that the 1-D boundary is exactly 3σ.
DEFAULT_COVERAGE = float(erf(3 / np.sqrt(2)))


# ------------------------------------------------------------------------ the math
def estimate_mean(X):
    """μ_j = (1/m) Σ_i x_j⁽ⁱ⁾, the maximum-likelihood mean of every feature.

    Parameters
    ----------
    X : ndarray of shape (m, n)

    Returns
    -------
    mean : ndarray of shape (n,)
    """
    return X.mean(axis=0)


def estimate_variance(X, mean):
    """σ_j² = (1/m) Σ_i (x_j⁽ⁱ⁾ - μ_j)², divided by m like Andrew Ng's course.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    mean : ndarray of shape (n,)

    Returns
    -------
    variance : ndarray of shape (n,)
    """
    return np.mean((X - mean) ** 2, axis=0)


def estimate_covariance(X, mean):
    """Σ = (1/m) Σ_i (x⁽ⁱ⁾ - μ)(x⁽ⁱ⁾ - μ)ᵀ; its diagonal holds the variances σ_j².

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The training examples, one per row.
    mean : ndarray of shape (n,)
        μ, from :func:`estimate_mean`.

    Returns
    -------
    covariance : ndarray of shape (n, n)
        Symmetric; invertible unless features are collinear (:func:`check_covariance`).
    """
    centered = X - mean
    return centered.T @ centered / len(X)


def log_determinant(covariance):
    """log|Σ|: Σ_j log σ_j² for independent features, else from ``numpy.linalg.slogdet``.

    Parameters
    ----------
    covariance : ndarray of shape (n,) or (n, n)
        The variances σ² (independent features) or the full covariance matrix Σ.

    Returns
    -------
    log_det : float
    """
    if covariance.ndim == 1:
        return np.sum(np.log(covariance))
    return np.linalg.slogdet(covariance)[1]


def squared_mahalanobis(X, mean, covariance):
    """(x - μ)ᵀ Σ⁻¹ (x - μ) for every row of ``X``: Σ_j (x_j - μ_j)² / σ_j² when independent.

    For a full Σ = V Λ Vᵀ (eigen-decomposition), Σ⁻¹ = W Wᵀ with W = V Λ^(-1/2), so the
    distance is the sum of squares of (x - μ) W: never negative, even when it overflows.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    mean : ndarray of shape (n,)
    covariance : ndarray of shape (n,) or (n, n)
        As in :func:`log_determinant`.

    Returns
    -------
    squared_distance : ndarray of shape (m,)
    """
    if covariance.ndim == 1:
        return np.sum((X - mean) ** 2 / covariance, axis=1)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    z = (X - mean) @ (eigenvectors / np.sqrt(eigenvalues))
    return np.sum(z**2, axis=1)


def log_density(X, mean, covariance):
    """log p(x) = -½ (n log 2π + log|Σ| + (x - μ)ᵀ Σ⁻¹ (x - μ)) for every row of ``X``.

    The log of the density, because p(x) itself underflows to 0 far from μ (see the math
    page). For independent features it is the log of Ng's product of the n
    one-feature densities.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    mean : ndarray of shape (n,)
    covariance : ndarray of shape (n,) or (n, n)
        The variances σ² (independent features) or the full covariance matrix Σ.

    Returns
    -------
    log_p : ndarray of shape (m,)
    """
    n = X.shape[1]
    distance = squared_mahalanobis(X, mean, covariance)
    return -0.5 * (n * np.log(2 * np.pi) + log_determinant(covariance) + distance)


def default_log_epsilon(covariance):
    """log ε of the default rule: the log density on the boundary of the region that holds
    99.73 % of the fitted Gaussian (``DEFAULT_COVERAGE``, the share within 3σ in 1-D).

    A point is outside that region when its squared Mahalanobis distance exceeds the
    chi-square quantile r² = ``chi2.ppf(DEFAULT_COVERAGE, n)`` (the distance² of a Gaussian point
    follows the chi-square law with n degrees of freedom); in one dimension r = 3: the
    3σ rule. Since p(x) falls as the distance grows, "p(x) < ε" is the same test, with ε
    the density at distance² r². Returned as log ε because in many dimensions ε itself
    under- or overflows.

    Parameters
    ----------
    covariance : ndarray of shape (n,) or (n, n)
        As in :func:`log_density`: σ² or Σ of the fitted Gaussian.

    Returns
    -------
    log_epsilon : float
        log ε; ``predict`` flags x where log p(x) < log ε.
    """
    n = len(covariance)
    r2 = chi2.ppf(DEFAULT_COVERAGE, n)
    return float(-0.5 * (n * np.log(2 * np.pi) + log_determinant(covariance) + r2))


def f1_search(p, y, epsilons):
    """For each candidate ε: predict "anomaly" where p < ε, then precision, recall and F1.

    Pass log p and log ε to rank densities that underflow to 0 (log is increasing, so
    p < ε exactly where log p < log ε). Undefined precision (nothing flagged) counts as 0.

    Parameters
    ----------
    p : ndarray of shape (m,)
        The densities (or log densities) of the labelled examples.
    y : ndarray of shape (m,)
        1 for an anomaly, 0 for a normal example.
    epsilons : ndarray of shape (k,)
        The candidate thresholds (or their logs).

    Returns
    -------
    precision, recall, f1 : ndarray of shape (k,)
    """
    scores = [precision_recall_f1(y, (p < epsilon).astype(int)) for epsilon in epsilons]
    precision, recall, f1 = np.array(scores).reshape(-1, 3).T
    return precision, recall, f1


# ---------------------------------------------------------------------- the guards
def check_variances(variance, X, names=None):
    """Refuse a feature of zero variance: its Gaussian would divide by zero.

    A column counts as constant when its standard deviation is below ``m · eps`` times
    its largest absolute value: the textbook bound on the rounding error of a mean of m
    numbers (``homemade.features.constant_columns``, the rule standardization uses too). So
    m copies of 0.1, whose computed mean is a few units in the last place off
    0.1 and whose computed variance is then ~1e-34 instead of 0, count as constant.

    Parameters
    ----------
    variance : ndarray of shape (n,)
    X : ndarray of shape (m, n)
        The training data the variances come from.
    names : ndarray of str of shape (n,) or None, default=None
        The feature names, for the message.
    """
    constant = np.flatnonzero(constant_columns(X, np.sqrt(variance)))
    if constant.size:
        j = int(constant[0])
        label = f"{names[j]!r} (column {j})" if names is not None else f"column {j}"
        raise ValueError(
            f"Feature {label} has zero variance: every training example has the value "
            f"{X[0, j]:.6g}, so its Gaussian density is undefined (division by zero). "
            "Drop the constant feature(s) before fitting, e.g. X[:, X.std(axis=0) > 0]; "
            "they carry no information for anomaly detection."
        )


def check_covariance(covariance, m):
    """Refuse a (numerically) singular Σ: its inverse, and so p(x), would not exist.

    Parameters
    ----------
    covariance : ndarray of shape (n, n)
    m : int
        The number of training examples, for the message.
    """
    eigenvalues = np.linalg.eigvalsh(covariance)
    n = len(eigenvalues)
    # The same tolerance numpy's matrix_rank uses: below it an eigenvalue is rounding noise.
    if eigenvalues.min() <= eigenvalues.max() * n * np.finfo(np.float64).eps:
        hint = (
            f" With {m} samples and {n} features the covariance can have rank at most {m - 1};"
            " use more samples than features."
            if m <= n
            else ""
        )
        raise ValueError(
            "The covariance matrix is singular (not invertible): some features are linear "
            "combinations of others, e.g. a duplicated column or one that is the sum of two "
            f"others.{hint} Drop the duplicated/collinear features, or use "
            "covariance='diagonal'."
        )

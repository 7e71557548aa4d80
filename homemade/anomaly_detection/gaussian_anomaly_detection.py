"""Anomaly detection with the Gaussian distribution.

Fit a Gaussian to normal examples; an example whose density p(x) falls below a threshold ε
is an anomaly. The math is in ``README.md`` beside this file.
"""

import numbers

import numpy as np

from homemade._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_target,
)
from homemade.base import BaseEstimator, OutlierMixin

_LOG_2PI = np.log(2 * np.pi)


class GaussianAnomalyDetector(OutlierMixin, BaseEstimator):
    """Flag examples whose Gaussian density p(x) is below a threshold ε.

    Parameters
    ----------
    covariance : {"diagonal", "full"}, default="diagonal"
        ``"diagonal"``: every feature is an independent Gaussian and p(x) is the product of
        the n one-dimensional densities (the course's model). ``"full"``: one multivariate
        Gaussian with a full covariance matrix, which also captures correlated features.
    epsilon : float or None, default=None
        The density threshold ε (``>= 0``). ``None`` means: choose it with
        :meth:`select_threshold` on labelled validation data before calling ``predict``.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        μ, the mean of every feature.
    variance_ : ndarray of shape (n_features,)
        σ², the variance of every feature (divided by m, the maximum-likelihood estimate).
    covariance_ : ndarray of shape (n_features, n_features)
        Σ (divided by m). With ``covariance="diagonal"`` it is ``diag(variance_)``.
    epsilon_ : float
        The threshold ``predict`` uses: ``epsilon`` from ``__init__``, or the one chosen by
        :meth:`select_threshold`.
    thresholds_, precision_curve_, recall_curve_, f1_curve_ : ndarray
        Set by :meth:`select_threshold`: every candidate ε and the precision, recall and F1
        on the validation data with that ε.
    best_f1_ : float
        Set by :meth:`select_threshold`: the F1 at ``epsilon_``.
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` was a DataFrame with string column names.

    Notes
    -----
    ``predict`` returns **1 for an anomaly and 0 for a normal example**, as the course does
    (labels are the ``Anomaly`` column of the data). scikit-learn's outlier detectors use
    -1 for outliers and +1 for inliers instead; ``decision_function`` follows scikit-learn's
    sign convention (negative = anomaly).

    ``score_samples`` returns the density p(x) itself, like the course; the numerically
    safe quantity is ``log_density``, log p(x). Far-away points get a density of exactly 0
    (log density -inf or a very negative number) without any floating-point warning; a
    density above the float range (many features of tiny variance) is likewise inf.
    """

    def __init__(self, covariance="diagonal", epsilon=None):
        self.covariance = covariance
        self.epsilon = epsilon

    # ------------------------------------------------------------------ fit
    def fit(self, X, y=None):
        """Estimate μ and σ² (or Σ) from ``X``; ``y`` is ignored (the model is unsupervised).

        Fit on normal examples only when you can: anomalies in the training data stretch
        the variances. Refitting forgets a threshold chosen earlier by ``select_threshold``.
        """
        check_option(self.covariance, "covariance", ("diagonal", "full"))
        if self.epsilon is not None:
            check_scalar(self.epsilon, "epsilon", "number", low=0)
        names = _feature_names(X)
        X = check_array(X, estimator=self)
        m, n = X.shape
        if m < 2:
            raise ValueError(
                f"{type(self).__name__} needs at least 2 samples to estimate a mean and a "
                f"variance, got {m} sample. Pass more examples to fit."
            )

        # The mean of the deviations from the first row, plus that row: a constant column
        # then has exactly its value as mean and exactly 0 as variance. X.mean() of
        # m copies of 0.1 is not exactly 0.1, which left a variance of ~1e-34 that slipped
        # past the zero-variance check and made densities overflow.
        mean = X[0] + (X - X[0]).mean(axis=0)
        centered = X - mean
        variance = np.mean(centered**2, axis=0)
        _check_variances(variance, X, names)

        self.mean_ = mean
        self.variance_ = variance
        if self.covariance == "diagonal":
            self.covariance_ = np.diag(variance)
            # A vector, not diag(...): scaling each column costs O(m·n), a matrix O(m·n²).
            self._whiten = 1 / np.sqrt(variance)
            self._log_det = float(np.sum(np.log(variance)))
        else:
            covariance = centered.T @ centered / m
            self.covariance_ = covariance
            self._whiten, self._log_det = _full_whitening(covariance, m)

        self.n_features_in_ = n
        if names is not None:
            self.feature_names_in_ = names
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_
        for stale in ("thresholds_", "precision_curve_", "recall_curve_", "f1_curve_",
                      "best_f1_", "epsilon_"):
            if hasattr(self, stale):
                delattr(self, stale)
        if self.epsilon is not None:
            self.epsilon_ = float(self.epsilon)
        return self

    # ------------------------------------------------------------ densities
    def log_density(self, X):
        """log p(x) for every row of ``X``: the log of :meth:`score_samples`, without
        underflow (a point a million standard deviations away gets a finite, very negative
        number, or -inf, never a warning)."""
        X = self._check_X(X)
        # An astronomically far point overflows (x - μ)² to inf; its log density is then
        # -inf, which is the right limit, so neither overflow nor underflow is an error here.
        with np.errstate(over="ignore", under="ignore"):
            centered = X - self.mean_
            if self._whiten.ndim == 1:
                z = centered * self._whiten
            else:
                z = centered @ self._whiten
            squared_distance = np.sum(z * z, axis=1)
            return -0.5 * (self.n_features_in_ * _LOG_2PI + self._log_det + squared_distance)

    def score_samples(self, X):
        """p(x), the fitted Gaussian density at every row of ``X`` (may be exactly 0 for
        far-away points, or inf where p(x) exceeds the largest float, about 1.8e308 --
        tiny variances in many features; use :meth:`log_density` to tell such points
        apart)."""
        log_p = self.log_density(X)
        # Both limits are the correctly rounded value of p(x), not an error.
        with np.errstate(under="ignore", over="ignore"):
            return np.exp(log_p)

    def decision_function(self, X):
        """log p(x) - log ε: negative for anomalies, positive for normal examples
        (scikit-learn's sign convention)."""
        log_p = self.log_density(X)
        return log_p - _log(self._epsilon())

    def predict(self, X):
        """1 where p(x) < ε (an anomaly), 0 otherwise (a normal example).

        Note: scikit-learn's outlier detectors return -1/+1 instead; this follows the course.
        """
        log_p = self.log_density(X)
        return (log_p < _log(self._epsilon())).astype(np.int64)

    # ------------------------------------------------------------ threshold
    def select_threshold(self, X_val, y_val, thresholds=1000):
        """Choose ε that maximizes F1 on labelled data; record the curves; return ``self``.

        Parameters
        ----------
        X_val : array-like of shape (m_val, n_features)
        y_val : array-like of shape (m_val,)
            1 for an anomaly, 0 for a normal example; at least one anomaly.
        thresholds : int, "midpoints" or array-like, default=1000
            The candidate values of ε.

            - an integer k: the course's grid, k evenly spaced values
              ``min p + i · (max p - min p) / k`` for ``i = 0 .. k-1`` over the densities
              of ``X_val``;
            - ``"midpoints"``: one candidate between every two neighbouring distinct
              densities (their geometric mean) - the exact best F1 any threshold can reach
              on ``X_val``, with ε half-way (in log scale) between the last flagged and the
              first kept example;
            - an array of ε values to try.

        Ties are broken towards the smallest ε (the first best candidate), as in the course.
        """
        check_is_fitted(self)
        X_val = self._check_X(X_val, name="X_val")
        y_val = _check_anomaly_labels(y_val, len(X_val))
        log_p = self.log_density(X_val)
        candidates = _candidates(thresholds, log_p)

        precision, recall, f1 = _f1_curve(log_p, y_val, _log(candidates))
        best = int(np.argmax(f1))
        self.thresholds_ = candidates
        self.precision_curve_ = precision
        self.recall_curve_ = recall
        self.f1_curve_ = f1
        self.best_f1_ = float(f1[best])
        self.epsilon_ = float(candidates[best])
        return self

    # -------------------------------------------------------------- helpers
    def _check_X(self, X, name="X"):
        check_is_fitted(self)
        X = check_array(X, estimator=self, name=name)
        check_n_features(self, X)
        return X

    def _epsilon(self):
        if not hasattr(self, "epsilon_"):
            raise ValueError(
                f"This {type(self).__name__} has no threshold ε yet. Pass epsilon=... when "
                "you create it, or call select_threshold(X_val, y_val) with labelled "
                "validation data after fit."
            )
        return self.epsilon_


def _feature_names(X):
    columns = getattr(X, "columns", None)
    if columns is None or not hasattr(X, "dtypes"):
        return None
    names = np.asarray([str(c) for c in columns], dtype=object)
    return names if all(isinstance(c, str) for c in columns) else None


def _check_variances(variance, X, names):
    """A zero variance would divide by zero in the Gaussian; name the feature and the fix."""
    constant = np.flatnonzero(variance == 0)
    if constant.size:
        j = int(constant[0])
        label = f"{names[j]!r} (column {j})" if names is not None else f"column {j}"
        raise ValueError(
            f"Feature {label} has zero variance: every training example has the value "
            f"{X[0, j]:.6g}, so its Gaussian density is undefined (division by zero). "
            "Drop the constant feature(s) before fitting, e.g. X[:, X.std(axis=0) > 0]; "
            "they carry no information for anomaly detection."
        )


def _full_whitening(covariance, m):
    """Return W with Σ⁻¹ = W Wᵀ and log det Σ, or raise if Σ is (numerically) singular."""
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    n = len(eigenvalues)
    # The same tolerance numpy's matrix_rank uses: below it an eigenvalue is rounding noise.
    tolerance = eigenvalues.max() * n * np.finfo(np.float64).eps
    if eigenvalues.min() <= tolerance:
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
    whiten = eigenvectors / np.sqrt(eigenvalues)
    return whiten, float(np.sum(np.log(eigenvalues)))


def _check_anomaly_labels(y_val, n_rows):
    y_val = check_target(y_val, name="y_val", numeric=False)
    if len(y_val) != n_rows:
        raise ValueError(
            f"Found input variables with inconsistent numbers of samples: X_val has {n_rows} "
            f"rows but y_val has {len(y_val)} values. Pass one label per row of X_val."
        )
    if len(y_val) == 0:
        raise ValueError("y_val is empty; select_threshold needs labelled examples.")
    try:
        numeric = y_val.astype(np.float64)
    except (TypeError, ValueError):
        numeric = None
    if numeric is None or not np.all((numeric == 0) | (numeric == 1)):
        found = np.unique(y_val.astype(str) if numeric is None else numeric)
        raise ValueError(
            "y_val must hold only 0 (normal) and 1 (anomaly); found the values "
            f"{', '.join(map(str, found[:5]))}{' ...' if len(found) > 5 else ''}. "
            "Encode your labels as 0/1 first, e.g. (labels == 'anomaly').astype(int)."
        )
    if not np.any(numeric == 1):
        raise ValueError(
            "y_val holds no anomaly (no label 1): F1 and recall are undefined without "
            "positive examples. Add labelled anomalies to the validation data."
        )
    return numeric.astype(np.int64)


def _candidates(thresholds, log_p):
    if isinstance(thresholds, str):
        check_option(thresholds, "thresholds", ("midpoints",))
        distinct = np.unique(log_p)
        if len(distinct) < 2:
            raise ValueError(
                "All validation examples have the same density, so no threshold can separate "
                "them; use more varied validation data."
            )
        # Geometric mean of neighbours = arithmetic mean of their logs.
        with np.errstate(under="ignore"):
            return np.exp((distinct[:-1] + distinct[1:]) / 2)
    if isinstance(thresholds, numbers.Integral) and not isinstance(thresholds, bool):
        check_scalar(thresholds, "thresholds", int, low=1)
        with np.errstate(under="ignore"):
            p = np.exp(log_p)
        step = (p.max() - p.min()) / thresholds
        if step == 0:
            raise ValueError(
                "All validation densities are equal (or all underflow to 0), so the "
                "evenly spaced grid is empty; pass thresholds='midpoints' or an array of ε."
            )
        return p.min() + step * np.arange(thresholds)
    candidates = check_target(thresholds, name="thresholds")
    if len(candidates) == 0 or np.any(candidates < 0):
        raise ValueError("thresholds must be a non-empty array of ε values >= 0.")
    return candidates


def _log(epsilon):
    """log ε with log 0 = -inf (ε = 0 flags nothing) and no divide-by-zero warning."""
    with np.errstate(divide="ignore"):
        return np.log(epsilon)


def _f1_curve(log_p, y, log_candidates):
    """Precision, recall and F1 of "anomaly if log p < log ε" for every candidate at once.

    Sorting the densities once turns each candidate into a count: the examples with
    log p < log ε are a prefix of the sorted order, and the anomalies among them a
    cumulative sum. Undefined precision (nothing flagged) counts as 0, like
    ``homemade.metrics.precision_recall_f1``.
    """
    order = np.argsort(log_p, kind="stable")
    sorted_log_p = log_p[order]
    anomalies_so_far = np.concatenate([[0], np.cumsum(y[order])])
    flagged = np.searchsorted(sorted_log_p, log_candidates, side="left")
    true_pos = anomalies_so_far[flagged].astype(np.float64)
    actual_pos = anomalies_so_far[-1]
    precision = np.divide(true_pos, flagged, out=np.zeros_like(true_pos), where=flagged > 0)
    recall = true_pos / actual_pos
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)
    return precision, recall, f1

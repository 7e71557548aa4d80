"""Anomaly detection with the Gaussian distribution.

Fit a Gaussian to normal examples; an example whose density p(x) falls below a threshold ε
is an anomaly. The math is in ``README.md`` beside this file; its formulas are the
functions of ``gaussian.py``, and ``GaussianAnomalyDetector`` only checks the input, calls
them and stores the results.
"""

import numpy as np

from homemade._parameters import Interval, NoneValue, Options
from homemade._validation import check_target
from homemade.anomaly_detection.gaussian import (
    check_covariance,
    check_variances,
    default_log_epsilon,
    estimate_covariance,
    estimate_mean,
    estimate_variance,
    f1_search,
    log_density,
)
from homemade.base import BaseEstimator, OutlierMixin

# What select_threshold records; a refit forgets it.
_SELECTION_ATTRIBUTES = (
    "thresholds_",
    "log_thresholds_",
    "precision_curve_",
    "recall_curve_",
    "f1_curve_",
    "best_f1_",
)


class GaussianAnomalyDetector(OutlierMixin, BaseEstimator):
    """Flag examples whose Gaussian density p(x) is below a threshold ε.

    Parameters
    ----------
    covariance : {"diagonal", "full"}, default="diagonal"
        ``"diagonal"``: every feature is an independent Gaussian and p(x) is the product of
        the n one-dimensional densities (Andrew Ng's model). ``"full"``: one multivariate
        Gaussian with a full covariance matrix, which also captures correlated features.
    epsilon : float >= 0 or None, default=None
        The density threshold ε: ``predict`` flags the examples with p(x) < ε (so 0 flags
        nothing). ``None``: ``fit`` uses the default rule, ε = the density on the boundary
        of the region that holds 99.73 % of the fitted Gaussian (squared Mahalanobis
        distance ``scipy.stats.chi2.ppf(0.9973, n)``: in one dimension, beyond 3σ), see
        ``default_log_epsilon`` in ``gaussian.py``. Andrew Ng's way, choosing ε by F1 on
        labelled validation data, is :meth:`select_threshold`, which replaces either.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        μ, the mean of every feature.
    variance_ : ndarray of shape (n_features,)
        σ², the variance of every feature (divided by m, the maximum-likelihood estimate).
    covariance_ : ndarray of shape (n_features, n_features)
        Σ (divided by m). With ``covariance="diagonal"`` it is ``diag(variance_)``.
    epsilon_ : float
        The threshold ``predict`` uses: ``epsilon``, the default rule's ε, or the one
        chosen by :meth:`select_threshold`. In many dimensions it can under- or overflow
        to 0 or inf; ``predict`` uses ``log_epsilon_``, which does not.
    log_epsilon_ : float
        log ε (-inf for ε = 0).
    thresholds_, precision_curve_, recall_curve_, f1_curve_ : ndarray of shape (k,)
        Set by :meth:`select_threshold`: every candidate ε and the precision, recall and F1
        on the validation data with that ε.
    log_thresholds_ : ndarray of shape (k,)
        Set by :meth:`select_threshold`: log ε of every candidate, which the search
        compares with log p (ε itself may underflow to 0 in many dimensions).
    best_f1_ : float
        Set by :meth:`select_threshold`: the F1 at ``epsilon_``.
    n_features_in_ : int
    feature_names_in_ : ndarray of str of shape (n_features,)
        Only when ``X`` was a DataFrame with string column names.

    Notes
    -----
    ``predict`` returns **1 for an anomaly and 0 for a normal example**, as Ng's course does.
    scikit-learn's outlier detectors use -1 for outliers and +1 for inliers instead;
    ``decision_function`` follows scikit-learn's sign convention (negative = anomaly).
    ``score_samples`` returns the density p(x) itself, like Ng's course; far-away points
    get exactly 0 (and many features of tiny variance can give inf), without warnings.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).normal([10.0, 20.0], [1.0, 2.0], size=(1000, 2))
    >>> model = GaussianAnomalyDetector().fit(X)
    >>> model.mean_.round(0), model.variance_.round(0)
    (array([10., 20.]), array([1., 4.]))
    >>> model.predict([[10.0, 20.0], [14.0, 28.0]])  # the default ε: beyond the 99.73 % region
    array([0, 1])
    >>> y = np.r_[np.zeros(995, dtype=int), np.ones(5, dtype=int)]
    >>> X[-5:] += [6.0, 12.0]  # five anomalies, 6σ away in each feature
    >>> model.fit(X[:995]).select_threshold(X, y, thresholds="midpoints").best_f1_
    1.0
    """

    _parameter_constraints = {
        "covariance": Options(("diagonal", "full")),
        "epsilon": [NoneValue(), Interval(float, low=0)],
    }

    def __init__(self, *, covariance="diagonal", epsilon=None):
        self.covariance = covariance
        self.epsilon = epsilon

    def fit(self, X, y=None):
        """Estimate μ and σ² (or Σ) from ``X``, and set ε (``epsilon`` or the default rule).

        Fit on normal examples only when you can: anomalies in the training data stretch
        the variances. Refitting forgets a threshold chosen earlier by ``select_threshold``.

        Parameters
        ----------
        X : array-like of shape (m, n)
            At least 2 examples; no feature may be constant.
        y : ignored
            The model is unsupervised; labels are for :meth:`select_threshold`.

        Returns
        -------
        self : GaussianAnomalyDetector
        """
        self._validate_params()
        names = _feature_names(X)
        X = self._validate_data(X, fitting=True)
        if len(X) < 2:
            raise ValueError(
                f"{type(self).__name__} needs at least 2 samples to estimate a mean and a "
                f"variance, got {len(X)} sample. Pass more examples to fit."
            )
        mean = estimate_mean(X)
        variance = estimate_variance(X, mean)
        check_variances(variance, X, names)
        if self.covariance == "diagonal":
            covariance, axes, axis_variances = np.diag(variance), None, variance
        else:
            covariance = estimate_covariance(X, mean)
            check_covariance(covariance, len(X))
            # Σ = V diag(ν) Vᵀ, decomposed once here rather than at every prediction.
            axis_variances, axes = np.linalg.eigh(covariance)
        # The model changes only now: a fit that failed above leaves it as it was.
        self.mean_, self.variance_, self.covariance_ = mean, variance, covariance
        self._axes, self._axis_variances = axes, axis_variances
        self.n_features_in_ = X.shape[1]
        for stale in ("feature_names_in_", *_SELECTION_ATTRIBUTES):
            if hasattr(self, stale):
                delattr(self, stale)
        if names is not None:
            self.feature_names_in_ = names
        if self.epsilon is None:
            sigma = variance if axes is None else covariance
            self._set_threshold(log_epsilon=default_log_epsilon(sigma))
        else:
            self._set_threshold(epsilon=self.epsilon)
        return self

    def log_density(self, X):
        """log p(x) for every row of ``X``, without underflow.

        Parameters
        ----------
        X : array-like of shape (m, n_features)

        Returns
        -------
        log_p : ndarray of shape (m,)
            A finite number, or -inf for a point so far away that (x - μ)² overflows.
        """
        centered = self._validate_data(X) - self.mean_
        if self._axes is not None:
            # Along the eigenvectors V of Σ (from fit) the features are independent with
            # variances ν, so the independent-feature formula gives the same log p.
            centered = centered @ self._axes
        # (x - μ)² of an astronomically far point overflows to inf: log p = -inf is then
        # the right limit, so neither overflow nor underflow is an error here.
        with np.errstate(over="ignore", under="ignore"):
            return log_density(centered, 0.0, self._axis_variances)

    def score_samples(self, X):
        """p(x), the fitted Gaussian density at every row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n_features)

        Returns
        -------
        p : ndarray of shape (m,)
            0 for far-away points, inf where p(x) exceeds the largest float (tiny variances
            in many features); :meth:`log_density` tells such points apart.
        """
        with np.errstate(under="ignore", over="ignore"):
            return np.exp(self.log_density(X))

    def decision_function(self, X):
        """log p(x) - log ε: negative for anomalies (scikit-learn's sign convention).

        Parameters
        ----------
        X : array-like of shape (m, n_features)

        Returns
        -------
        scores : ndarray of shape (m,)
        """
        return self.log_density(X) - self.log_epsilon_

    def predict(self, X):
        """1 where p(x) < ε (an anomaly), 0 otherwise (a normal example).

        Parameters
        ----------
        X : array-like of shape (m, n_features)

        Returns
        -------
        y_pred : ndarray of int64 of shape (m,)
        """
        return (self.log_density(X) < self.log_epsilon_).astype(np.int64)

    def select_threshold(self, X_val, y_val, thresholds=1000):
        """Choose ε that maximizes F1 on labelled data (Ng's way); return ``self``.

        Parameters
        ----------
        X_val : array-like of shape (m_val, n_features)
        y_val : array-like of shape (m_val,)
            1 (or True) for an anomaly, 0 (or False) for a normal example; at least one
            anomaly.
        thresholds : int >= 1, "midpoints" or array-like of float >= 0, default=1000
            The candidate values of ε.

            - an integer k: Ng's grid, k evenly spaced values
              ``min p + i · (max p - min p) / k`` for ``i = 0 .. k-1`` over the densities
              of ``X_val``;
            - ``"midpoints"``: one candidate between every two neighbouring distinct
              densities (their geometric mean), then twice the largest density (which
              flags every example): every set a threshold can flag but the empty one
              (F1 = 0), so the exact best F1 any threshold can reach on ``X_val``, with ε
              half-way (in log scale) between the last flagged and the first kept example;
            - an array of ε values to try.

        Returns
        -------
        self : GaussianAnomalyDetector
            With ``epsilon_`` the first (smallest-index) candidate of best F1, as in Ng's
            course, and the curves ``thresholds_``, ``precision_curve_``,
            ``recall_curve_``, ``f1_curve_`` and ``best_f1_``.
        """
        X_val = self._validate_data(X_val, name="X_val")
        y_val = _check_anomaly_labels(y_val, len(X_val))
        log_p = self.log_density(X_val)
        candidates, log_candidates = _candidates(thresholds, log_p)
        precision, recall, f1 = f1_search(log_p, y_val, log_candidates)
        best = int(np.argmax(f1))
        self.thresholds_ = candidates
        self.log_thresholds_ = log_candidates
        self.precision_curve_ = precision
        self.recall_curve_ = recall
        self.f1_curve_ = f1
        self.best_f1_ = float(f1[best])
        self._set_threshold(epsilon=candidates[best], log_epsilon=log_candidates[best])
        return self

    def _set_threshold(self, epsilon=None, log_epsilon=None):
        # One or both are given: ε itself is kept exactly when known (a given epsilon,
        # a candidate), its log when it comes from the default rule or when ε underflows.
        if log_epsilon is None:
            log_epsilon = _log(epsilon)
        if epsilon is None:
            with np.errstate(under="ignore", over="ignore"):
                epsilon = np.exp(log_epsilon)
        self.epsilon_ = float(epsilon)
        self.log_epsilon_ = float(log_epsilon)


def _feature_names(X):
    columns = getattr(X, "columns", None)
    if columns is None or not hasattr(X, "dtypes"):
        return None
    names = np.asarray([str(c) for c in columns], dtype=object)
    return names if all(isinstance(c, str) for c in columns) else None


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
    """The candidate ε of ``select_threshold`` (see its ``thresholds``) and their logs.

    The logs are what the search compares with log p: far from μ in many dimensions ε
    itself underflows to 0 while log ε still ranks the examples.
    """
    if isinstance(thresholds, str):
        Options(("midpoints",)).check(thresholds, "thresholds")
        distinct = np.unique(log_p)
        # Geometric mean of neighbours = arithmetic mean of their logs; then twice the
        # largest density, which flags every example (the best cut when all are anomalies).
        log_candidates = np.r_[(distinct[:-1] + distinct[1:]) / 2, distinct[-1] + np.log(2)]
        with np.errstate(under="ignore", over="ignore"):
            return np.exp(log_candidates), log_candidates
    if isinstance(thresholds, (int, np.integer)) and not isinstance(thresholds, bool):
        Interval(int, low=1).check(thresholds, "thresholds")
        with np.errstate(under="ignore", over="ignore"):
            p = np.exp(log_p)
        step = (p.max() - p.min()) / thresholds
        if step == 0:
            raise ValueError(
                "All validation densities are equal (or all underflow to 0), so the "
                "evenly spaced grid is empty; pass thresholds='midpoints' or an array of ε."
            )
        candidates = p.min() + step * np.arange(thresholds)
        return candidates, _log(candidates)
    candidates = check_target(thresholds, name="thresholds")
    if len(candidates) == 0 or np.any(candidates < 0):
        raise ValueError("thresholds must be a non-empty array of ε values >= 0.")
    return candidates, _log(candidates)


def _log(epsilon):
    """log ε with log 0 = -inf (ε = 0 flags nothing) and no divide-by-zero warning."""
    with np.errstate(divide="ignore"):
        return np.log(epsilon)

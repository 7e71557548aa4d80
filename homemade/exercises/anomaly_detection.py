"""Anomaly detection exercises: the Gaussian's parameters, its density, and the threshold
chosen by F1, in the order of ``homemade/anomaly_detection/README.md``."""

import numpy as np

from homemade.anomaly_detection.gaussian import (
    estimate_mean,
    estimate_variance,
    f1_search,
    log_density,
)
from homemade.exercises._checker import Exercise, Mistake

PAGE = "homemade/anomaly_detection/README.md"


def _data_cases(rng):
    cases = [dict(X=np.array([[1.0, 10.0], [2.0, 14.0], [6.0, 12.0]]))]
    for m, n in ((4, 1), (30, 2), (100, 5)):
        cases.append(dict(X=rng.normal(rng.uniform(-3, 3, size=n), 2.0, size=(m, n))))
    return cases


def _with_mean(rng):
    cases = [dict(X=c["X"], mean=c["X"].mean(axis=0)) for c in _data_cases(rng)]
    # Far from 0 (latencies in ns, say): E[x²] − μ² cancels to noise there.
    X = 1e8 + rng.normal(size=(50, 2))
    return [*cases, dict(X=X, mean=X.mean(axis=0))]


def _density_cases(rng):
    cases = []
    for c in _with_mean(rng):
        cases.append(dict(**c, covariance=c["X"].var(axis=0) + 0.5))
    # One example: the result is still an array of shape (1,).
    cases.append(dict(X=rng.normal(size=(1, 3)), mean=np.zeros(3), covariance=np.ones(3)))
    # Far points (40 σ away): each density underflows to 0, while its log stays finite.
    X = rng.normal(size=(6, 3))
    X[:3] += 40.0
    cases.append(dict(X=X, mean=np.zeros(3), covariance=np.ones(3)))
    return cases


def _density_speed_case(rng):
    X = rng.normal(size=(1_000, 3))
    return dict(X=X, mean=X.mean(axis=0), covariance=X.var(axis=0))


# --------------------------------------------------------------------- the mean
def _mean_wrong_axis(X):
    return X.mean(axis=1)


def _mean_not_divided(X):
    return X.sum(axis=0)


def _mean_median(X):
    return np.median(X, axis=0)


# ----------------------------------------------------------------- the variance
def _variance_over_m_minus_1(X, mean):
    return ((X - mean) ** 2).sum(axis=0) / (len(X) - 1)


def _variance_as_std(X, mean):
    return np.sqrt(((X - mean) ** 2).mean(axis=0))


def _variance_absolute(X, mean):
    return np.abs(X - mean).mean(axis=0)


def _variance_shortcut(X, mean):
    return (X**2).mean(axis=0) - mean**2


def _variance_wrong_axis(X, mean):
    return ((X - mean) ** 2).mean(axis=1)


# ------------------------------------------------------------------ the density
def _log_density_with_sigma(X, mean, covariance):
    sigma = np.sqrt(covariance)
    return np.sum(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * sigma), axis=1)


def _log_density_without_constant(X, mean, covariance):
    return np.sum(-((X - mean) ** 2) / (2 * covariance), axis=1)


def _log_density_exponent_sign(X, mean, covariance):
    terms = -0.5 * np.log(2 * np.pi * covariance) + (X - mean) ** 2 / (2 * covariance)
    return terms.sum(axis=1)


def _log_density_wrong_axis(X, mean, covariance):
    terms = -0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * covariance)
    return terms.sum(axis=0)


# --------------------------------------------------------------- the threshold
def _f1_cases(rng):
    p = np.array([0.30, 0.01, 0.25, 0.002, 0.20, 0.15])
    y = np.array([0, 1, 0, 1, 0, 0])
    cases = [dict(p=p, y=y, epsilons=np.array([0.001, 0.005, 0.02, 0.17, 0.5]))]
    for m, anomalies in ((20, 3), (200, 10)):
        y = np.zeros(m, dtype=int)
        y[rng.choice(m, size=anomalies, replace=False)] = 1
        p = np.where(y == 1, rng.uniform(0, 0.2, size=m), rng.uniform(0.1, 1.0, size=m))
        cases.append(dict(p=p, y=y, epsilons=np.linspace(p.min(), p.max(), 25)))
    return cases


def _precision_recall_f1(flagged, y, f1=None):
    true_positives = np.sum(flagged & (y == 1))
    precision = true_positives / flagged.sum() if flagged.sum() else 0.0
    recall = true_positives / (y == 1).sum()
    if f1 is None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _f1_greater(p, y, epsilons):
    rows = [_precision_recall_f1(p > epsilon, y) for epsilon in epsilons]
    return tuple(np.array(rows).T)


def _f1_arithmetic_mean(p, y, epsilons):
    rows = []
    for epsilon in epsilons:
        precision, recall, _ = _precision_recall_f1(p < epsilon, y)
        rows.append((precision, recall, (precision + recall) / 2))
    return tuple(np.array(rows).T)


def _f1_nan_when_nothing_flagged(p, y, epsilons):
    rows = []
    with np.errstate(all="ignore"):
        for epsilon in epsilons:
            flagged = p < epsilon
            true_positives = np.sum(flagged & (y == 1))
            precision = np.float64(true_positives) / flagged.sum()
            recall = true_positives / (y == 1).sum()
            rows.append((precision, recall, 2 * precision * recall / (precision + recall)))
    return tuple(np.array(rows).T)


_WRONG_AXIS = "the statistics of each feature: the mean over the m examples, axis=0."

EXERCISES = [
    Exercise(
        name="anomaly_detection.estimate_mean",
        reference=estimate_mean,
        cases=_data_cases,
        page=f"{PAGE}, section 'Gradient: a closed-form answer'",
        mistakes=[
            Mistake(
                "a mean over the wrong axis (each example's features)",
                _WRONG_AXIS,
                _mean_wrong_axis,
            ),
            Mistake("a sum where the mean is needed", "divide the sum by m.", _mean_not_divided),
            Mistake(
                "the median where the mean is asked",
                "μ is the average, the sum over the m examples divided by m: np.mean(X, axis=0).",
                _mean_median,
            ),
        ],
    ),
    Exercise(
        name="anomaly_detection.estimate_variance",
        reference=estimate_variance,
        cases=_with_mean,
        page=f"{PAGE}, section 'Gradient: a closed-form answer'",
        mistakes=[
            Mistake(
                "variance with the wrong denominator (m − 1)",
                "the maximum-likelihood variance of Andrew Ng's course divides by m: "
                "np.mean(..., axis=0).",
                _variance_over_m_minus_1,
            ),
            Mistake(
                "the standard deviation where the variance is asked",
                "σ² is the mean squared deviation; leave out the square root.",
                _variance_as_std,
            ),
            Mistake(
                "E[x²] − μ², which cancels catastrophically far from 0",
                "subtract μ first, then square: ((X - mean) ** 2).mean(axis=0). Far from 0, "
                "x² and μ² agree in their first 16 digits and their difference is noise.",
                _variance_shortcut,
            ),
            Mistake(
                "the mean absolute deviation |x − μ| where the variance squares it",
                "σ² is the mean of the squared deviations: ((X - mean) ** 2).mean(axis=0).",
                _variance_absolute,
            ),
            Mistake("a variance over the wrong axis", _WRONG_AXIS, _variance_wrong_axis),
        ],
    ),
    Exercise(
        name="anomaly_detection.log_density",
        reference=log_density,
        cases=_density_cases,
        page=f"{PAGE}, sections 'Independent features' and 'Computing through log-densities'",
        speed_case=_density_speed_case,
        mistakes=[
            Mistake(
                "σ where the formula has σ² in the exponent",
                "the exponent is −(x − μ)² / (2σ²): divide by twice the variance.",
                _log_density_with_sigma,
            ),
            Mistake(
                "leaving out the normalising constant",
                "each feature adds −½·log(2πσ²) as well as the exponent.",
                _log_density_without_constant,
            ),
            Mistake(
                "+(x − μ)²/(2σ²): the exponent without its minus sign",
                "the Gaussian falls away from μ: each feature adds −(x − μ)²/(2σ²).",
                _log_density_exponent_sign,
            ),
            Mistake(
                "summing over the wrong axis (the examples instead of the features)",
                "the log of a product over the n features is a sum along axis=1.",
                _log_density_wrong_axis,
            ),
        ],
    ),
    Exercise(
        name="anomaly_detection.f1_search",
        reference=f1_search,
        cases=_f1_cases,
        page=f"{PAGE}, section 'Choosing ε: precision, recall and F1'",
        mistakes=[
            Mistake(
                "p > ε instead of p < ε",
                "an anomaly is an example the model finds unlikely: flag p < ε.",
                _f1_greater,
            ),
            Mistake(
                "F1 as the arithmetic mean of precision and recall",
                "F1 is their harmonic mean: 2·P·R / (P + R).",
                _f1_arithmetic_mean,
            ),
            Mistake(
                "NaN when no example is flagged",
                "with nothing flagged precision is 0/0: count it (and F1) as 0.",
                _f1_nan_when_nothing_flagged,
            ),
        ],
    ),
]

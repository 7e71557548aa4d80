"""Learner functions for the anomaly detection exercises."""

import math
import statistics

import numpy as np
import pandas as pd
from scipy.stats import multivariate_normal, norm
from sklearn.metrics import f1_score, precision_score, recall_score

from exercise_corpus import CHANGED_INPUT, Corpus

corpus = Corpus()
MEAN, VARIANCE = "anomaly_detection.estimate_mean", "anomaly_detection.estimate_variance"
DENSITY, F1 = "anomaly_detection.log_density", "anomaly_detection.f1_search"
AXIS = ("axis", "each feature", "over the m examples", "per feature", "column")

# ------------------------------------------------------------------------------ mean


@corpus.correct(MEAN)
def mean_numpy(X):
    return np.mean(X, axis=0)


@corpus.correct(MEAN)
def mean_sum_over_m(X):
    m, _ = X.shape
    return 1 / m * np.sum(X, axis=0)


@corpus.correct(MEAN)
def mean_fmean_per_column(data):
    return np.array([statistics.fmean(column) for column in data.T])


@corpus.correct(MEAN)
def mean_pandas(X):
    return pd.DataFrame(X).mean().to_numpy()


@corpus.correct(MEAN)
def mean_fsum(X):
    return np.array([math.fsum(X[:, j]) / len(X) for j in range(X.shape[1])])


@corpus.wrong(MEAN, *AXIS)
def mean_wrong_axis(X):
    return X.mean(axis=1)


@corpus.wrong(MEAN, "divide", "1/m", "average", "a sum where")
def mean_sum(X):
    return X.sum(axis=0)


@corpus.wrong(MEAN, *AXIS, "shape")
def mean_of_everything(X):
    return X.mean()


@corpus.wrong(MEAN, "median", "average", "mean, not")
def mean_median(X):
    return np.median(X, axis=0)


@corpus.wrong(MEAN, "1/m", "number of examples", "rows", "divide by m", "len(X)")
def mean_over_n_features(X):
    return X.sum(axis=0) / X.shape[1]


@corpus.wrong(MEAN, "shape", "(1, n)", "keepdims", "1-D", "flat")
def mean_keepdims(X):
    return X.mean(axis=0, keepdims=True)


# -------------------------------------------------------------------------- variance


@corpus.correct(VARIANCE)
def variance_formula(X, mean):
    return np.mean((X - mean) ** 2, axis=0)


@corpus.correct(VARIANCE)
def variance_numpy_var(X, mean):
    return X.var(axis=0)


@corpus.correct(VARIANCE)
def variance_einsum(X, mu):
    centred = X - mu
    return np.einsum("ij,ij->j", centred, centred) / len(X)


@corpus.correct(VARIANCE)
def variance_pandas(data, mu):
    return pd.DataFrame(data).var(ddof=0).to_numpy()


@corpus.correct(VARIANCE)
def variance_loop(X, mean):
    sigma2 = np.zeros(X.shape[1])
    for row in X:
        sigma2 += (row - mean) ** 2
    return sigma2 / X.shape[0]


@corpus.wrong(VARIANCE, "m − 1", "m - 1", "ddof", "divides by m", "N-1", "sample variance")
def variance_ddof_1(X, mean):
    return np.var(X, axis=0, ddof=1)


@corpus.wrong(VARIANCE, "square root", "standard deviation", "σ²")
def variance_std(X, mean):
    return X.std(axis=0)


@corpus.wrong(VARIANCE, *AXIS)
def variance_wrong_axis(X, mean):
    return ((X - mean) ** 2).mean(axis=1)


@corpus.wrong(VARIANCE, *AXIS, "shape")
def variance_of_everything(X, mean):
    return np.var(X)


@corpus.wrong(VARIANCE, *CHANGED_INPUT)
def variance_centres_in_place(X, mean):
    X -= mean
    return (X**2).mean(axis=0)


@corpus.wrong(VARIANCE, "square", "squared deviation", "absolute")
def variance_absolute_deviation(X, mean):
    return np.mean(np.abs(X - mean), axis=0)


# --------------------------------------------------------------------------- density


@corpus.correct(DENSITY)
def density_formula(X, mean, covariance):
    return np.sum(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * covariance),
                  axis=1)


@corpus.correct(DENSITY)
def density_scipy_norm(X, mean, covariance):
    return norm.logpdf(X, loc=mean, scale=np.sqrt(covariance)).sum(axis=1)


@corpus.correct(DENSITY)
def density_multivariate_normal(X, mean, covariance):
    return np.atleast_1d(multivariate_normal(mean, np.diag(covariance)).logpdf(X))


@corpus.correct(DENSITY)
def density_one_line(points, mu, sigma2):
    n = points.shape[1]
    return -0.5 * (n * np.log(2 * np.pi) + np.log(sigma2).sum()
                   + ((points - mu) ** 2 / sigma2).sum(axis=1))


@corpus.wrong(DENSITY, "σ²", "variance", "2σ²", "exponent")
def density_sigma_in_exponent(X, mean, covariance):
    sigma = np.sqrt(covariance)
    return np.sum(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * sigma), axis=1)


@corpus.wrong(DENSITY, "constant", "log(2π", "−½", "normalis", "normaliz")
def density_without_constant(X, mean, covariance):
    return np.sum(-((X - mean) ** 2) / (2 * covariance), axis=1)


@corpus.wrong(DENSITY, "axis", "features", "axis=1", "each example")
def density_wrong_axis(X, mean, covariance):
    return np.sum(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * covariance),
                  axis=0)


# Andrew Ng's ex8 multivariateGaussian multiplies densities; far from μ the product
# underflows to 0 and its log is −∞ (the anomaly page, "Computing through log-densities").
@corpus.wrong(DENSITY, "underflow", "product", "-inf", "−∞", "far", "sum of logs")
def density_log_of_product(X, mean, covariance):
    p = np.exp(-((X - mean) ** 2) / (2 * covariance)) / np.sqrt(2 * np.pi * covariance)
    with np.errstate(divide="ignore"):
        return np.log(np.prod(p, axis=1))


@corpus.wrong(DENSITY, "log", "density itself", "log p", "not the log")
def density_not_logged(X, mean, covariance):
    p = np.exp(-((X - mean) ** 2) / (2 * covariance)) / np.sqrt(2 * np.pi * covariance)
    return np.prod(p, axis=1)


@corpus.wrong(DENSITY, "variance", "σ²", "already", "squared twice", "σ, not")
def density_squares_the_variance(X, mean, covariance):
    sigma2 = covariance**2  # the learner took the argument for σ
    return np.sum(-0.5 * np.log(2 * np.pi * sigma2) - (X - mean) ** 2 / (2 * sigma2), axis=1)


@corpus.wrong(DENSITY, "sign", "minus", "−(x − μ)²", "negative")
def density_exponent_sign(X, mean, covariance):
    return np.sum(-0.5 * np.log(2 * np.pi * covariance) + (X - mean) ** 2 / (2 * covariance),
                  axis=1)


@corpus.wrong(DENSITY, "sum", "axis=1", "product", "mean of")
def density_mean_over_features(X, mean, covariance):
    return np.mean(-0.5 * np.log(2 * np.pi * covariance) - (X - mean) ** 2 / (2 * covariance),
                   axis=1)


# ------------------------------------------------------------------------ threshold


def _counts(flagged, y):
    tp = np.sum(flagged & (y == 1))
    fp = np.sum(flagged & (y == 0))
    fn = np.sum(~flagged & (y == 1))
    return tp, fp, fn


@corpus.correct(F1)
def f1_loop(p, y, epsilons):
    precision, recall, f1 = [], [], []
    for epsilon in epsilons:
        tp, fp, fn = _counts(p < epsilon, y)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        precision.append(prec)
        recall.append(rec)
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return np.array(precision), np.array(recall), np.array(f1)


@corpus.correct(F1)
def f1_whole_array(p, y, epsilons):
    flagged = p[:, None] < epsilons[None, :]  # (m, k): one column per candidate ε
    tp = (flagged & (y[:, None] == 1)).sum(axis=0)
    n_flagged, n_anomalies = flagged.sum(axis=0), (y == 1).sum()
    precision = np.divide(tp, n_flagged, out=np.zeros(len(epsilons)), where=n_flagged > 0)
    recall = tp / n_anomalies
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros(len(epsilons)), where=total > 0)
    return precision, recall, f1


@corpus.correct(F1)
def f1_sklearn(pval, yval, thresholds):
    rows = []
    for epsilon in thresholds:
        predictions = (pval < epsilon).astype(int)
        rows.append((precision_score(yval, predictions, zero_division=0),
                     recall_score(yval, predictions, zero_division=0),
                     f1_score(yval, predictions, zero_division=0)))
    precision, recall, f1 = map(np.array, zip(*rows, strict=True))
    return precision, recall, f1


@corpus.wrong(F1, "p < ε", "unlikely", "below", "small p")
def f1_greater(p, y, epsilons):
    return f1_loop(-p, y, -epsilons)  # flags p > ε


@corpus.wrong(F1, "harmonic", "2·P·R", "2PR")
def f1_arithmetic_mean(p, y, epsilons):
    precision, recall, _ = f1_loop(p, y, epsilons)
    return precision, recall, (precision + recall) / 2


# eyereece/ml-practice's select_threshold: prec = tp/(tp + fp) with nothing flagged is 0/0.
@corpus.wrong(F1, "0/0", "nothing flagged", "no example is flagged", "count it", "NaN")
def f1_nan_when_nothing_flagged(p, y, epsilons):
    rows = []
    with np.errstate(all="ignore"):
        for epsilon in epsilons:
            tp, fp, fn = _counts(p < epsilon, y)
            prec, rec = np.float64(tp) / (tp + fp), np.float64(tp) / (tp + fn)
            rows.append((prec, rec, 2 * prec * rec / (prec + rec)))
    return tuple(np.array(rows).T)


@corpus.wrong(F1, "swapped", "precision is", "recall is", "tp / (tp + fp)", "false negative")
def f1_precision_recall_swapped(p, y, epsilons):
    precision, recall, f1 = f1_loop(p, y, epsilons)
    return recall, precision, f1


@corpus.wrong(F1, "strict", "p < ε", "≤", "<=", "tie")
def f1_less_or_equal(p, y, epsilons):
    return f1_loop(p, y, np.nextafter(epsilons, np.inf))  # flags p ≤ ε


# Andrew Ng's ex8 selectThreshold returns the best ε and its F1, not the arrays.
@corpus.wrong(F1, "arrays", "every ε", "each candidate", "three", "return value")
def f1_best_only(p, y, epsilons):
    _, _, f1 = f1_loop(p, y, epsilons)
    best = int(np.argmax(f1))
    return epsilons[best], f1[best]


@corpus.wrong(F1, "y = 1", "anomaly is 1", "label", "anomalies are 1")
def f1_inverted_labels(p, y, epsilons):
    return f1_loop(p, 1 - y, epsilons)


@corpus.wrong(F1, "false positive", "precision", "normal examples", "y = 0")
def f1_false_positives_from_anomalies(p, y, epsilons):
    rows = []
    for epsilon in epsilons:
        flagged = p < epsilon
        tp = np.sum(flagged & (y == 1))
        fp = np.sum(~flagged & (y == 1))  # counted among the anomalies
        fn = np.sum(~flagged & (y == 1))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        rows.append((prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0))
    return tuple(np.array(rows).T)


# ------------------------------------------- later additions: other sequences


@corpus.correct(F1)
def f1_returns_a_list(p, y, epsilons):
    return list(f1_loop(p, y, epsilons))


@corpus.correct(VARIANCE)
def variance_statistics_pvariance(X, mean):
    pairs = zip(X.T, mean, strict=True)
    return np.array([statistics.pvariance(column, mu) for column, mu in pairs])


ENTRIES = corpus.entries

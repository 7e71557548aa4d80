"""Logistic regression: homemade vs scikit-learn on high-dimensional data and the demos' tasks.

Softmax rows (issue 11): the same problem on both sides. Our cost is
J = mean log-loss + λ/(2m)‖θ‖² (θ₀ not penalized); scikit-learn's lbfgs minimizes the same
mean log-loss + 1/(2Cm)‖w‖², so λ = 1 is C = 1. Both get the pixels divided by 255, in float64,
not standardized (``normalize=False``), both start from zeros and run SciPy's L-BFGS-B for
max_iter=100 iterations, so both do the same work. Targets: test accuracy within 0.005
of scikit-learn's; time ≤ 1.2× in float64 and ≤ 0.7× with ``dtype="float32"``.
Both compute the same two products per evaluation of J; ours runs SciPy's own BLAS on one
thread during L-BFGS-B (``homemade/_blas.py``), scikit-learn does not, and on a 2-core machine
that is where most of the difference in time comes from.
Data: the MNIST sample (5,000 digits, stratified 80/20 split, seed 0) and, with
``full=True`` only (about two minutes), full Fashion-MNIST (60,000 training, 10,000 test
images, the official split).

Agreement rows: one-vs-all with λ = 1 (the default) against ``OneVsRestClassifier`` with
C = 1/λ, on the same standardized pixels: the test predictions agree on ≥ 97 % of rows.

Microchips: degree-6 polynomial features, λ = 1, training accuracy (the course reports
83.1%); Iris: petal length and width, mean test accuracy over ten stratified 80/20 splits
(seeds 0-9) -- one split leaves 30 test flowers, where one flower is 3.3 points.
"""

import time
import warnings

import numpy as np
from common import Row, check_seconds, fit_time_ratio
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from homemade.datasets import load_fashion_mnist, load_iris, load_microchips, load_mnist
from homemade.exceptions import ConvergenceWarning
from homemade.logistic_regression import LogisticRegression
from homemade.model_selection import train_test_split


def _mnist_sample():
    X, y = load_mnist(subset="sample")
    # float64, as scikit-learn then computes in float64 too (float32 input would make it
    # fit in float32 and compare unlike with unlike).
    return train_test_split(X.astype(np.float64) / 255, y, stratify=y, random_state=0)


def _fashion_mnist():
    X, y = load_fashion_mnist()
    X = X.astype(np.float64) / 255
    return X[:60_000], X[60_000:], y[:60_000], y[60_000:]


def _seconds(fit):
    start = time.perf_counter()
    fit()
    return check_seconds("fit time", time.perf_counter() - start)


def _softmax_rows(name, data, repeats):
    X_train, X_test, y_train, y_test = data
    # tol=0: ours stops at max_iter like scikit-learn, unless SciPy's precision limit comes
    # first. Each model is timed ``repeats`` times, interleaved (median); no warm-up fit,
    # which would add a Fashion-MNIST fit per model for nothing.
    models = {"sklearn": SkLogisticRegression(C=1.0, max_iter=100)}
    for dtype in ("float64", "float32"):
        models[dtype] = LogisticRegression(multi_class="softmax", regularization=1.0,
                                           max_iter=100, tol=0.0, normalize=False, dtype=dtype)
    times = {key: [] for key in models}
    with warnings.catch_warnings():
        # 100 iterations is the setting under test, not a problem to warn about.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", SkConvergenceWarning)
        for _ in range(repeats):
            for key, model in models.items():
                times[key].append(_seconds(lambda m=model: m.fit(X_train, y_train)))
    reference = models["sklearn"].score(X_test, y_test)
    result = []
    for dtype, limit in (("float64", 1.2), ("float32", 0.7)):
        accuracy = models[dtype].score(X_test, y_test)
        ratio = float(np.median(times[dtype]) / np.median(times["sklearn"]))
        result.append(Row(
            task=f"{name}, softmax λ=1 vs C=1, 100 iterations, X/255, {dtype}",
            metric="accuracy (test)",
            homemade=accuracy,
            sklearn=reference,
            ratio=ratio,
            target=f"accuracy within 0.005, time ≤ {limit}×",
            met=abs(accuracy - reference) <= 0.005 and ratio <= limit,
        ))
    return result


def _agreement_row(task, ours, theirs, X_train, y_train, X_test, y_test, repeats=1):
    ratio, _, _ = fit_time_ratio(
        lambda: ours.fit(X_train, y_train), lambda: theirs.fit(X_train, y_train), repeats
    )
    agreement = float(np.mean(ours.predict(X_test) == theirs.predict(X_test)))
    return Row(
        task=task,
        metric="test predictions equal to scikit-learn's",
        homemade=agreement,
        sklearn=1.0,
        ratio=ratio,
        target="agreement ≥ 0.97",
        met=agreement >= 0.97,
    )


def _microchips_row():
    chips = load_microchips()
    X, y = chips[["param_1", "param_2"]].to_numpy(), chips["validity"].to_numpy()
    ours = LogisticRegression(polynomial_degree=6, regularization=1.0)
    theirs = make_pipeline(StandardScaler(), PolynomialFeatures(6, include_bias=False),
                           StandardScaler(), SkLogisticRegression(C=1.0))
    ratio, _, _ = fit_time_ratio(lambda: ours.fit(X, y), lambda: theirs.fit(X, y), 15)
    accuracy = ours.score(X, y)
    return Row(
        task="microchips, polynomial degree 6, λ=1 (C=1)",
        metric="accuracy (training)",
        homemade=accuracy,
        sklearn=theirs.score(X, y),
        ratio=ratio,
        target="within 0.01 of 0.831",
        met=abs(accuracy - 0.831) <= 0.01,
    )


def _iris_row():
    iris = load_iris()
    X = iris[["petal_length", "petal_width"]].to_numpy()
    y = iris["species"].to_numpy()
    ours = LogisticRegression(regularization=1.0)
    theirs = make_pipeline(StandardScaler(), SkLogisticRegression(C=1.0))
    scores_ours, scores_theirs = [], []
    for seed in range(10):
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, stratify=y, random_state=seed
        )
        scores_ours.append(ours.fit(X_train, y_train).score(X_test, y_test))
        scores_theirs.append(theirs.fit(X_train, y_train).score(X_test, y_test))
    # Fit time on the last split (all splits have the same size).
    ratio, _, _ = fit_time_ratio(lambda: ours.fit(X_train, y_train),
                                 lambda: theirs.fit(X_train, y_train), 15)
    return Row(
        task="Iris petal length/width, λ=1 (C=1), 10 stratified 80/20 splits",
        metric="mean accuracy (test)",
        homemade=float(np.mean(scores_ours)),
        sklearn=float(np.mean(scores_theirs)),
        ratio=ratio,
        target="≥ 0.93",
        met=float(np.mean(scores_ours)) >= 0.93,
    )


def rows(full=False):
    X_train, X_test, y_train, y_test = sample = _mnist_sample()
    result = _softmax_rows("MNIST sample", sample, repeats=3)
    result.append(_agreement_row(
        "MNIST sample, one-vs-all λ=1 vs OneVsRest C=1, standardized",
        LogisticRegression(regularization=1.0),
        make_pipeline(StandardScaler(),
                      OneVsRestClassifier(SkLogisticRegression(C=1.0, max_iter=1000))),
        X_train, y_train, X_test, y_test,
    ))
    result.append(_microchips_row())
    result.append(_iris_row())
    if full:
        # About two minutes on 2 cores (a fit takes 7-20 s), only with --full. Three fits
        # each: one 2-core fit's time varies by ±10 %, more than these targets' margins.
        result += _softmax_rows("Fashion-MNIST full", _fashion_mnist(), repeats=3)
    return result

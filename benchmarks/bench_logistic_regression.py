"""Logistic regression: homemade vs scikit-learn on the three demos' tasks.

MNIST (the 5,000-digit sample, stratified 80/20 split, seed 0): both models get the pixels
divided by 255. Ours runs with its default settings (one-vs-all, our L-BFGS, λ = 50,
standardized pixels); scikit-learn with ``LogisticRegression(max_iter=1000)`` (multinomial,
C = 1, unstandardized). Targets: test accuracy ≥ 0.90 and fit time ≤ scikit-learn's.

Agreement rows: the same regularized problem on both sides. Our cost is
J = mean log-loss + λ/(2m)‖θ‖² (θ₀ not penalized); scikit-learn minimizes
C·Σ log-loss + ½‖θ‖² (intercept not penalized). (m/λ)·J = (1/λ)·Σ log-loss + ½‖θ‖², which
is scikit-learn's objective with C = 1/λ; a positive factor does not move the minimizer, so
both solve the same problem. Both see the same standardized
features (scikit-learn's StandardScaler in a pipeline). One-vs-all is compared with
``OneVsRestClassifier``, softmax with scikit-learn's multinomial model. Target: the test
predictions agree on ≥ 97% of rows (``homemade`` column = share of equal predictions).

Microchips: degree-6 polynomial features, λ = 1, training accuracy (the course reports
83.1%); Iris: petal length and width, mean test accuracy over ten stratified 80/20 splits
(seeds 0-9) -- one split leaves 30 test flowers, where one flower is 3.3 points.
"""

import numpy as np
from common import Row, fit_time_ratio
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from homemade.datasets import load_iris, load_microchips, load_mnist
from homemade.logistic_regression import LogisticRegression
from homemade.model_selection import train_test_split


def _mnist(subset):
    X, y = load_mnist(subset=subset)
    X = X / 255.0
    if subset == "full":
        # The official split: 60,000 training digits, 10,000 test digits.
        return X[:60_000], X[60_000:], y[:60_000], y[60_000:]
    return train_test_split(X, y, stratify=y, random_state=0)


def _mnist_default_row(subset, repeats):
    X_train, X_test, y_train, y_test = _mnist(subset)
    ours = LogisticRegression()
    theirs = SkLogisticRegression(max_iter=1000)
    ratio, _, _ = fit_time_ratio(
        lambda: ours.fit(X_train, y_train), lambda: theirs.fit(X_train, y_train), repeats
    )
    accuracy = ours.score(X_test, y_test)
    return Row(
        task=f"MNIST {subset}, default settings vs LogisticRegression(max_iter=1000), X/255",
        metric="accuracy (test)",
        homemade=accuracy,
        sklearn=theirs.score(X_test, y_test),
        ratio=ratio,
        target="accuracy ≥ 0.90, time ≤ 1.0×",
        met=bool(accuracy >= 0.90 and ratio <= 1.0),
    )


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


def rows(full=False):
    result = [_mnist_default_row("sample", repeats=3)]

    X_train, X_test, y_train, y_test = _mnist("sample")
    lam = LogisticRegression().regularization
    result.append(_agreement_row(
        f"MNIST sample, one-vs-all λ={lam:g} vs OneVsRest C=1/λ, standardized",
        LogisticRegression(regularization=lam),
        make_pipeline(StandardScaler(),
                      OneVsRestClassifier(SkLogisticRegression(C=1 / lam, max_iter=1000))),
        X_train, y_train, X_test, y_test,
    ))
    result.append(_agreement_row(
        f"MNIST sample, softmax λ={lam:g} vs multinomial C=1/λ, standardized",
        LogisticRegression(multi_class="softmax", regularization=lam),
        make_pipeline(StandardScaler(), SkLogisticRegression(C=1 / lam, max_iter=1000)),
        X_train, y_train, X_test, y_test,
    ))

    chips = load_microchips()
    X, y = chips[["param_1", "param_2"]].to_numpy(), chips["validity"].to_numpy()
    ours = LogisticRegression(polynomial_degree=6, regularization=1.0)
    theirs = make_pipeline(StandardScaler(), PolynomialFeatures(6, include_bias=False),
                           StandardScaler(), SkLogisticRegression(C=1.0))
    ratio, _, _ = fit_time_ratio(lambda: ours.fit(X, y), lambda: theirs.fit(X, y), 15)
    accuracy = ours.score(X, y)
    result.append(Row(
        task="microchips, polynomial degree 6, λ=1 (C=1)",
        metric="accuracy (training)",
        homemade=accuracy,
        sklearn=theirs.score(X, y),
        ratio=ratio,
        target="within 0.01 of 0.831",
        met=abs(accuracy - 0.831) <= 0.01,
    ))

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
        ours.fit(X_train, y_train)
        theirs.fit(X_train, y_train)
        scores_ours.append(ours.score(X_test, y_test))
        scores_theirs.append(theirs.score(X_test, y_test))
    # Fit time on the last split (all splits have the same size).
    ratio, _, _ = fit_time_ratio(lambda: ours.fit(X_train, y_train),
                                 lambda: theirs.fit(X_train, y_train), 15)
    result.append(Row(
        task="Iris petal length/width, λ=1 (C=1), 10 stratified 80/20 splits",
        metric="mean accuracy (test)",
        homemade=float(np.mean(scores_ours)),
        sklearn=float(np.mean(scores_theirs)),
        ratio=ratio,
        target="≥ 0.93",
        met=float(np.mean(scores_ours)) >= 0.93,
    ))

    if full:
        result.append(_mnist_default_row("full", repeats=1))
    return result

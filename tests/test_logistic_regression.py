"""LogisticRegression: against scikit-learn, against calculus, and its invariants / errors."""

import warnings
from functools import partial

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from homemade import ConvergenceWarning, NotFittedError
from homemade.activations import log_sigmoid, log_softmax, sigmoid, softmax
from homemade.datasets import load_iris
from homemade.features import design_matrix, polynomial_features
from homemade.logistic_regression import LogisticRegression
from homemade.logistic_regression.logistic_regression import (
    binary_cost_gradient,
    gradient_descent,
    lbfgs,
    one_vs_all,
    softmax_cost_gradient,
)
from homemade.model_selection import train_test_split


def make_classification(m, n, n_classes, seed, noise=1.0, scale=1.0):
    """Labels from a random linear model plus Gumbel noise: overlapping, not separable."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    W = rng.normal(size=(n, n_classes))
    scores = X / scale @ W + noise * rng.gumbel(size=(m, n_classes))
    return X, np.argmax(scores, axis=1)


# --------------------------------------------------------------------------------------
# 1. Against a reference: scikit-learn solves the same problem when C = 1/λ
# --------------------------------------------------------------------------------------

SHAPES = [(40, 1), (120, 3), (300, 8)]


@pytest.mark.parametrize(("m", "n"), SHAPES)
@pytest.mark.parametrize("lam", [0.1, 1.0, 10.0])
def test_binary_matches_sklearn(m, n, lam):
    # Ours: mean log-loss + λ/(2m)‖θ‖²; scikit-learn: C·Σ log-loss + ½‖θ‖². Multiplying
    # ours by m/λ gives scikit-learn's with C = 1/λ, so both have the same minimizer.
    X, y = make_classification(m, n, 2, seed=m + n)
    ours = LogisticRegression(regularization=lam, tol=1e-14).fit(X, y)
    Z = ours.feature_map_.transform(X)
    theirs = SkLogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(Z, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(Z), atol=1e-7)


@pytest.mark.parametrize(("m", "n"), SHAPES[1:])
@pytest.mark.parametrize("n_classes", [3, 5])
def test_one_vs_all_matches_sklearn(m, n, n_classes):
    X, y = make_classification(m, n, n_classes, seed=10 * n + n_classes)
    lam = 2.0
    ours = LogisticRegression(regularization=lam, tol=1e-14).fit(X, y)
    Z = ours.feature_map_.transform(X)
    theirs = OneVsRestClassifier(SkLogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000))
    theirs.fit(Z, y)
    assert ours.coef_.shape == (n_classes, n)
    for k, estimator in enumerate(theirs.estimators_):
        np.testing.assert_allclose(ours.coef_[k], estimator.coef_[0], rtol=1e-5, atol=1e-7)
        np.testing.assert_allclose(ours.intercept_[k], estimator.intercept_[0], atol=1e-7)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(Z), atol=1e-7)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(Z))


@pytest.mark.parametrize(("m", "n"), SHAPES[1:])
@pytest.mark.parametrize("n_classes", [3, 4])
def test_softmax_matches_sklearn_multinomial(m, n, n_classes):
    X, y = make_classification(m, n, n_classes, seed=7 * n + n_classes)
    lam = 0.5
    ours = LogisticRegression(multi_class="softmax", regularization=lam, tol=1e-14).fit(X, y)
    Z = ours.feature_map_.transform(X)
    theirs = SkLogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(Z, y)
    # The weights are unique (the penalty fixes them); the intercepts only up to a
    # common shift, which the probabilities do not see.
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(Z), atol=1e-7)


def test_without_normalization_matches_sklearn_on_raw_features():
    X, y = make_classification(150, 3, 2, seed=3, scale=5.0)
    ours = LogisticRegression(normalize=False, regularization=1.0, tol=1e-14).fit(X, y)
    theirs = SkLogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
def test_gradient_descent_reaches_the_lbfgs_minimum(multi_class):
    X, y = make_classification(200, 3, 3, seed=5)
    kwargs = dict(multi_class=multi_class, regularization=1.0, max_iter=50_000)
    fast = LogisticRegression(tol=1e-12, **kwargs).fit(X, y)
    slow = LogisticRegression(solver="gradient_descent", learning_rate=1.0, tol=1e-12, **kwargs)
    slow.fit(X, y)
    # J is flat at its minimum: a cost within ~1e-12 leaves θ within ~sqrt(1e-12 / 0.1)
    # (0.1 is about the Hessian's smallest eigenvalue here), well inside 1e-5.
    np.testing.assert_allclose(slow.coef_, fast.coef_, atol=1e-5)
    assert slow.n_iter_ > 10 * fast.n_iter_


def test_one_vs_all_equals_separate_binary_fits():
    X, y = make_classification(150, 3, 4, seed=22)
    model = LogisticRegression(regularization=0.5, tol=1e-12).fit(X, y)
    for k, label in enumerate(model.classes_):
        alone = LogisticRegression(regularization=0.5, tol=1e-12).fit(X, y == label)
        # The same computation on the same data: only rounding may differ.
        np.testing.assert_allclose(model.coef_[k], alone.coef_[0], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(model.intercept_[k], alone.intercept_[0], atol=1e-12)


def test_one_vs_all_history_is_the_sum_of_the_binary_costs():
    X, y = make_classification(90, 2, 3, seed=23)
    Xd, Y = design_matrix(X), np.eye(3)[y]
    solve = partial(gradient_descent, learning_rate=0.5, max_iter=10_000, tol=1e-6)
    theta, history, stop = one_vs_all(solve, Xd, Y, 1.0)
    alone = [solve(binary_cost_gradient, np.zeros(3), (Xd, Y[:, k], 1.0)) for k in range(3)]
    lengths = [len(h) for _, h, _ in alone]
    assert stop == "converged" and theta.shape == (3, 3) and len(set(lengths)) > 1
    assert len(history) == max(lengths)
    np.testing.assert_allclose(history[0], 3 * np.log(2))
    # A classifier that stopped early keeps its final cost.
    for step in (5, min(lengths), len(history) - 1):
        expected = sum(h[min(len(h) - 1, step)] for _, h, _ in alone)
        np.testing.assert_allclose(history[step], expected, rtol=1e-12)
    for k, (theta_k, _, _) in enumerate(alone):
        np.testing.assert_array_equal(theta[:, k], theta_k)


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
def test_float32_fits_in_float32_and_lands_near_float64(multi_class):
    X, y = make_classification(300, 5, 3, seed=24)
    wide = LogisticRegression(multi_class=multi_class, tol=1e-10).fit(X, y)
    narrow = LogisticRegression(multi_class=multi_class, tol=1e-10, dtype="float32").fit(X, y)
    assert narrow.coef_.dtype == narrow.intercept_.dtype == np.float32
    # float32 rounds J to ~1e-7 of itself, which leaves θ uncertain by ~sqrt(1e-7) ≈ 3e-4
    # of its scale (J is flat at its minimum): compare at 1e-3.
    np.testing.assert_allclose(narrow.coef_, wide.coef_, rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(narrow.predict_proba(X), wide.predict_proba(X), atol=1e-3)


@pytest.mark.parametrize("dtype", [np.float32, np.dtype("float32")])
def test_dtype_accepts_the_numpy_type_as_well_as_its_name(dtype):
    # The same values as MultilayerPerceptron's dtype (one spec, FLOAT_TYPE).
    X, y = make_classification(60, 3, 2, seed=5)
    by_name = LogisticRegression(dtype="float32").fit(X, y)
    by_type = LogisticRegression(dtype=dtype).fit(X, y)
    assert by_type.coef_.dtype == np.float32
    np.testing.assert_array_equal(by_type.coef_, by_name.coef_)


def test_float32_costs_stay_float32():
    rng = np.random.default_rng(25)
    X = design_matrix(rng.normal(size=(20, 3)).astype(np.float32))
    Y = np.eye(3, dtype=np.float32)[rng.integers(0, 3, 20)]
    for cost_gradient, theta, targets in (
        (binary_cost_gradient, np.zeros(4, np.float32), Y[:, 0]),
        (softmax_cost_gradient, np.zeros((4, 3), np.float32), Y),
    ):
        cost, gradient = cost_gradient(theta, X, targets, 1.0)
        assert cost.dtype == gradient.dtype == np.float32


@pytest.mark.parametrize("seed", range(6))
def test_default_model_on_iris_all_features_scores_at_least_0_9(seed):
    # Issue 11: a learner's first try, LogisticRegression() on any stratified 50/50 split.
    iris = load_iris()
    X, y = iris.drop(columns="species").to_numpy(), iris["species"].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    assert LogisticRegression().fit(X_train, y_train).score(X_test, y_test) >= 0.9


def test_polynomial_features_equal_expanding_by_hand():
    X, y = make_classification(120, 2, 2, seed=8)
    lam = 1.0
    expanded = LogisticRegression(normalize=False, polynomial_degree=3, regularization=lam,
                                  tol=1e-14).fit(X, y)
    by_hand = LogisticRegression(normalize=False, regularization=lam, tol=1e-14)
    by_hand.fit(polynomial_features(X, 3), y)
    np.testing.assert_allclose(expanded.coef_, by_hand.coef_, rtol=1e-6, atol=1e-8)


def test_cost_at_zero_is_log_two():
    X, y = make_classification(50, 2, 2, seed=1)
    cost, _ = binary_cost_gradient(np.zeros(3), design_matrix(X), y, 4.0)
    np.testing.assert_allclose(cost, np.log(2))
    one_hot = np.eye(4)[np.arange(50) % 4]
    cost, _ = softmax_cost_gradient(np.zeros((3, 4)), design_matrix(X), one_hot, 4.0)
    np.testing.assert_allclose(cost, np.log(4))


def test_cost_matches_the_course_formula():
    rng = np.random.default_rng(0)
    Xb = design_matrix(rng.normal(size=(30, 3)))
    y = (rng.random(30) < 0.5).astype(float)
    theta = rng.normal(size=4)
    lam, m = 0.7, 30
    h = 1 / (1 + np.exp(-Xb @ theta))
    expected = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + lam / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    cost, _ = binary_cost_gradient(theta, Xb, y, lam)
    np.testing.assert_allclose(cost, expected, rtol=1e-12)


# --------------------------------------------------------------------------------------
# 2. Against calculus: hand-written gradients vs central finite differences
# --------------------------------------------------------------------------------------


def numeric_gradient(f, theta, eps=1e-6):
    grad = np.zeros_like(theta)
    for index in np.ndindex(theta.shape):
        step = np.zeros_like(theta)
        step[index] = eps
        grad[index] = (f(theta + step) - f(theta - step)) / (2 * eps)
    return grad


@pytest.mark.parametrize(("m", "n"), [(20, 1), (50, 4), (80, 6)])
@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_binary_gradient_finite_differences(m, n, lam):
    rng = np.random.default_rng(m + n)
    Xb = design_matrix(rng.normal(size=(m, n)))
    y = (rng.random(m) < 0.4).astype(float)
    theta = rng.normal(size=n + 1)
    _, gradient = binary_cost_gradient(theta, Xb, y, lam)
    numeric = numeric_gradient(lambda t: binary_cost_gradient(t, Xb, y, lam)[0], theta)
    # Central differences with ε = 1e-6: truncation ~ε² and rounding ~1e-16/ε ≈ 1e-10.
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("m", "n", "k"), [(30, 2, 3), (60, 5, 4)])
@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_softmax_gradient_finite_differences(m, n, k, lam):
    rng = np.random.default_rng(m * k + n)
    Xb = design_matrix(rng.normal(size=(m, n)))
    Y = np.eye(k)[rng.integers(0, k, size=m)]
    theta = rng.normal(size=(n + 1, k))
    _, gradient = softmax_cost_gradient(theta, Xb, Y, lam)
    numeric = numeric_gradient(lambda t: softmax_cost_gradient(t, Xb, Y, lam)[0], theta)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-8)


def test_intercept_is_not_regularized():
    rng = np.random.default_rng(2)
    Xb = design_matrix(rng.normal(size=(25, 2)))
    y = (rng.random(25) < 0.5).astype(float)
    # Only θ₀ is non-zero: the penalty must not see it, in the cost or in the gradient.
    theta = np.array([1.5, 0.0, 0.0])
    cost_0, grad_0 = binary_cost_gradient(theta, Xb, y, 0.0)
    cost_9, grad_9 = binary_cost_gradient(theta, Xb, y, 9.0)
    np.testing.assert_allclose(cost_0, cost_9)
    np.testing.assert_allclose(grad_0, grad_9)


# --------------------------------------------------------------------------------------
# 3. Invariants, numerical stability and bad input
# --------------------------------------------------------------------------------------


def test_stable_building_blocks():
    z = np.array([-1e6, -800.0, -30.0, 0.0, 30.0, 800.0, 1e6])
    s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1)) and s[3] == 0.5
    np.testing.assert_allclose(log_sigmoid(z)[:3], z[:3], rtol=1e-12)
    assert log_sigmoid(z)[-1] == 0.0
    Z = np.array([[1e6, 0.0, -1e6], [1.0, 2.0, 3.0]])
    np.testing.assert_allclose(softmax(Z).sum(axis=1), 1.0)
    np.testing.assert_allclose(log_softmax(Z)[0], [0.0, -1e6, -2e6])


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_probabilities_sum_to_one_and_agree_with_predict(multi_class, n_classes):
    X, y = make_classification(150, 3, n_classes, seed=n_classes)
    model = LogisticRegression(multi_class=multi_class, regularization=1.0).fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (150, n_classes)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_allclose(np.exp(model.predict_log_proba(X)), proba)
    np.testing.assert_array_equal(model.predict(X), model.classes_[np.argmax(proba, axis=1)])
    scores = model.decision_function(X)
    if n_classes == 2:
        assert scores.shape == (150,)
        np.testing.assert_array_equal(model.predict(X), model.classes_[(scores > 0).astype(int)])
    else:
        assert scores.shape == (150, n_classes)
    n_models = 1 if (n_classes == 2 and multi_class == "ovr") or multi_class == "softmax" else (
        n_classes
    )
    assert isinstance(model.n_iter_, int)
    assert model.cost_history_.shape == (model.n_iter_ + 1,)
    assert model.cost_history_.dtype == np.float64
    assert model.coef_.shape == (n_classes if multi_class == "softmax" else max(1, n_models), 3)


def test_string_labels_round_trip():
    X, y = make_classification(90, 2, 3, seed=4)
    names = np.array(["setosa", "versicolor", "virginica"])[y]
    model = LogisticRegression(regularization=1.0).fit(X, names.tolist())
    np.testing.assert_array_equal(model.classes_, ["setosa", "versicolor", "virginica"])
    predicted = model.predict(X)
    assert predicted.dtype.kind == "U" and set(predicted) <= set(names)
    np.testing.assert_array_equal(
        predicted, model.classes_[LogisticRegression(regularization=1.0).fit(X, y).predict(X)]
    )
    assert model.score(X, names) > 0.6


def test_float_integral_labels_are_classes():
    X, y = make_classification(60, 2, 2, seed=6)
    model = LogisticRegression().fit(X, y.astype(float) + 1.0)
    np.testing.assert_array_equal(model.classes_, [1.0, 2.0])


def test_row_alone_equals_row_in_batch():
    X, y = make_classification(80, 2, 3, seed=9)
    model = LogisticRegression(polynomial_degree=3, sinusoid_degree=2, regularization=1.0)
    model.fit(X, y)
    batch = model.predict_proba(X)
    for i in (0, 17, 79):
        np.testing.assert_allclose(model.predict_proba(X[i : i + 1]), batch[i : i + 1],
                                   rtol=1e-12)


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
@pytest.mark.parametrize("solver", ["lbfgs", "gradient_descent"])
def test_cost_history_never_increases(solver, multi_class):
    X, y = make_classification(120, 3, 3, seed=12)
    model = LogisticRegression(solver=solver, multi_class=multi_class, max_iter=5000)
    model.fit(X, y)
    history = model.cost_history_
    assert isinstance(model.n_iter_, int) and history.ndim == 1 and history.dtype == np.float64
    assert len(history) == model.n_iter_ + 1
    assert np.all(np.diff(history) <= 1e-12)
    np.testing.assert_allclose(history[0], 3 * np.log(2) if multi_class == "ovr" else np.log(3))


def test_a_small_step_down_the_gradient_lowers_the_cost():
    rng = np.random.default_rng(13)
    Xb = design_matrix(rng.normal(size=(40, 3)))
    Y = np.eye(2)[rng.integers(0, 2, 40)]
    theta = rng.normal(size=(4, 2))
    for cost_gradient, t, targets in ((binary_cost_gradient, theta[:, 0], Y[:, 0]),
                                      (softmax_cost_gradient, theta, Y)):
        cost, gradient = cost_gradient(t, Xb, targets, 1.0)
        lower, _ = cost_gradient(t - 1e-3 * gradient, Xb, targets, 1.0)
        assert lower < cost


@pytest.mark.parametrize("solver", [partial(lbfgs, max_iter=1000, tol=1e-12),
                                    partial(gradient_descent, learning_rate=1.0,
                                            max_iter=100_000, tol=1e-12)])
def test_solvers_reach_scikit_learns_softmax_minimum(solver):
    X, y = make_classification(100, 2, 3, seed=14)
    Xb, Y = design_matrix(X), np.eye(3)[y]
    reference = SkLogisticRegression(C=1 / 0.5, tol=1e-12, max_iter=10_000).fit(X, y)
    theta, history, stop = solver(softmax_cost_gradient, np.zeros((3, 3)), (Xb, Y, 0.5))
    assert stop == "converged" and history[-1] <= history[0]
    assert isinstance(history, np.ndarray) and history.dtype == np.float64
    # J within ~1e-12 of its minimum leaves θ within ~1e-6 (see the test above).
    np.testing.assert_allclose(theta[1:].T, reference.coef_, atol=1e-5)


def test_no_overflow_on_separable_data_without_regularization():
    rng = np.random.default_rng(15)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] > 0).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for multi_class in ("ovr", "softmax"):
            model = LogisticRegression(multi_class=multi_class, regularization=0.0).fit(X, y)
            assert model.score(X, y) == 1.0
            proba = model.predict_proba(X * 1e6)
            assert np.all(np.isfinite(proba))
            np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_gradient_descent_on_huge_unscaled_features_says_it_diverged():
    # The cost rises from the first step: the error names the step and the fix, no
    # overflow warning comes first.
    X, y = make_classification(60, 2, 3, seed=16)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(ValueError, match=r"diverged: .*smaller learning_rate, normalize=True"):
            LogisticRegression(solver="gradient_descent", normalize=False, max_iter=50,
                               learning_rate=1e-3).fit(X * 1e6, y)


def test_no_overflow_with_huge_unscaled_features():
    X, y = make_classification(60, 2, 3, seed=16)
    X = X * 1e6
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(normalize=False, regularization=1.0, max_iter=50).fit(X, y)
        proba = model.predict_proba(X)
    assert np.all(np.isfinite(proba))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    # Standardizing first makes the scale irrelevant: same predictions as on X / 1e6.
    np.testing.assert_allclose(
        LogisticRegression(regularization=1.0).fit(X, y).predict_proba(X),
        LogisticRegression(regularization=1.0).fit(X / 1e6, y).predict_proba(X / 1e6),
        atol=1e-6,
    )


def test_one_vs_all_probabilities_stay_finite_when_every_sigmoid_is_tiny():
    model = LogisticRegression(normalize=False, regularization=1.0)
    X, y = make_classification(60, 2, 3, seed=17)
    model.fit(X, y)
    model.intercept_ = np.full(3, -5000.0)  # every class says "not me" with certainty
    proba = model.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_convergence_warning_when_max_iter_runs_out():
    X, y = make_classification(100, 3, 3, seed=18)
    with pytest.warns(ConvergenceWarning, match="did not converge in max_iter=3"):
        LogisticRegression(solver="gradient_descent", max_iter=3).fit(X, y)
    with pytest.warns(ConvergenceWarning, match="larger max_iter"):
        LogisticRegression(max_iter=1, tol=1e-12).fit(X, y)


def test_gradient_descent_returns_a_divergence_and_never_warns():
    """solvers.gradient_descent keeps linear regression's contract: it returns why it stopped
    (here "diverged", at the first step that raised J) and leaves warnings to the estimator."""
    X, y = make_classification(50, 2, 2, seed=19)
    args = (design_matrix(X * 100), y.astype(float), 1e3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        theta, history, stop = gradient_descent(binary_cost_gradient, np.zeros(3), args,
                                                learning_rate=1e6, max_iter=5000, tol=1e-6)
        _, short, out_of_steps = gradient_descent(binary_cost_gradient, np.zeros(3), args,
                                                  learning_rate=1e-6, max_iter=3, tol=0.0)
    assert stop == "diverged" and not np.all(np.diff(history) <= 0)
    assert np.all(np.diff(history[:-1]) <= 0) and history[-1] > history[-2]
    assert out_of_steps == "max_iter" and isinstance(short, np.ndarray) and len(short) == 4


def test_float32_rounding_is_not_mistaken_for_divergence():
    # Run to tol=0, float32 descent ends in rounding noise of ~1e-7 of J. The guard allows
    # √eps of float32 (3.5e-4); float64's 1e-8 called this fit "diverged".
    rng = np.random.default_rng(1)
    X = rng.normal(size=(500, 4))
    y = (X @ rng.normal(size=4) + rng.normal(size=500) > 0).astype(int)
    model = LogisticRegression(solver="gradient_descent", learning_rate=1.0, tol=0.0,
                               max_iter=20_000, dtype="float32", multi_class="softmax")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.fit(X, y)
    assert model.n_iter_ < 20_000


def test_diverging_gradient_descent_says_so():
    X, y = make_classification(50, 2, 2, seed=19)
    model = LogisticRegression(solver="gradient_descent", learning_rate=1e6,
                               regularization=1e3, normalize=False, max_iter=5000)
    with pytest.raises(ValueError, match="diverged.*smaller learning_rate"):
        model.fit(X * 100, y)


def test_works_with_sklearn_tools():
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score

    model = LogisticRegression(regularization=2.0, polynomial_degree=2)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert repr(model) == "LogisticRegression(polynomial_degree=2, regularization=2.0)"
    X, y = make_classification(120, 2, 3, seed=20)
    assert cross_val_score(model, X, y, cv=3).mean() > 0.5


# Bad input: the DESIGN list plus the classification-specific ones.

@pytest.fixture
def data():
    return make_classification(40, 2, 2, seed=21)


@pytest.mark.parametrize(
    ("X_bad", "error", "match"),
    [
        (np.arange(40.0), ValueError, r"Expected 2D array.*reshape\(-1, 1\)"),
        (np.full((40, 2), np.nan), ValueError, "Input X contains NaN"),
        (np.full((40, 2), np.inf), ValueError, "Input X contains infinity"),
        (np.empty((0, 2)), ValueError, "0 sample"),
        (np.array([["a", "b"]] * 40), ValueError, "not numbers"),
        ("not an array", TypeError, "got a string"),
    ],
)
def test_bad_X_in_fit(data, X_bad, error, match):
    _, y = data
    with pytest.raises(error, match=match):
        LogisticRegression().fit(X_bad, y[: len(X_bad)] if len(X_bad) else y[:0])


def test_length_mismatch(data):
    X, y = data
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        LogisticRegression().fit(X, y[:-1])


def test_single_class(data):
    X, _ = data
    with pytest.raises(ValueError, match="at least 2 classes.*only one class"):
        LogisticRegression().fit(X, np.ones(len(X)))


def test_nan_in_y(data):
    X, y = data
    y = y.astype(float)
    y[3] = np.nan
    with pytest.raises(ValueError, match="Input y contains NaN"):
        LogisticRegression().fit(X, y)


def test_continuous_y_looks_like_a_regression_target(data):
    X, _ = data
    with pytest.raises(ValueError, match="continuous.*regression target"):
        LogisticRegression().fit(X, np.linspace(0, 1, len(X)))


@pytest.mark.parametrize("method", ["predict", "predict_proba", "decision_function",
                                    "predict_log_proba"])
def test_predict_before_fit(data, method):
    X, _ = data
    with pytest.raises(NotFittedError, match="not fitted yet"):
        getattr(LogisticRegression(), method)(X)


def test_wrong_number_of_features_at_predict(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="X has 3 features, but LogisticRegression is expecting 2"):
        model.predict_proba(np.hstack([X, X[:, :1]]))
    with pytest.raises(ValueError, match="Expected 2D array"):
        model.predict(X[0])


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"multi_class": "multinomial"}, ValueError, "multi_class must be one of 'ovr', 'softmax'"),
        ({"solver": "sgd"}, ValueError, "solver must be one of 'lbfgs', 'gradient_descent'"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be > 0"),
        ({"regularization": -1.0}, ValueError, "regularization must be >= 0"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"max_iter": 10.5}, TypeError, "max_iter must be an integer"),
        ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
        ({"polynomial_degree": 0}, ValueError, "polynomial_degree must be >= 1"),
        ({"sinusoid_degree": -1}, ValueError, "sinusoid_degree must be >= 0"),
        ({"normalize": "yes"}, TypeError, "normalize must be True or False"),
        ({"dtype": "float16"}, ValueError, "dtype must be 'float32' or 'float64'; got 'float16'"),
        ({"dtype": int}, ValueError, "dtype must be 'float32' or 'float64'; got <class 'int'>"),
        ({"regularization": "1"}, TypeError, "regularization must be a number"),
    ],
)
def test_bad_hyperparameters(data, params, error, match):
    X, y = data
    with pytest.raises(error, match=match):
        LogisticRegression(**params).fit(X, y)


def test_hyperparameters_are_keyword_only():
    with pytest.raises(TypeError, match="positional"):
        LogisticRegression("softmax")


# ------------------------------------------------------- the demos' claims (issue 12)
# The notebooks print these results; the tests pin the claims the notebooks used to assert.


def _iris_petals():
    iris = load_iris()
    return iris[["petal_length", "petal_width"]].to_numpy(), iris["species"].to_numpy()


def test_iris_demo_mean_test_accuracy_over_ten_splits():
    X, y = _iris_petals()
    accuracies = []
    for seed in range(10):
        a, b, ya, yb = train_test_split(X, y, test_size=0.2, stratify=y, random_state=seed)
        accuracies.append(LogisticRegression(tol=1e-10).fit(a, ya).score(b, yb))
    assert np.mean(accuracies) >= 0.93


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
def test_iris_demo_written_out_gradient_descent_is_the_estimators(multi_class):
    # The demo's loop: gradient descent from binary/softmax_cost_gradient, one-vs-all as a
    # plain loop over the species, lands on the L-BFGS-B estimator's θ. Both stop once J
    # falls by less than 1e-10·J; on these well-conditioned 3 × 3 problems θ then agrees to
    # about 1e-4 (the notebook prints 2e-04).
    X, y = _iris_petals()
    model = LogisticRegression(multi_class=multi_class, tol=1e-10).fit(X, y)
    features = design_matrix(model.feature_map_.transform(X))
    Y = (y[:, None] == model.classes_).astype(float)
    solve = partial(gradient_descent, learning_rate=2.0, max_iter=1000, tol=1e-10)
    if multi_class == "ovr":
        theta = np.column_stack(
            [solve(binary_cost_gradient, np.zeros(3), (features, y_k, 1.0))[0] for y_k in Y.T]
        )
    else:
        theta = solve(softmax_cost_gradient, np.zeros((3, 3)), (features, Y, 1.0))[0]
    np.testing.assert_allclose(theta, np.vstack([model.intercept_, model.coef_.T]), atol=1e-3)


def test_iris_demo_agrees_with_sklearn_one_vs_rest():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = _iris_petals()
    a, b, ya, yb = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    ours = LogisticRegression(tol=1e-10).fit(a, ya)
    theirs = make_pipeline(StandardScaler(), OneVsRestClassifier(
        SkLogisticRegression(tol=1e-10, max_iter=10_000))).fit(a, ya)
    assert np.mean(ours.predict(b) == theirs.predict(b)) >= 0.97
    # Both converged to the same minimum: probabilities agree far below the printed 4 decimals.
    np.testing.assert_allclose(ours.predict_proba(b), theirs.predict_proba(b), atol=1e-4)


@pytest.fixture(scope="module")
def microchips():
    from homemade.datasets import load_microchips

    try:
        chips = load_microchips()
    except Exception as error:  # noqa: BLE001 - no copy and no network: nothing to check
        pytest.skip(f"microchips data not available: {error}")
    return chips[["param_1", "param_2"]].to_numpy(), chips["validity"].to_numpy()


def test_microchips_demo_training_accuracy_near_the_course(microchips):
    X, y = microchips
    model = LogisticRegression(polynomial_degree=6, tol=1e-10).fit(X, y)
    assert abs(model.score(X, y) - 0.831) <= 0.01


def test_microchips_demo_validation_curve_shows_over_and_under_fitting(microchips):
    # The demo's claim: validation log-loss, averaged over 10 seeded splits, is lowest at an
    # intermediate λ; at λ = 1e-5 training loss is far below validation loss (over-fit); at
    # λ = 100 both are high and close (under-fit).
    X, y = microchips
    grid = np.logspace(-5, 2, 15)
    train, val = np.zeros((2, 10, len(grid)))
    for s in range(10):
        a, b, ya, yb = train_test_split(X, y, test_size=0.25, stratify=y, random_state=s)
        for j, lam in enumerate(grid):
            m = LogisticRegression(polynomial_degree=6, regularization=lam, max_iter=5000,
                                   tol=1e-10).fit(a, ya)
            train[s, j] = -np.mean(m.predict_log_proba(a)[np.arange(len(ya)), ya])
            val[s, j] = -np.mean(m.predict_log_proba(b)[np.arange(len(yb)), yb])
    train, val = train.mean(axis=0), val.mean(axis=0)
    best = np.argmin(val)
    assert 0 < best < len(grid) - 1
    assert val[0] > 3 * train[0] and val[0] > 2 * val[best]
    assert train[-1] > 1.5 * train[best] and val[-1] - train[-1] < 0.1


def test_microchips_demo_over_fit_boundary_has_stray_regions(microchips):
    # The demo's claim for its panels (fitted on split 0): at the smallest λ of its grid the
    # "accepted" side of the boundary falls apart into several regions of the plane drawn
    # (a stray one where there is no chip), at the best λ it is one closed region.
    from scipy.ndimage import label

    X, y = microchips
    a, _, ya, _ = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    u, v = np.meshgrid(np.linspace(-1, 1.2, 250), np.linspace(-0.9, 1.2, 250))
    grid = np.column_stack([u.ravel(), v.ravel()])
    regions = {}
    for lam in (1e-5, 10**0.5):
        m = LogisticRegression(polynomial_degree=6, regularization=lam, max_iter=5000,
                               tol=1e-10).fit(a, ya)
        regions[lam] = label(m.predict(grid).reshape(u.shape) == 1)[1]
    assert regions[1e-5] >= 2 and regions[10**0.5] == 1


def test_mnist_demo_accuracy_and_sklearn():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from homemade.datasets import load_mnist

    X, y = load_mnist(subset="sample")
    a, b, ya, yb = train_test_split(X / 255.0, y, test_size=0.2, stratify=y, random_state=0)
    ours = LogisticRegression(regularization=50.0, tol=1e-8).fit(a, ya)
    assert ours.score(b, yb) >= 0.90
    theirs = make_pipeline(StandardScaler(), OneVsRestClassifier(
        SkLogisticRegression(C=1 / 50, tol=1e-8, max_iter=10_000))).fit(a, ya)
    assert np.mean(ours.predict(b) == theirs.predict(b)) >= 0.99


def test_draw_weights_one_symmetric_scale_and_a_colour_bar():
    # The weight images are read by colour: one scale for all, 0 in the middle, and a bar.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from homemade.plotting.logistic_regression import draw_weights

    coef = np.random.default_rng(0).normal(size=(3, 784)) * np.array([[0.1], [1.0], [3.0]])
    fig, axes = plt.subplots(1, 3)
    draw_weights(axes, coef, ["a", "b", "c"])
    limit = np.abs(coef).max()
    assert [ax.images[0].get_clim() for ax in axes] == [(-limit, limit)] * 3
    assert len(fig.axes) == 4  # the three images and the colour bar
    plt.close(fig)

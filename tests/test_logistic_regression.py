"""LogisticRegression: against scikit-learn, against calculus, and its invariants / errors."""

import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from homemade import ConvergenceWarning, NotFittedError
from homemade.logistic_regression import LogisticRegression
from homemade.logistic_regression.logistic_regression import (
    _gradient_descent,
    _lbfgs,
    log_sigmoid,
    log_softmax,
    sigmoid,
    sigmoid_cost_gradient,
    softmax,
    softmax_cost_gradient,
)


def make_classification(m, n, n_classes, seed, noise=1.0, scale=1.0):
    """Labels from a random linear model plus Gumbel noise: overlapping, not separable."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    W = rng.normal(size=(n, n_classes))
    scores = X / scale @ W + noise * rng.gumbel(size=(m, n_classes))
    return X, np.argmax(scores, axis=1)


def with_bias(Z):
    return np.hstack([np.ones((len(Z), 1)), Z])


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
    ours = LogisticRegression(regularization=lam, tol=1e-10).fit(X, y)
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
    ours = LogisticRegression(regularization=lam, tol=1e-10).fit(X, y)
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
    ours = LogisticRegression(multi_class="softmax", regularization=lam, tol=1e-10).fit(X, y)
    Z = ours.feature_map_.transform(X)
    theirs = SkLogisticRegression(C=1 / lam, tol=1e-12, max_iter=10_000).fit(Z, y)
    # The weights are unique (the penalty fixes them); the intercepts only up to a
    # common shift, which the probabilities do not see.
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(Z), atol=1e-7)


def test_without_normalization_matches_sklearn_on_raw_features():
    X, y = make_classification(150, 3, 2, seed=3, scale=5.0)
    ours = LogisticRegression(normalize=False, regularization=1.0, tol=1e-10).fit(X, y)
    theirs = SkLogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("multi_class", ["ovr", "softmax"])
def test_gradient_descent_reaches_the_lbfgs_minimum(multi_class):
    X, y = make_classification(200, 3, 3, seed=5)
    kwargs = dict(multi_class=multi_class, regularization=1.0, tol=1e-7, max_iter=50_000)
    fast = LogisticRegression(**kwargs).fit(X, y)
    slow = LogisticRegression(solver="gradient_descent", learning_rate=1.0, **kwargs).fit(X, y)
    np.testing.assert_allclose(slow.coef_, fast.coef_, atol=1e-5)
    assert slow.n_iter_.max() > 10 * fast.n_iter_.max()


def test_polynomial_features_equal_expanding_by_hand():
    from homemade.features import polynomial_features

    X, y = make_classification(120, 2, 2, seed=8)
    lam = 1.0
    expanded = LogisticRegression(normalize=False, polynomial_degree=3, regularization=lam,
                                  tol=1e-10).fit(X, y)
    by_hand = LogisticRegression(normalize=False, regularization=lam, tol=1e-10)
    by_hand.fit(polynomial_features(X, 3), y)
    np.testing.assert_allclose(expanded.coef_, by_hand.coef_, rtol=1e-6, atol=1e-8)


def test_cost_at_zero_is_log_two():
    X, y = make_classification(50, 2, 2, seed=1)
    cost, _ = sigmoid_cost_gradient(np.zeros((3, 1)), with_bias(X), y[:, None], 4.0)
    np.testing.assert_allclose(cost, [np.log(2)])
    one_hot = np.eye(4)[np.arange(50) % 4]
    cost, _ = softmax_cost_gradient(np.zeros((3, 4)), with_bias(X), one_hot, 4.0)
    np.testing.assert_allclose(cost, np.log(4))


def test_cost_matches_the_course_formula():
    rng = np.random.default_rng(0)
    Xb = with_bias(rng.normal(size=(30, 3)))
    y = (rng.random(30) < 0.5).astype(float)
    theta = rng.normal(size=4)
    lam, m = 0.7, 30
    h = 1 / (1 + np.exp(-Xb @ theta))
    expected = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + lam / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    cost, _ = sigmoid_cost_gradient(theta[:, None], Xb, y[:, None], lam)
    np.testing.assert_allclose(cost, [expected], rtol=1e-12)


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


@pytest.mark.parametrize(("m", "n", "c"), [(20, 1, 1), (50, 4, 3), (80, 6, 2)])
@pytest.mark.parametrize("lam", [0.0, 3.0])
def test_sigmoid_gradient_finite_differences(m, n, c, lam):
    rng = np.random.default_rng(m + n + c)
    Xb = with_bias(rng.normal(size=(m, n)))
    Y = (rng.random((m, c)) < 0.4).astype(float)
    theta = rng.normal(size=(n + 1, c))
    _, gradient = sigmoid_cost_gradient(theta, Xb, Y, lam)
    # The columns are independent problems: the gradient of column k is that of cost k.
    numeric = numeric_gradient(lambda t: sigmoid_cost_gradient(t, Xb, Y, lam)[0].sum(), theta)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("m", "n", "k"), [(30, 2, 3), (60, 5, 4)])
@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_softmax_gradient_finite_differences(m, n, k, lam):
    rng = np.random.default_rng(m * k + n)
    Xb = with_bias(rng.normal(size=(m, n)))
    Y = np.eye(k)[rng.integers(0, k, size=m)]
    theta = rng.normal(size=(n + 1, k))
    _, gradient = softmax_cost_gradient(theta, Xb, Y, lam)
    numeric = numeric_gradient(lambda t: softmax_cost_gradient(t, Xb, Y, lam)[0], theta)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-8)


def test_intercept_is_not_regularized():
    rng = np.random.default_rng(2)
    Xb = with_bias(rng.normal(size=(25, 2)))
    Y = (rng.random((25, 1)) < 0.5).astype(float)
    theta = np.array([[1.5], [0.0], [0.0]])
    cost_0, grad_0 = sigmoid_cost_gradient(theta, Xb, Y, 0.0)
    cost_9, grad_9 = sigmoid_cost_gradient(theta, Xb, Y, 9.0)
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
    assert len(model.cost_history_) == len(model.n_iter_) == n_models
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


@pytest.mark.parametrize("solver", ["lbfgs", "gradient_descent"])
def test_cost_history_never_increases(solver):
    X, y = make_classification(120, 3, 3, seed=12)
    model = LogisticRegression(solver=solver, regularization=1.0, max_iter=5000, tol=1e-5)
    model.fit(X, y)
    for history, n_iter in zip(model.cost_history_, model.n_iter_, strict=True):
        assert len(history) == n_iter + 1
        assert np.all(np.diff(history) <= 1e-12)
        assert history[0] == pytest.approx(np.log(2))


def test_a_small_step_down_the_gradient_lowers_the_cost():
    rng = np.random.default_rng(13)
    Xb = with_bias(rng.normal(size=(40, 3)))
    Y = (rng.random((40, 2)) < 0.5).astype(float)
    theta = rng.normal(size=(4, 2))
    cost, gradient = sigmoid_cost_gradient(theta, Xb, Y, 1.0)
    lower, _ = sigmoid_cost_gradient(theta - 1e-3 * gradient, Xb, Y, 1.0)
    assert np.all(lower < cost)


def test_optimizers_solve_each_column_on_its_own():
    # Column k of a batched solve equals solving column k alone.
    X, y = make_classification(100, 2, 3, seed=14)
    Xb, Y = with_bias(X), np.eye(3)[y]

    def fun(theta, columns):
        return sigmoid_cost_gradient(theta, Xb, Y[:, columns], 0.5)

    for solver in (_lbfgs, lambda f, t, i, tol: _gradient_descent(f, t, 0.5, i, tol)):
        together, _, n_iter, converged = solver(fun, np.zeros((3, 3)), 20_000, 1e-9)
        assert converged.all()
        for k in range(3):
            alone, *_ = solver(lambda t, _c, k=k: fun(t, [k]), np.zeros((3, 1)), 20_000, 1e-9)
            np.testing.assert_allclose(together[:, [k]], alone, atol=1e-7)


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


@pytest.mark.parametrize("solver", ["lbfgs", "gradient_descent"])
def test_no_overflow_with_huge_unscaled_features(solver):
    X, y = make_classification(60, 2, 3, seed=16)
    X = X * 1e6
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = LogisticRegression(solver=solver, normalize=False, regularization=1.0,
                                   max_iter=50, learning_rate=1e-3).fit(X, y)
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
    ],
)
def test_bad_hyperparameters(data, params, error, match):
    X, y = data
    with pytest.raises(error, match=match):
        LogisticRegression(**params).fit(X, y)

"""LinearRegression against the closed form, scikit-learn, calculus, and bad input."""

import contextlib
import importlib
import inspect
import io
import json
import pathlib
import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LinearRegression as SkLinearRegression
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer, PolynomialFeatures, StandardScaler

from homemade import ConvergenceWarning, NotFittedError
from homemade.datasets import load_happiness, load_nonlinear
from homemade.descent import STOPS, diverged
from homemade.features import design_matrix
from homemade.linear_regression import LinearRegression
from homemade.linear_regression.linear_regression import (
    cost,
    gradient,
    gradient_descent,
    largest_stable_step,
    normal_equation,
)
from homemade.model_selection import train_test_split
from homemade.plotting.linear_regression import _descent_path

matplotlib.use("Agg")  # the notebook protocol test runs the demo's cells, figures included
import matplotlib.pyplot as plt  # noqa: E402

SHAPES = [(30, 1), (80, 3), (200, 6), (12, 10)]
GDP, FREEDOM, SCORE = "Economy..GDP.per.Capita.", "Freedom", "Happiness.Score"


def make_data(m, n, seed, noise=0.3):
    """Features on different scales and offsets, a linear target plus noise."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * rng.uniform(0.1, 20, size=n) + rng.uniform(-50, 50, size=n)
    w = rng.normal(size=n)
    y = X @ w + 3.0 + noise * rng.normal(size=m)
    return X, y


def closed_form(design, y, lam):
    """θ = (XᵀX + λL)⁻¹Xᵀy with L = I except L₀₀ = 0, solved directly."""
    L = np.eye(design.shape[1])
    L[0, 0] = 0.0
    return np.linalg.solve(design.T @ design + lam * L, design.T @ y)


def rel_diff(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12))


# --------------------------------------------------------- layer 1: references
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("lam", [0.0, 0.5, 7.0])
@pytest.mark.parametrize("normalize", [True, False])
def test_normal_equation_matches_closed_form(shape, lam, normalize):
    m, n = shape
    if m <= n and lam == 0:
        pytest.skip("no unique least-squares solution without regularization")
    X, y = make_data(m, n, seed=m + n)
    model = LinearRegression(solver="normal_equation", regularization=lam, normalize=normalize)
    model.fit(X, y)
    theta = closed_form(design_matrix(model.feature_map_.transform(X)), y, lam)
    np.testing.assert_allclose(model.intercept_, theta[0], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(model.coef_, theta[1:], rtol=1e-7, atol=1e-9)
    assert model.n_iter_ == 0
    assert model.cost_history_.shape == (1,)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("lam", [0.0, 0.5, 7.0])
def test_matches_sklearn_on_raw_features(shape, lam):
    # Without normalization our features are the raw columns, so λ is exactly Ridge's
    # alpha: 2m·J(θ) = ‖y − Xθ‖² + λ‖θ₁..ₙ‖², Ridge's objective, and a positive factor
    # does not move the minimum. Ridge centers the data, i.e. leaves the intercept free.
    m, n = shape
    if m <= n and lam == 0:
        pytest.skip("no unique least-squares solution without regularization")
    X, y = make_data(m, n, seed=10 * m + n)
    ours = LinearRegression(solver="normal_equation", regularization=lam, normalize=False)
    ours.fit(X, y)
    reference = Ridge(alpha=lam) if lam > 0 else SkLinearRegression()
    reference.fit(X, y)
    np.testing.assert_allclose(ours.coef_, reference.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ours.intercept_, reference.intercept_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ours.predict(X), reference.predict(X), rtol=1e-8, atol=1e-8)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("lam", [0.0, 2.0])
@pytest.mark.parametrize("solver", ["normal_equation", "gradient_descent"])
def test_matches_sklearn_standardized_ridge(shape, lam, solver):
    m, n = shape
    if m <= n and lam == 0:
        pytest.skip("no unique least-squares solution without regularization")
    if m < 2 * n and lam == 0 and solver == "gradient_descent":
        pytest.skip("12 rows for 10 features is too ill-conditioned for gradient descent")
    X, y = make_data(m, n, seed=m * n)
    ours = LinearRegression(solver=solver, regularization=lam, max_iter=100_000).fit(X, y)
    reference = make_pipeline(StandardScaler(), Ridge(alpha=lam)).fit(X, y)
    np.testing.assert_allclose(ours.coef_, reference[-1].coef_, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours.predict(X), reference.predict(X), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("degree", [2, 3])
@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_polynomial_features_match_sklearn_pipeline(degree, lam):
    # Our feature map is standardize → polynomial → standardize; build the same in sklearn.
    X, y = make_data(150, 2, seed=degree)
    y = y + 0.05 * X[:, 0] ** 2
    ours = LinearRegression(
        solver="normal_equation", polynomial_degree=degree, regularization=lam
    ).fit(X, y)
    reference = make_pipeline(
        StandardScaler(),
        PolynomialFeatures(degree, include_bias=False),
        StandardScaler(),
        Ridge(alpha=lam),
    ).fit(X, y)
    np.testing.assert_allclose(ours.coef_, reference[-1].coef_, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(ours.predict(X), reference.predict(X), rtol=1e-8, atol=1e-8)


def test_sinusoid_features_match_explicit_columns():
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, size=(120, 1))
    y = np.sin(3 * x[:, 0]) + 0.1 * rng.normal(size=120)
    ours = LinearRegression(solver="normal_equation", sinusoid_degree=3, normalize=False)
    ours.fit(x, y)
    explicit = np.hstack([x, np.sin(x), np.sin(2 * x), np.sin(3 * x)])
    reference = SkLinearRegression().fit(explicit, y)
    np.testing.assert_allclose(ours.coef_, reference.coef_, rtol=1e-7, atol=1e-9)
    assert ours.score(x, y) > 0.95


@pytest.mark.parametrize("shape", [(40, 1), (120, 4), (300, 8)])
@pytest.mark.parametrize("lam", [0.0, 1.5])
def test_gradient_descent_reaches_normal_equation(shape, lam):
    X, y = make_data(*shape, seed=sum(shape))
    gd = LinearRegression(regularization=lam, max_iter=100_000).fit(X, y)
    ne = LinearRegression(regularization=lam, solver="normal_equation").fit(X, y)
    assert gd.cost_history_[-1] == pytest.approx(ne.cost_history_[-1], rel=1e-9)
    np.testing.assert_allclose(gd.predict(X), ne.predict(X), rtol=1e-6, atol=1e-6)
    assert gd.n_iter_ == len(gd.cost_history_) - 1


def test_score_is_r2():
    X, y = make_data(60, 3, seed=1, noise=5.0)
    model = LinearRegression().fit(X, y)
    reference = SkLinearRegression().fit(X, y)
    assert model.score(X, y) == pytest.approx(reference.score(X, y), rel=1e-9)


# --------------------------------------------------------- layer 2: calculus
@pytest.mark.parametrize("shape", [(25, 1), (40, 3), (15, 7)])
@pytest.mark.parametrize("lam", [0.0, 0.8, 25.0])
def test_gradient_matches_finite_differences(shape, lam):
    X, y = make_data(*shape, seed=7 * shape[0] + shape[1])
    model = LinearRegression(regularization=lam, polynomial_degree=2, solver="normal_equation")
    design = design_matrix(model.fit(X, y).feature_map_.transform(X))
    theta = np.random.default_rng(0).normal(size=design.shape[1])
    # J is quadratic, so a central difference has no truncation error at any h: only
    # rounding, about eps·J/h ≈ 1e-16 · 1e4 / 1e-3 = 1e-9 here, far below the tolerance.
    h = 1e-3
    numeric = np.array(
        [
            (cost(theta + h * e, design, y, lam) - cost(theta - h * e, design, y, lam)) / (2 * h)
            for e in np.eye(len(theta))
        ]
    )
    np.testing.assert_allclose(gradient(theta, design, y, lam), numeric, rtol=1e-7, atol=1e-7)


def test_intercept_is_not_regularized():
    X, y = make_data(30, 3, seed=12)
    design = design_matrix(X)
    theta = np.array([4.0, -1.0, 0.5, 2.0])
    plain, ridge = gradient(theta, design, y, 0.0), gradient(theta, design, y, 10.0)
    # ∂J/∂θ₀ has no λ term; the others gain exactly λθⱼ/m (only rounding differs).
    assert ridge[0] == plain[0]
    np.testing.assert_allclose(ridge[1:] - plain[1:], 10.0 * theta[1:] / 30, rtol=1e-10)
    # And the cost does not charge θ₀: changing it moves only the squared-error part.
    shifted = theta + np.array([3.0, 0, 0, 0])
    penalty = cost(theta, design, y, 10.0) - cost(theta, design, y, 0.0)
    np.testing.assert_allclose(
        cost(shifted, design, y, 10.0) - cost(shifted, design, y, 0.0), penalty, rtol=1e-10
    )


def test_cost_is_half_mean_squared_error_plus_penalty():
    X, y = make_data(30, 2, seed=5)
    design = design_matrix(X)
    theta = np.array([10.0, -2.0, 0.5])
    m = len(y)
    expected = (np.sum((design @ theta - y) ** 2) + 3.0 * (2.0**2 + 0.5**2)) / (2 * m)
    # A handful of sums of moderate terms: agreement to ~1e-15 relative; 1e-12 is ample.
    np.testing.assert_allclose(cost(theta, design, y, 3.0), expected, rtol=1e-12)


@pytest.mark.parametrize("shape", [(40, 1), (120, 4), (60, 9)])
@pytest.mark.parametrize("lam", [0.0, 2.0])
def test_core_functions_agree_with_each_other_and_sklearn(shape, lam):
    """normal_equation = gradient_descent = scikit-learn, on a standardized design matrix."""
    X, y = make_data(*shape, seed=3 * shape[0] + shape[1])
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    design = design_matrix(Z)
    exact = normal_equation(design, y, lam)
    # The gradient vanishes at the normal equation's θ (up to rounding of Xᵀ(Xθ − y)).
    assert np.max(np.abs(gradient(exact, design, y, lam))) < 1e-9 * np.abs(y).max()
    reference = Ridge(alpha=lam) if lam > 0 else SkLinearRegression()
    reference.fit(Z, y)
    # Solved in closed form by both: the condition number of the design matrix (≤ ~10 for
    # these standardized, independent columns) times eps bounds the difference: ≪ 1e-10.
    np.testing.assert_allclose(exact[1:], reference.coef_, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(exact[0], reference.intercept_, rtol=1e-10)
    # Gradient descent stopped by tol = 1e-14: the cost is right to ~1e-14 relative, so θ
    # is off by about √(1e-14 · κ) (κ = cond(XᵀX/m), ≤ ~10 here) times its scale: 1e-6.
    descended, history, stop = gradient_descent(
        design,
        y,
        lam,
        learning_rate=0.9 * largest_stable_step(design, lam),
        max_iter=100_000,
        tol=1e-14,
    )
    assert stop == "converged"
    np.testing.assert_allclose(descended, exact, rtol=1e-5, atol=1e-5 * np.abs(exact).max())
    assert history[0] == cost(np.zeros(len(exact)), design, y, lam)
    assert np.all(np.diff(history) <= 1e-12 * history[0])


def test_normal_equation_without_features_is_the_mean():
    y = np.array([1.0, 2.0, 6.0])
    np.testing.assert_allclose(normal_equation(np.ones((3, 1)), y, 5.0), [3.0], rtol=1e-14)


# ------------------------------------------------- layer 3: invariants, bad input
@pytest.mark.parametrize("lam", [0.0, 4.0])
def test_cost_never_increases_with_a_small_step(lam):
    X, y = make_data(100, 5, seed=11)
    model = LinearRegression(learning_rate=0.01, regularization=lam, max_iter=300, tol=0.0)
    with pytest.warns(ConvergenceWarning):
        model.fit(X, y)
    assert model.n_iter_ == 300
    assert np.all(np.diff(model.cost_history_) <= 0)
    assert model.cost_history_[-1] < model.cost_history_[0]


@pytest.mark.parametrize("solver", ["gradient_descent", "normal_equation"])
def test_row_predicted_alone_equals_batch(solver):
    X, y = make_data(80, 3, seed=2)
    model = LinearRegression(solver=solver, polynomial_degree=3, sinusoid_degree=2, tol=1e-6)
    model.fit(X, y)
    X_new, _ = make_data(9, 3, seed=99)
    batch = model.predict(X_new)
    alone = np.array([model.predict(X_new[i : i + 1])[0] for i in range(len(X_new))])
    # predict is one product F @ θ: BLAS may sum the 19 terms of a row in another order
    # for one row than for many, which changes the last bits only (≲ 19 eps relative to
    # the largest term); 1e-12 of the predictions' scale leaves room and still catches any
    # dependence of a prediction on the other rows of its batch.
    np.testing.assert_allclose(alone, batch, rtol=1e-12, atol=1e-12 * np.abs(batch).max())
    # And the statistics come from the training rows, not from whatever is predicted.
    np.testing.assert_allclose(model.feature_map_.input_scaler_.mean_, X.mean(axis=0))


def test_convergence_warning_when_max_iter_runs_out():
    X, y = make_data(50, 2, seed=4)
    with pytest.warns(ConvergenceWarning, match=r"max_iter=5 .*Increase max_iter"):
        model = LinearRegression(max_iter=5).fit(X, y)
    assert model.n_iter_ == 5
    assert len(model.cost_history_) == 6


def test_default_fit_converges_without_warning():
    X, y = make_data(50, 2, seed=4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = LinearRegression().fit(X, y)
    assert model.n_iter_ < model.max_iter


def test_divergence_is_an_error_that_names_the_fix():
    X, y = make_data(50, 3, seed=4)
    with pytest.raises(ValueError, match=r"diverged.*learning_rate=5\.0 is too large"):
        LinearRegression(learning_rate=5.0).fit(X, y)
    # Raw, unscaled features need a far smaller step.
    with pytest.raises(ValueError, match="diverged"):
        LinearRegression(normalize=False).fit(X, y)


def test_divergence_error_gives_the_largest_stable_step():
    # Many correlated standardized features: the default α = 0.1 is too large here.
    rng = np.random.default_rng(0)
    base = rng.normal(size=(40, 1))
    X = base + 0.1 * rng.normal(size=(40, 30))
    y = X @ rng.normal(size=30) + rng.normal(size=40)
    with pytest.raises(ValueError, match=r"below 2/ν_max = [0-9.e-]+ here") as error:
        LinearRegression().fit(X, y)
    bound = float(re.search(r"2/ν_max = ([0-9.e-]+) here", str(error.value)).group(1))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        LinearRegression(learning_rate=0.9 * bound, max_iter=200).fit(X, y)
    with pytest.raises(ValueError, match="diverged"):
        LinearRegression(learning_rate=1.1 * bound, max_iter=2000).fit(X, y)


def test_a_step_of_exactly_two_over_nu_max_is_not_taken_for_convergence():
    # Standardized univariate data: the Hessian is the identity, 2/ν_max = 2. At α = 2 the
    # first step lands on the mirror image 2θ* of θ = 0, at the same cost: J does not fall.
    x = np.linspace(-1.0, 3.0, 20)[:, None]
    y = 1.5 + 2.0 * x[:, 0] + np.sin(7 * x[:, 0])
    design = design_matrix((x - x.mean()) / x.std())
    theta, history, stop = gradient_descent(design, y, 0.0, 2.0, 1000, 1e-6)
    assert stop == "converged" and len(history) == 2  # what the math function sees
    np.testing.assert_allclose(theta, 2 * normal_equation(design, y, 0.0))
    with pytest.raises(ValueError, match=r"did not converge.*at or above 2/ν_max = 2 here"):
        LinearRegression(learning_rate=2.0).fit(x, y)
    model = LinearRegression(learning_rate=1.9, max_iter=10_000, tol=1e-12).fit(x, y)
    np.testing.assert_allclose(model.coef_, normal_equation(design, y, 0.0)[1:], rtol=1e-5)


def test_gradient_descent_returns_why_it_stopped_and_never_warns():
    """The math function returns (θ, J history, stop); only the estimator warns or raises."""
    X, y = make_data(50, 3, seed=4)
    design = design_matrix((X - X.mean(axis=0)) / X.std(axis=0))
    bound = largest_stable_step(design, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ConvergenceWarning, no overflow warning
        runs = {
            "converged": gradient_descent(design, y, 0.0, 0.5 * bound, 10_000, 1e-12),
            "max_iter": gradient_descent(design, y, 0.0, 0.5 * bound, 5, 1e-12),
            "diverged": gradient_descent(design, y, 0.0, 1.5 * bound, 10_000, 1e-12),
            "overflow": gradient_descent(design * 1e200, y, 0.0, 1.0, 10_000, 1e-12),
        }
    assert [run[2] for run in runs.values()] == ["converged", "max_iter", "diverged", "diverged"]
    assert set(STOPS) == {"converged", "max_iter", "diverged"}
    for theta, history, _ in runs.values():
        assert isinstance(history, np.ndarray) and history.ndim == 1 and theta.shape == (4,)
    assert len(runs["max_iter"][1]) == 6
    # It stops at the first step that raised J: one rise, at the very end.
    rises = np.flatnonzero(np.diff(runs["diverged"][1]) > 0)
    assert list(rises) == [len(runs["diverged"][1]) - 2]


def test_divergence_guard_allows_the_rounding_of_the_costs_dtype():
    # A rise of 1e-6 of J is far beyond float64 rounding (≈ 1e-16 of J), within float32's.
    assert diverged([1.0, 1.0 + 1e-6]) and not diverged([1.0, 1.0 + 1e-6], np.float32)
    assert diverged([1.0, 1.01], np.float32) and diverged([1.0, np.inf], np.float32)
    assert diverged([1.0, np.nan]) and not diverged([1.0, 0.5])
    # Near an exact fit J is rounding noise: a rise of a J below 1e4·eps of the start is not.
    assert not diverged([1.0, 1e-13, 2e-13]) and diverged([1.0, 1e-10, 2e-10])


def test_exact_fit_is_not_mistaken_for_divergence():
    # More features than rows: the cost falls to rounding noise, which may tick upwards.
    X, y = make_data(15, 7, seed=3)
    model = LinearRegression(polynomial_degree=2, max_iter=50_000).fit(X, y)
    assert model.cost_history_[-1] < 1e-12 * model.cost_history_[0]
    np.testing.assert_allclose(model.predict(X), y, rtol=1e-6)


@pytest.mark.parametrize("unit", [1e-12, 1e12])
def test_features_in_tiny_or_huge_units_fit_as_well(unit):
    # Standardization makes the unit irrelevant. The old rule (σ ≤ 1e-12 · max(1, |μ|))
    # called every feature in units of 1e-12 constant: R² = 0, with no warning.
    X, y = make_data(60, 3, seed=5)
    reference = LinearRegression(solver="normal_equation").fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = LinearRegression().fit(X * unit, y)
    assert reference.score(X, y) > 0.9
    np.testing.assert_allclose(model.score(X * unit, y), reference.score(X, y), rtol=1e-8)


def test_constant_feature_does_not_divide_by_zero():
    X, y = make_data(40, 2, seed=8)
    X = np.hstack([X, np.full((40, 1), 3.0)])
    model = LinearRegression().fit(X, y)
    assert np.all(np.isfinite(model.coef_))
    assert model.coef_[-1] == 0.0


@pytest.fixture
def fitted():
    X, y = make_data(20, 2, seed=0)
    return LinearRegression().fit(X, y), X, y


@pytest.mark.parametrize(
    "X, y, error, match",
    [
        (np.arange(5.0), np.arange(5.0), ValueError, r"Expected 2D array.*reshape\(-1, 1\)"),
        ([[1.0], [np.nan], [3.0]], [1.0, 2.0, 3.0], ValueError, "Input X contains NaN"),
        ([[1.0], [np.inf], [3.0]], [1.0, 2.0, 3.0], ValueError, "Input X contains infinity"),
        (np.empty((0, 2)), np.empty(0), ValueError, r"0 sample\(s\).*LinearRegression"),
        (np.empty((3, 0)), np.zeros(3), ValueError, r"0 feature\(s\)"),
        (np.ones((4, 2)), np.ones(3), ValueError, "inconsistent numbers of samples"),
        ([[1.0], [2.0]], [1.0, np.nan], ValueError, "Input y contains NaN"),
        ([["a"], ["b"]], [1.0, 2.0], ValueError, "not numbers"),
        (np.ones((4, 2)), None, ValueError, "requires y to be passed"),
    ],
)
def test_fit_rejects_bad_input(X, y, error, match):
    with pytest.raises(error, match=match):
        LinearRegression().fit(X, y)


def test_non_numeric_dataframe_column_is_named():
    frame = pd.DataFrame({"gdp": [1.0, 2.0, 3.0], "country": ["A", "B", "C"]})
    with pytest.raises(ValueError, match="non-numeric column.*'country'"):
        LinearRegression().fit(frame, [1.0, 2.0, 3.0])


def test_predict_checks_its_input(fitted):
    model, X, _ = fitted
    with pytest.raises(ValueError, match="X has 3 features, but LinearRegression is expecting 2"):
        model.predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Expected 2D array.*reshape\(1, -1\)"):
        model.predict(X[0])
    with pytest.raises(ValueError, match="Input X contains NaN"):
        model.predict([[np.nan, 1.0]])


def test_predict_before_fit():
    with pytest.raises(NotFittedError, match="not fitted yet.*Call 'fit'"):
        LinearRegression().predict(np.ones((2, 2)))
    # Both families of exception, so that `except ValueError` and hasattr-style code work.
    assert issubclass(NotFittedError, ValueError)
    assert issubclass(NotFittedError, AttributeError)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be > 0"),
        ({"learning_rate": "fast"}, TypeError, "learning_rate must be a number"),
        ({"regularization": -1.0}, ValueError, "regularization must be >= 0"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"max_iter": 10.5}, TypeError, "max_iter must be an integer"),
        ({"tol": -1e-3}, ValueError, "tol must be >= 0"),
        ({"solver": "sgd"}, ValueError, "solver must be one of 'gradient_descent'"),
        ({"polynomial_degree": 0}, ValueError, "polynomial_degree must be >= 1"),
        ({"sinusoid_degree": -1}, ValueError, "sinusoid_degree must be >= 0"),
        ({"normalize": "yes"}, TypeError, "normalize must be True or False"),
    ],
)
def test_bad_hyperparameters(fitted, params, error, match):
    _, X, y = fitted
    with pytest.raises(error, match=match):
        LinearRegression(**params).fit(X, y)


def test_scikit_learn_interop():
    X, y = make_data(60, 2, seed=6)
    model = LinearRegression(regularization=0.5)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert repr(model) == "LinearRegression(regularization=0.5)"
    scores = cross_val_score(make_pipeline(StandardScaler(), model), X, y, cv=3)
    assert scores.shape == (3,)
    assert np.all(scores > 0.9)


# ----------------------------------------------------- the happiness figures
@pytest.fixture(scope="module")
def happiness():
    return load_happiness()


@pytest.mark.parametrize("columns", [[GDP], [GDP, FREEDOM]])
def test_happiness_gradient_descent_matches_normal_equation_and_sklearn(happiness, columns):
    X = happiness[columns].to_numpy()
    y = happiness[SCORE].to_numpy()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the defaults converge
        gd = LinearRegression().fit(X_train, y_train)
    ne = LinearRegression(solver="normal_equation").fit(X_train, y_train)
    reference = SkLinearRegression().fit(X_train, y_train)

    # Standardization was learned on the training rows only.
    np.testing.assert_allclose(gd.feature_map_.input_scaler_.mean_, X_train.mean(axis=0))
    np.testing.assert_allclose(gd.feature_map_.input_scaler_.scale_, X_train.std(axis=0))

    gap = (gd.cost_history_[-1] - ne.cost_history_[-1]) / ne.cost_history_[-1]
    assert 0 <= gap < 1e-3
    for rows in (X_train, X_test):
        assert rel_diff(gd.predict(rows), reference.predict(rows)) < 1e-6
        assert rel_diff(ne.predict(rows), reference.predict(rows)) < 1e-12
    assert gd.score(X_test, y_test) == pytest.approx(reference.score(X_test, y_test), rel=1e-6)


# ------------------------------------------- what the linear regression demos show
# The notebooks print these results; the tests pin them (issue 12: no asserts in cells).
def _happiness_split(happiness, columns):
    X = happiness[columns].to_numpy()
    y = happiness[SCORE].to_numpy()
    return train_test_split(X, y, test_size=0.2, random_state=42)


def _written_out_descent(design, y, lam, alpha, max_iter, tol):
    """The demos' hand-written loop, from cost and gradient."""
    theta = np.zeros(design.shape[1])
    costs = [cost(theta, design, y, lam)]
    for _ in range(max_iter):
        theta = theta - alpha * gradient(theta, design, y, lam)
        costs.append(cost(theta, design, y, lam))
        if costs[-2] - costs[-1] <= tol * costs[-2]:
            break
    return theta, len(costs) - 1


@pytest.mark.parametrize("columns", [[GDP], [GDP, FREEDOM]])
def test_demo_loop_is_the_estimators_and_lands_near_the_minimum(happiness, columns):
    X_train, _, y_train, _ = _happiness_split(happiness, columns)
    model = LinearRegression(tol=1e-12).fit(X_train, y_train)
    exact = LinearRegression(solver="normal_equation").fit(X_train, y_train)
    design = design_matrix(model.feature_map_.transform(X_train))
    theta, steps = _written_out_descent(design, y_train, 0.0, 0.1, 10_000, 1e-12)
    assert steps == model.n_iter_
    # The same operations in the same order: equal up to the last bits.
    np.testing.assert_allclose(theta, np.r_[model.intercept_, model.coef_], rtol=1e-12)
    # tol = 1e-12 of J leaves θ about √1e-12 = 1e-6 from the minimum (the demos print ~1e-6).
    np.testing.assert_allclose(theta, np.r_[exact.intercept_, exact.coef_], atol=1e-5)
    reference = SkLinearRegression().fit(X_train, y_train)
    assert rel_diff(model.predict(X_train), reference.predict(X_train)) < 1e-5


def test_happiness_test_r2_of_the_demos(happiness):
    X_train, X_test, y_train, y_test = _happiness_split(happiness, [GDP, FREEDOM])
    economy = LinearRegression(tol=1e-12).fit(X_train[:, :1], y_train)
    both = LinearRegression(tol=1e-12).fit(X_train, y_train)
    # The demos print 0.6797 and 0.7736: freedom adds to the economy on unseen countries.
    assert economy.score(X_test[:, :1], y_test) == pytest.approx(0.6797, abs=1e-4)
    assert both.score(X_test, y_test) == pytest.approx(0.7736, abs=1e-4)


def test_univariate_demo_step_sizes_do_what_the_text_says(happiness):
    """One standardized feature: XᵀX/m = I, so a step multiplies θ's error by 1 − α."""
    X_train, _, y_train, _ = _happiness_split(happiness, [GDP])
    exact = LinearRegression(solver="normal_equation").fit(X_train, y_train)
    theta_star = np.concatenate([[exact.intercept_], exact.coef_])
    design = design_matrix(exact.feature_map_.transform(X_train))
    np.testing.assert_allclose(design.T @ design / len(design), np.eye(2), atol=1e-12)
    for alpha in (1.0, 1.8, 2.0):
        path = _descent_path(design, y_train, 0.0, alpha, 4)
        errors = path - theta_star
        # Every step multiplies the error by 1 − α: α = 1 lands in one step, 1.8 flips
        # sides shrinking by 0.8, 2 jumps between θ = 0 and its mirror image forever.
        np.testing.assert_allclose(errors[1:], (1 - alpha) * errors[:-1], atol=1e-12)
    partial = LinearRegression(learning_rate=1.8, max_iter=10, tol=0.0)
    with pytest.warns(ConvergenceWarning):
        partial.fit(X_train, y_train)
    # The demo's picture of those 10 steps ends where the estimator ends.
    end = _descent_path(design, y_train, 0.0, 1.8, partial.n_iter_)[-1]
    np.testing.assert_allclose(end, np.r_[partial.intercept_, partial.coef_], rtol=1e-12)
    with pytest.raises(ValueError, match="diverged"):
        LinearRegression(learning_rate=2.05).fit(X_train, y_train)


def test_multivariate_demo_gap_shrinks_at_the_rates_of_the_eigenvalues(happiness):
    """Two standardized features with correlation r: ν = 1 − r, 1, 1 + r. The gap in J
    shrinks by (1 − α)² per step early (the intercept's error dominates from θ = 0) and by
    (1 − α(1 − r))² late (the slowest direction), as the demo prints."""
    X_train, _, y_train, _ = _happiness_split(happiness, [GDP, FREEDOM])
    model = LinearRegression(tol=1e-12).fit(X_train, y_train)
    exact = LinearRegression(solver="normal_equation").fit(X_train, y_train)
    design = design_matrix(model.feature_map_.transform(X_train))
    r = np.corrcoef(design[:, 1], design[:, 2])[0, 1]
    nu = np.linalg.eigvalsh(design.T @ design / len(design))
    np.testing.assert_allclose(nu, [1 - r, 1, 1 + r], rtol=1e-12)
    gap = (model.cost_history_ - exact.cost_history_[-1]) / exact.cost_history_[-1]
    gap = gap[gap > 0]
    quarter = len(gap) // 4
    early = (gap[quarter] / gap[1]) ** (1 / (quarter - 1))
    late = (gap[-1] / gap[-quarter]) ** (1 / (quarter - 1))
    assert early == pytest.approx(0.9**2, abs=0.005)
    assert late == pytest.approx((1 - 0.1 * (1 - r)) ** 2, abs=0.005)
    assert late - early > 0.05  # two slopes, not one


@pytest.fixture(scope="module")
def nonlinear():
    """The non-linear demo's three-way split: 100 test points, then 50 training and 100
    validation points of the other 150 (the development points)."""
    data = load_nonlinear()
    X, y = data[["x"]].to_numpy(), data["y"].to_numpy()
    X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=100, random_state=0)
    X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, test_size=100, random_state=0)
    return dict(X_dev=X_dev, y_dev=y_dev, X_test=X_test, y_test=y_test, X_train=X_train,
                y_train=y_train, X_val=X_val, y_val=y_val)


def test_nonlinear_demo_gradient_descent_and_sklearn(nonlinear):
    X, X_train, y_train = nonlinear["X_dev"], nonlinear["X_train"], nonlinear["y_train"]
    X_val, y_val = nonlinear["X_val"], nonlinear["y_val"]
    params = dict(polynomial_degree=8, sinusoid_degree=3, regularization=0.1)
    model = LinearRegression(max_iter=50_000, tol=1e-9, **params).fit(X_train, y_train)
    exact = LinearRegression(solver="normal_equation", **params).fit(X_train, y_train)
    # A loose tol in a narrow valley: the cost is close, θ is not (the demo says so).
    gap = (model.cost_history_[-1] - exact.cost_history_[-1]) / exact.cost_history_[-1]
    assert 0 <= gap < 1e-3
    assert model.score(X_val, y_val) > 0.85

    def sines(Z):
        return np.hstack([np.sin(k * Z) for k in range(1, 4)])

    reference = make_pipeline(
        StandardScaler(),
        make_union(PolynomialFeatures(8, include_bias=False), FunctionTransformer(sines)),
        StandardScaler(),
        Ridge(alpha=0.1),
    ).fit(X_train, y_train)
    # λ = 0.1 keeps this 12-column problem well conditioned: agreement to rounding.
    np.testing.assert_allclose(exact.predict(X), reference.predict(X), rtol=1e-8)


def test_nonlinear_validation_curve_has_an_interior_best_lambda(nonlinear):
    """The demo's reading: degree 20 over-fits at small λ, under-fits at large λ; the
    splits are of the development points only."""
    X, y = nonlinear["X_dev"], nonlinear["y_dev"]
    lambdas = np.logspace(-4, 3, 15)
    train_err, val_err = np.zeros((2, 10, len(lambdas)))
    for seed in range(10):
        X_fit, X_val, y_fit, y_val = train_test_split(X, y, test_size=100, random_state=seed)
        for j, lam in enumerate(lambdas):
            fitted = LinearRegression(
                solver="normal_equation", polynomial_degree=20, regularization=lam
            ).fit(X_fit, y_fit)
            train_err[seed, j] = np.mean((fitted.predict(X_fit) - y_fit) ** 2)
            val_err[seed, j] = np.mean((fitted.predict(X_val) - y_val) ** 2)
    mean_train, mean_val = train_err.mean(axis=0), val_err.mean(axis=0)
    best = np.argmin(mean_val)
    assert lambdas[best] == pytest.approx(0.1)  # the demo's "best: λ = 0.1"
    assert np.all(np.diff(mean_train) > 0)  # more λ, more training error (bias)
    assert mean_val[0] > 10 * mean_val[best]  # small λ: variance
    assert mean_val[-1] > 5 * mean_val[best]  # large λ: bias
    assert mean_val[-1] < 1.1 * mean_train[-1]  # ... with training and validation alike
    # The text: the mean is higher at every smaller λ, while on most splits (the median) a
    # small λ does no harm: one split whose training points leave an end bare lifts the mean.
    assert np.all(mean_val[:best] > mean_val[best])
    assert np.median(val_err[:, 0]) < np.median(val_err[:, best])


NONLINEAR_DEMO = (pathlib.Path(__file__).parents[1] / "notebooks" / "linear_regression"
                  / "non_linear_regression_demo.ipynb")


def _poison_the_test_rows(namespace):
    """Replace every array of the notebook that holds the test rows by a copy in which they
    are NaN (pandas hands out read-only arrays, so copies, not in place)."""
    test_x = namespace["X_test"][:, 0].copy()
    rows = np.isin(namespace["X"][:, 0], test_x)
    for name in ("X", "y"):
        namespace[name] = namespace[name].astype(float)  # a writable copy
        namespace[name][rows] = np.nan
    namespace["data"] = namespace["data"].astype(float)
    namespace["data"].loc[namespace["data"]["x"].isin(test_x), :] = np.nan
    namespace["X_test"] = np.full_like(namespace["X_test"], np.nan, dtype=float)
    namespace["y_test"] = np.full_like(namespace["y_test"], np.nan, dtype=float)


def test_nonlinear_demo_chooses_lambda_without_the_test_rows(nonlinear, monkeypatch):
    """Andrew Ng's ex5 protocol: λ is chosen on validation points carved from the
    development points; the test rows are touched once, in the last section. Every cell
    before "The test set, once" is run with the test rows (in X, y, data, X_test, y_test)
    replaced by NaN right after the split, and must print exactly what the stored notebook
    printed. The old demo drew its validation splits from all 250 points, so the NaN rows
    reached its validation curve."""
    notebook = json.loads(NONLINEAR_DEMO.read_text())
    cells = notebook["cells"]
    end = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith(
        "## The test set, once"))
    monkeypatch.setattr(plt, "show", lambda: plt.close("all"))
    namespace, poisoned = {}, False
    for cell in cells[:end]:
        if cell["cell_type"] != "code" or "nbval-ignore-output" in cell["metadata"].get("tags", []):
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec("".join(cell["source"]), namespace)
        plt.close("all")
        streams = [o for o in cell["outputs"] if o["output_type"] == "stream"]
        stored = "".join("".join(o["text"]) for o in streams)
        assert printed.getvalue() == stored, "".join(cell["source"])[:200]
        if not poisoned and "X_test" in namespace:
            _poison_the_test_rows(namespace)
            poisoned = True
    assert poisoned and namespace["chosen"]["best"] == pytest.approx(0.1)
    # The notebook's split is the one the other tests of the demo use.
    np.testing.assert_array_equal(namespace["X_val"], nonlinear["X_val"])


# ------------------------------------------------------ docstrings say what the code takes
def _documented_parameters(function):
    """The names in a numpydoc "Parameters" section ("X, y : ..." names two)."""
    doc = inspect.getdoc(function) or ""
    section = re.search(r"^Parameters\n-+\n(.*?)(?:\n\n(?=\S+\n-+\n)|\Z)", doc, re.S | re.M)
    if section is None:
        return None
    names = []
    for line in section.group(1).splitlines():
        if line and not line.startswith(" "):
            names += [name.strip().lstrip("*") for name in line.split(" : ")[0].split(",")]
    return names


def _functions(module):
    for name, obj in vars(module).items():
        if getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj):
            yield from ((f"{name}.{k}", v) for k, v in vars(obj).items() if inspect.isfunction(v))


@pytest.mark.parametrize("module_name", [
    "homemade.linear_regression.linear_regression", "homemade.features", "homemade.descent",
    "homemade.logistic_regression.solvers", "homemade.plotting.linear_regression",
    "homemade.plotting.k_means",
])
def test_docstrings_document_exactly_the_parameters_taken(module_name):
    # largest_stable_step documented a y it does not take.
    wrong = {}
    for name, function in _functions(importlib.import_module(module_name)):
        documented = _documented_parameters(function)
        taken = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
        if documented is not None and set(documented) != set(taken):
            wrong[name] = (documented, taken)
    assert not wrong

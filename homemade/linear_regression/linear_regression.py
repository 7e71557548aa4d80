"""Linear regression trained by batch gradient descent, or solved in closed form.

The math, step by step, is in ``README.md`` beside this file. The functions at the top are
that math (``cost``, ``gradient``, ``gradient_descent``, ``normal_equation``, and
``largest_stable_step``, the largest α that converges); the class ``LinearRegression``
checks its input, maps the features, calls them and keeps the results.
"""

import warnings

import numpy as np

from homemade._parameters import Interval, Options
from homemade._validation import check_X_y
from homemade.base import BaseEstimator, RegressorMixin
from homemade.descent import diverged
from homemade.exceptions import ConvergenceWarning
from homemade.features import FEATURE_MAP_CONSTRAINTS, FeatureMap, design_matrix


# ------------------------------------------------------------------------------ the math
def cost(theta, X, y, regularization):
    """J(θ) = 1/(2m)·[‖Xθ − y‖² + λ·Σ_{j≥1} θⱼ²], the regularized squared-error cost.

    Parameters
    ----------
    theta : ndarray of shape (n + 1,)
        θ₀ (the intercept, not regularized) and θ₁ … θₙ.
    X : ndarray of shape (m, n + 1)
        The design matrix: a column of ones, then the features.
    y : ndarray of shape (m,)
        The targets.
    regularization : float
        λ ≥ 0.

    Returns
    -------
    float
    """
    m = len(y)
    residual = X @ theta - y
    return float((residual @ residual + regularization * theta[1:] @ theta[1:]) / (2 * m))


def gradient(theta, X, y, regularization):
    """∇J(θ) = 1/m·[Xᵀ(Xθ − y) + λ·Dθ], with D = diag(0, 1, …, 1): θ₀ is not regularized.

    Parameters
    ----------
    theta : ndarray of shape (n + 1,)
    X : ndarray of shape (m, n + 1)
        The design matrix: a column of ones, then the features.
    y : ndarray of shape (m,)
    regularization : float
        λ ≥ 0.

    Returns
    -------
    ndarray of shape (n + 1,)
    """
    m = len(y)
    penalty = regularization * theta
    penalty[0] = 0.0
    return (X.T @ (X @ theta - y) + penalty) / m


def gradient_descent(X, y, regularization, learning_rate, max_iter, tol):
    """Batch gradient descent from θ = 0: θ ← θ − α∇J(θ) until the cost stops falling.

    Parameters
    ----------
    X, y, regularization
        As for :func:`cost`.
    learning_rate : float
        The step α > 0.
    max_iter : int
        The most steps.
    tol : float
        Stop once a step lowers the cost J by less than ``tol`` times J.

    Returns
    -------
    theta : ndarray of shape (n + 1,)
        θ where the descent stopped.
    cost_history : ndarray of shape (steps + 1,)
        J before the first step and after every step.
    stop : {"converged", "max_iter", "diverged"}
        Why it stopped (``homemade.descent.STOPS``): the ``tol`` test; ``max_iter`` steps ran
        out; the last step raised J beyond rounding (α is too large, see
        :func:`largest_stable_step`). ``LinearRegression.fit`` warns or raises from it.
    """
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is a divergence
        for _ in range(max_iter):
            theta = theta - learning_rate * gradient(theta, X, y, regularization)
            costs.append(cost(theta, X, y, regularization))
            if diverged(costs):
                return theta, np.array(costs), "diverged"
            if costs[-2] - costs[-1] <= tol * costs[-2]:
                return theta, np.array(costs), "converged"
    return theta, np.array(costs), "max_iter"


def normal_equation(X, y, regularization):
    """θ solving (XᵀX + λD)θ = Xᵀy, with D = diag(0, 1, …, 1).

    These are the normal equations of the stacked least-squares problem
    [X; √λ·D₁] θ ≈ [y; 0] (D₁: D without its zero first row), which ``lstsq`` solves by
    SVD without ever forming XᵀX (whose condition number is the square of X's) or an
    inverse.

    Parameters
    ----------
    X : ndarray of shape (m, n + 1)
        The design matrix: a column of ones, then the features.
    y : ndarray of shape (m,)
    regularization : float
        λ ≥ 0.

    Returns
    -------
    theta : ndarray of shape (n + 1,)
    """
    n = X.shape[1]
    penalty_rows = np.sqrt(regularization) * np.eye(n)[1:]
    stacked_y = np.concatenate([y, np.zeros(n - 1)])
    theta, *_ = np.linalg.lstsq(np.vstack([X, penalty_rows]), stacked_y, rcond=None)
    return theta


# --------------------------------------------------------------- how large may α be?
def largest_stable_step(X, regularization):
    """2/ν_max: gradient descent converges for every α below it.

    ν_max is the largest eigenvalue of J's Hessian (XᵀX + λD)/m (README, "How large may α
    be?").

    Parameters
    ----------
    X : ndarray of shape (m, n + 1)
        The design matrix: a column of ones, then the features.
    regularization : float
        λ ≥ 0.

    Returns
    -------
    float
        2/ν_max.
    """
    hessian = X.T @ X
    hessian[1:, 1:] += regularization * np.eye(X.shape[1] - 1)
    return 2.0 / np.linalg.eigvalsh(hessian / len(X))[-1]


# ---------------------------------------------------------------------------- estimator
def _check_not_bouncing(X, regularization, learning_rate, costs):
    """A ValueError when a "converged" stop is false: at α = 2/ν_max (or a hair above) the
    step along the steepest direction lands as far past the minimum as it started, so J
    does not fall, the ``tol`` test passes, and θ is a mirror image of θ*, not θ*."""
    bound = largest_stable_step(X, regularization)
    if learning_rate >= bound:
        raise ValueError(
            f"Gradient descent did not converge: learning_rate={learning_rate!r} is at or "
            f"above 2/ν_max = {bound:.6g} here, where each step overshoots the minimum as far "
            f"as it started, so the cost stayed at {costs[-1]:.6g} after {len(costs) - 1} "
            "step(s) and the tol test was fooled. Lower learning_rate below 2/ν_max "
            "(or use solver='normal_equation')."
        )


def _divergence_message(costs, X, regularization, learning_rate):
    return (
        f"Gradient descent diverged: the cost rose from {costs[-2]:.6g} to {costs[-1]:.6g} at "
        f"step {len(costs) - 1}. learning_rate={learning_rate!r} is too large for these "
        f"features: the step must stay below 2/ν_max = "
        f"{largest_stable_step(X, regularization):.3g} here (ν_max, the largest curvature of "
        "the cost). Lower learning_rate (standardized features, normalize=True, allow larger "
        "steps), or use solver='normal_equation'."
    )


class LinearRegression(RegressorMixin, BaseEstimator):
    """Least-squares linear regression with optional L2 regularization and feature maps.

    The model is ŷ = θ₀ + θ₁·f₁(x) + … + θₖ·fₖ(x), where f(x) are the columns produced by
    :class:`homemade.features.FeatureMap` (the raw features, or their polynomial and
    sinusoid expansion, standardized with statistics learned in ``fit``). It minimizes
    :func:`cost`, J(θ) = 1/(2m)·[Σᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² + λ·Σ_{j≥1} θⱼ²], by
    :func:`gradient_descent` or :func:`normal_equation`.

    Parameters
    ----------
    learning_rate : float > 0, default=0.1
        The gradient-descent step α (unused by the normal equation). Gradient descent
        converges for α < 2/ν_max, where ν_max is the largest eigenvalue of J's Hessian
        (XᵀX + λD)/m. With a few standardized features ν_max is near 1 and α = 0.1 is safe
        and quick; ν_max grows towards the number of (expanded) features when they are
        correlated, and without standardization it follows the features' scale. If α is
        too large, ``fit`` says so and gives 2/ν_max.
    regularization : float ≥ 0, default=0.0
        λ, the weight of the penalty on θ₁ … θₖ (0 = none). It equals scikit-learn's
        ``Ridge`` ``alpha`` on the same features (both penalize λ·Σθⱼ² against the *sum*
        of squared errors; our 1/(2m) scales the whole cost and does not move its minimum).
    max_iter : int ≥ 1, default=10_000
        Most gradient-descent steps; a ``ConvergenceWarning`` says when they ran out.
    tol : float ≥ 0, default=1e-14
        Stop once an iteration lowers the cost J by less than ``tol`` times J. An
        iteration is one gradient-descent step over all m rows. Why so small: near its
        minimum the cost is quadratic, so a relative cost error ε leaves θ off by about
        √ε; 1e-14 gives predictions right to about seven digits, in ~200 steps on the
        standardized happiness data. It cannot hang on rounding noise: a step that fails
        to lower the cost at all also stops the descent. ``tol=0`` runs until the cost
        stops falling or ``max_iter`` runs out.
    solver : {"gradient_descent", "normal_equation"}, default="gradient_descent"
        How θ is found: by :func:`gradient_descent`, or in closed form by
        :func:`normal_equation` (a least-squares solve).
    polynomial_degree : int ≥ 1, default=1
        Degree of the polynomial features over all inputs (1 = the inputs themselves).
    sinusoid_degree : int ≥ 0, default=0
        Adds sin(k·x) for k = 1 … ``sinusoid_degree`` of every input (0 = none).
    normalize : bool, default=True
        True: standardize the inputs and the expanded features with statistics learned in
        ``fit`` (reused unchanged by ``predict``). False: use them as they are.

    Attributes
    ----------
    coef_ : ndarray of shape (k,)
        θ₁ … θₖ, the weights of the columns of ``feature_map_.transform(X)`` (so, with
        ``normalize=True``, weights of standardized features, not of the raw inputs).
    intercept_ : float
        θ₀.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        The cost J before the first step and after every step; ``cost_history_[-1]`` is
        the cost of the fitted θ. The normal equation stores just that final cost.
    n_iter_ : int
        Gradient-descent steps taken (0 for the normal equation).
    n_features_in_ : int
        Number of input columns seen in ``fit``.
    feature_map_ : FeatureMap
        The fitted feature pipeline.

    Examples
    --------
    >>> import numpy as np
    >>> from homemade.linear_regression import LinearRegression
    >>> X = np.array([[1.0], [2.0], [3.0], [4.0]])
    >>> y = np.array([3.0, 5.0, 7.0, 9.0])  # y = 1 + 2x
    >>> model = LinearRegression().fit(X, y)
    >>> model.predict([[5.0]]).round(4)
    array([11.])
    >>> exact = LinearRegression(solver="normal_equation", normalize=False).fit(X, y)
    >>> round(exact.intercept_, 6), exact.coef_.round(6)
    (1.0, array([2.]))
    """

    _parameter_constraints = {
        **FEATURE_MAP_CONSTRAINTS,
        "learning_rate": Interval(float, low=0, low_inclusive=False),
        "regularization": Interval(float, low=0),
        "max_iter": Interval(int, low=1),
        "tol": Interval(float, low=0),
        "solver": Options(("gradient_descent", "normal_equation")),
    }

    def __init__(
        self,
        *,
        learning_rate=0.1,
        regularization=0.0,
        max_iter=10_000,
        tol=1e-14,
        solver="gradient_descent",
        polynomial_degree=1,
        sinusoid_degree=0,
        normalize=True,
    ):
        self.learning_rate = learning_rate
        self.regularization = regularization
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.polynomial_degree = polynomial_degree
        self.sinusoid_degree = sinusoid_degree
        self.normalize = normalize

    def fit(self, X, y):
        """Learn the feature statistics and θ.

        Parameters
        ----------
        X : array-like of shape (m, n)
            The training inputs.
        y : array-like of shape (m,)
            The training targets.

        Returns
        -------
        self : LinearRegression
        """
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self)
        feature_map = FeatureMap(
            polynomial_degree=self.polynomial_degree,
            sinusoid_degree=self.sinusoid_degree,
            normalize=bool(self.normalize),
        )
        design = design_matrix(feature_map.fit_transform(X))
        lam = float(self.regularization)
        if self.solver == "normal_equation":
            theta = normal_equation(design, y, lam)
            costs = np.array([cost(theta, design, y, lam)])
        else:
            theta, costs, stop = gradient_descent(
                design, y, lam, self.learning_rate, self.max_iter, self.tol
            )
            if stop == "diverged":
                raise ValueError(_divergence_message(costs, design, lam, self.learning_rate))
            if stop == "converged":
                _check_not_bouncing(design, lam, self.learning_rate, costs)
            if stop == "max_iter":
                warnings.warn(
                    f"Gradient descent stopped at max_iter={self.max_iter} before a step "
                    f"lowered the cost by less than tol={self.tol!r} times the cost. Increase "
                    "max_iter or learning_rate, or use solver='normal_equation'.",
                    ConvergenceWarning,
                    stacklevel=2,
                )
        # The model changes only now: a fit that failed above leaves it as it was.
        self.feature_map_, self.cost_history_ = feature_map, costs
        self.n_iter_ = len(costs) - 1
        self.intercept_ = float(theta[0])
        self.coef_ = theta[1:].copy()
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X):
        """ŷ = θ₀ + f(x)·θ₁…ₖ for every row, with the feature statistics learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m,)
        """
        X = self._validate_data(X)
        return self.feature_map_.transform(X) @ self.coef_ + self.intercept_

    def cost(self, X, y):
        """The cost J (with its λ term) of the fitted θ on ``X``, ``y``.

        Handy for comparing training and test cost: it uses the feature statistics
        learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : array-like of shape (m,)

        Returns
        -------
        float
        """
        X, y = check_X_y(self._validate_data(X), y, estimator=self)
        theta = np.concatenate([[self.intercept_], self.coef_])
        design = design_matrix(self.feature_map_.transform(X))
        return cost(theta, design, y, float(self.regularization))

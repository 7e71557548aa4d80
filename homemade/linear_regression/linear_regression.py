"""Linear regression trained by batch gradient descent, or solved in closed form.

The math, step by step, is in ``README.md`` beside this file.
"""

import warnings

import numpy as np

from homemade._validation import (
    check_array,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_X_y,
)
from homemade.base import BaseEstimator, RegressorMixin
from homemade.exceptions import ConvergenceWarning
from homemade.features import FeatureMap

# With a convex quadratic cost and a small enough learning rate the cost can only go down.
# A step that raises it by more than this fraction means the steps overshoot; rounding
# moves the cost far less, except when the fit is (nearly) exact: then the cost is pure
# rounding noise, so a rise below _EXACT_FIT times the starting cost is not divergence.
_DIVERGENCE_RISE = 1e-8
_EXACT_FIT = 1e-12


class LinearRegression(RegressorMixin, BaseEstimator):
    """Least-squares linear regression with optional L2 regularization and feature maps.

    The model is ŷ = θ₀ + θ₁·f₁(x) + … + θₖ·fₖ(x), where f(x) are the columns produced by
    :class:`homemade.features.FeatureMap` (the raw features, or their polynomial and
    sinusoid expansion, standardized with statistics learned in ``fit``).

    It minimizes the regularized mean-squared-error cost

        J(θ) = 1/(2m) · [ Σᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² + λ · Σ_{j≥1} θⱼ² ]

    where θ₀ (the intercept) is not regularized. The course's original code divided the
    regularized sum by m/2 instead of 2m; the two differ by a factor 4 and only 1/(2m)
    gives the gradient 1/m · Xᵀ(Xθ − y), so ours follows the textbook form.

    Parameters
    ----------
    learning_rate : float, default=0.1
        The gradient-descent step α. Gradient descent is stable for α < 2/L, where L is
        the largest eigenvalue of J's Hessian (XᵀX + λ·I)/m. With a few standardized
        features L is near 1 and α = 0.1 is safe and quick; L grows towards the number of
        (expanded) features when they are correlated, and without standardization it
        follows the features' scale. If α is too large, ``fit`` says so and gives 2/L.
    regularization : float, default=0.0
        λ ≥ 0, the weight of the penalty on θ₁ … θₖ. It equals scikit-learn's ``Ridge``
        ``alpha`` on the same features (both penalize λ·Σθⱼ² against the *sum* of squared
        errors; our 1/(2m) scales the whole cost and does not move its minimum).
    max_iter : int, default=10_000
        Most gradient-descent steps; a ``ConvergenceWarning`` says when they ran out.
    tol : float, default=1e-14
        Gradient descent stops once one step lowers the cost by less than ``tol`` times
        the cost. Why so small: near its minimum the cost is quadratic, so a relative
        cost change ε leaves θ off its optimum by about √ε. With 1e-14 the predictions
        agree with the closed form to about seven digits (the default 1e-9 of many
        libraries would leave only four or five), and it still takes only ~200 steps on
        the standardized happiness data. It cannot hang on rounding noise: once the
        change is that small (~1e-15 of the cost), a step that fails to lower the cost
        stops the descent too.
    solver : {"gradient_descent", "normal_equation"}, default="gradient_descent"
        How θ is found: iteratively, or in closed form (a least-squares solve).
    polynomial_degree : int, default=1
        Degree of the polynomial features over all inputs (1 = the inputs themselves).
    sinusoid_degree : int, default=0
        Adds sin(k·x) for k = 1 … ``sinusoid_degree`` of every input (0 = none).
    normalize : bool, default=True
        Standardize the inputs and the expanded features with statistics learned in
        ``fit`` (reused unchanged by ``predict``).

    Attributes
    ----------
    coef_ : ndarray of shape (k,)
        θ₁ … θₖ, the weights of the columns of ``feature_map_.transform(X)`` (so, with
        ``normalize=True``, weights of standardized features, not of the raw inputs).
    intercept_ : float
        θ₀.
    cost_history_ : ndarray
        The cost J before the first step and after every step; ``cost_history_[-1]`` is
        the cost of the fitted θ. The normal equation stores just that final cost.
    n_iter_ : int
        Gradient-descent steps taken (0 for the normal equation).
    n_features_in_ : int
        Number of input columns seen in ``fit``.
    feature_map_ : FeatureMap
        The fitted feature pipeline.
    """

    def __init__(
        self,
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

    # ----------------------------------------------------------------- the math
    def _cost(self, theta, X, y):
        """J(θ) = 1/(2m)·[‖Xθ − y‖² + λ·Σ_{j≥1} θⱼ²]; ``X`` has the bias column first."""
        m = len(y)
        residual = X @ theta - y
        penalty = self.regularization * np.dot(theta[1:], theta[1:])
        return float((np.dot(residual, residual) + penalty) / (2 * m))

    def _gradient(self, theta, X, y):
        """∇J(θ) = 1/m·[Xᵀ(Xθ − y) + λ·θ with its θ₀ entry replaced by 0]."""
        m = len(y)
        gradient = X.T @ (X @ theta - y)
        gradient[1:] += self.regularization * theta[1:]
        return gradient / m

    def _design_matrix(self, X):
        """The mapped features with a leading column of ones for θ₀."""
        features = self.feature_map_.transform(X)
        return np.hstack([np.ones((len(features), 1)), features])

    def _gradient_descent(self, X, y):
        theta = np.zeros(X.shape[1])
        costs = [self._cost(theta, X, y)]
        converged = False
        # Overflow is detected below and explained; NumPy's own warning would not say why.
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(self.max_iter):
                theta = theta - self.learning_rate * self._gradient(theta, X, y)
                cost = self._cost(theta, X, y)
                previous = costs[-1]
                costs.append(cost)
                overshoot = cost > previous * (1 + _DIVERGENCE_RISE) and (
                    cost > _EXACT_FIT * costs[0]
                )
                if overshoot or not np.isfinite(cost):
                    raise ValueError(
                        f"Gradient descent diverged: the cost rose from {previous:.6g} to "
                        f"{cost:.6g} at step {len(costs) - 1}. learning_rate="
                        f"{self.learning_rate!r} is too large for these features: the step "
                        f"must stay below 2/L = {self._largest_stable_step(X):.3g} here (L, "
                        "the largest curvature of the cost). Lower learning_rate, or use "
                        "solver='normal_equation'."
                        + ("" if self.normalize else " Standardizing (normalize=True) helps.")
                    )
                # A step that changes the cost by less than tol (or raises it by mere
                # rounding) has nothing left to gain.
                if previous - cost <= self.tol * previous:
                    converged = True
                    break
        if not converged:
            warnings.warn(
                f"Gradient descent stopped at max_iter={self.max_iter} before the relative "
                f"cost change fell below tol={self.tol!r} (last change: "
                f"{(costs[-2] - costs[-1]) / costs[-2]:.3g}). Increase max_iter or "
                "learning_rate, or use solver='normal_equation'.",
                ConvergenceWarning,
                stacklevel=3,
            )
        return theta, np.array(costs), len(costs) - 1

    def _largest_stable_step(self, X):
        """2/L, with L the largest eigenvalue of the Hessian (XᵀX + λ·I₀)/m of J."""
        hessian = X.T @ X
        hessian[1:, 1:] += self.regularization * np.eye(X.shape[1] - 1)
        return 2.0 / np.linalg.eigvalsh(hessian / len(X))[-1]

    def _normal_equation(self, X, y):
        """θ solving (XᵀX + λL)θ = Xᵀy, with L the identity except L₀₀ = 0.

        Those are exactly the normal equations of the stacked least-squares problem
        [X; √λ·L] θ ≈ [y; 0], which ``lstsq`` solves by SVD without ever forming XᵀX
        (whose condition number is the square of X's) or an inverse.
        """
        n = X.shape[1]
        if self.regularization > 0:
            penalty_rows = np.sqrt(self.regularization) * np.eye(n)[1:]
            X = np.vstack([X, penalty_rows])
            y = np.concatenate([y, np.zeros(n - 1)])
        theta, *_ = np.linalg.lstsq(X, y, rcond=None)
        return theta

    # ------------------------------------------------------------- public API
    def fit(self, X, y):
        """Learn the feature statistics and θ from ``X`` (m × n) and ``y`` (m,)."""
        check_scalar(self.learning_rate, "learning_rate", float, low=0, low_inclusive=False)
        check_scalar(self.regularization, "regularization", float, low=0)
        check_scalar(self.max_iter, "max_iter", int, low=1)
        check_scalar(self.tol, "tol", float, low=0)
        check_option(self.solver, "solver", ("gradient_descent", "normal_equation"))
        check_scalar(self.polynomial_degree, "polynomial_degree", int, low=1)
        check_scalar(self.sinusoid_degree, "sinusoid_degree", int, low=0)
        if not isinstance(self.normalize, (bool, np.bool_)):
            raise TypeError(
                f"normalize must be True or False, got {self.normalize!r} "
                f"({type(self.normalize).__name__})."
            )
        X, y = check_X_y(X, y, estimator=self)

        self.feature_map_ = FeatureMap(
            polynomial_degree=self.polynomial_degree,
            sinusoid_degree=self.sinusoid_degree,
            normalize=bool(self.normalize),
        ).fit(X)
        design = self._design_matrix(X)
        if self.solver == "normal_equation":
            theta = self._normal_equation(design, y)
            self.cost_history_ = np.array([self._cost(theta, design, y)])
            self.n_iter_ = 0
        else:
            theta, self.cost_history_, self.n_iter_ = self._gradient_descent(design, y)
        self.intercept_ = float(theta[0])
        self.coef_ = theta[1:].copy()
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X):
        """ŷ = θ₀ + f(x)·θ for every row of ``X``, with the statistics learned in ``fit``."""
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        # Row-wise multiply-and-sum rather than a matrix product: BLAS may add the terms in
        # a different order for one row than for many, and a row predicted alone should
        # give exactly the same number as inside a batch.
        return (self.feature_map_.transform(X) * self.coef_).sum(axis=1) + self.intercept_

    def cost(self, X, y):
        """The (regularized) cost J of the fitted θ on the data ``X``, ``y``.

        Handy for comparing training and test cost: it uses the feature statistics
        learned in ``fit``.
        """
        check_is_fitted(self)
        X, y = check_X_y(X, y, estimator=self)
        check_n_features(self, X)
        theta = np.concatenate([[self.intercept_], self.coef_])
        return self._cost(theta, self._design_matrix(X), y)

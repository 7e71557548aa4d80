"""Logistic regression: one-vs-all (as the course teaches) or softmax, regularized log-loss.

The math, with the name of the function that implements each equation, is in
``homemade/logistic_regression/README.md``.
"""

import warnings

import numpy as np

from homemade._validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_scalar,
    check_X_y,
)
from homemade.base import BaseEstimator, ClassifierMixin
from homemade.exceptions import ConvergenceWarning
from homemade.features import FeatureMap

# --------------------------------------------------------------------------------------
# Numerically stable building blocks
# --------------------------------------------------------------------------------------


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), written with tanh so that no exp ever overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def log_sigmoid(z):
    """log σ(z) = −log(1 + e^(−z)); ``logaddexp`` keeps it exact for |z| in the thousands."""
    return -np.logaddexp(0.0, -np.asarray(z, dtype=np.float64))


def log_softmax(Z):
    """Row-wise log of the softmax: z_k − log Σ_j e^(z_j), with the row maximum taken out
    first so that the exponentials stay ≤ 1."""
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z):
    """Row-wise softmax e^(z_k) / Σ_j e^(z_j); every row sums to 1."""
    return np.exp(log_softmax(Z))


# --------------------------------------------------------------------------------------
# Costs and their hand-written gradients
# --------------------------------------------------------------------------------------


def _penalty_mask(theta):
    # θ₀ (row 0, the intercept) is not regularized: shrinking it would bias the
    # predicted base rate, not the shape of the boundary.
    mask = np.ones_like(theta)
    mask[0] = 0.0
    return mask


def sigmoid_cost_gradient(theta, Xb, Y, regularization):
    """Regularized log-loss of independent sigmoid classifiers, one per column of ``theta``.

    ``Xb`` is the design matrix with a leading column of ones (m × (n+1)), ``theta`` is
    (n+1) × c and ``Y`` holds 0/1 targets (m × c). Returns the cost of each column, shape
    (c,), and its gradient, shape (n+1) × c:

        J(θ) = 1/m Σ [log(1 + e^z) − y z] + λ/(2m) Σ_{j≥1} θ_j²,   z = x θ
        ∂J/∂θ = 1/m Xᵀ(σ(Xθ) − y) + λ/m θ  (θ₀ not regularized)

    ``log(1 + e^z) − y z`` is the usual −y log h − (1−y) log(1−h) rewritten so that it never
    takes the log of 0, even for a confident wrong prediction.
    """
    m = Xb.shape[0]
    Z = Xb @ theta
    loss = np.logaddexp(0.0, Z) - Y * Z
    reg = theta * _penalty_mask(theta)
    cost = loss.mean(axis=0) + regularization / (2 * m) * np.sum(reg * theta, axis=0)
    gradient = Xb.T @ (sigmoid(Z) - Y) / m + regularization / m * reg
    return cost, gradient


def softmax_cost_gradient(theta, Xb, Y, regularization):
    """Regularized cross-entropy of the softmax (multinomial) model.

    ``theta`` is (n+1) × K, one column per class, ``Y`` the one-hot targets (m × K).
    Returns the cost (a float) and its gradient, shape (n+1) × K:

        J(Θ) = −1/m Σ_i Σ_k y_k log softmax(x Θ)_k + λ/(2m) Σ_{j≥1} Σ_k θ_jk²
        ∂J/∂Θ = 1/m Xᵀ(softmax(XΘ) − Y) + λ/m Θ  (row θ₀ not regularized)
    """
    m = Xb.shape[0]
    Z = Xb @ theta
    log_p = log_softmax(Z)
    reg = theta * _penalty_mask(theta)
    cost = -np.sum(Y * log_p) / m + regularization / (2 * m) * np.sum(reg * theta)
    gradient = Xb.T @ (np.exp(log_p) - Y) / m + regularization / m * reg
    return float(cost), gradient


# --------------------------------------------------------------------------------------
# Optimizers. Both minimize several independent problems at once, one per column of
# theta: one-vs-all trains its K classifiers side by side, so every step is one matrix
# product instead of K. ``fun(theta_columns, columns)`` returns (costs, gradients) of the
# requested columns only.
# --------------------------------------------------------------------------------------


def _gradient_descent(fun, theta, learning_rate, max_iter, tol):
    """Batch gradient descent, the course's algorithm: θ ← θ − α ∇J(θ), per column until
    its largest gradient component is at most ``tol`` (or ``max_iter`` steps)."""
    theta = theta.copy()
    n_columns = theta.shape[1]
    all_columns = np.arange(n_columns)
    cost, gradient = fun(theta, all_columns)
    history = [[c] for c in cost]
    n_iter = np.zeros(n_columns, dtype=int)
    active = np.abs(gradient).max(axis=0) > tol
    gradient = gradient[:, active]
    for _ in range(max_iter):
        columns = np.flatnonzero(active)
        if len(columns) == 0:
            break
        theta[:, columns] -= learning_rate * gradient
        # A too-large learning rate makes θ grow without bound; let the numbers overflow
        # quietly and report it below in words instead of as a wall of RuntimeWarnings.
        with np.errstate(over="ignore", invalid="ignore"):
            cost, gradient = fun(theta[:, columns], columns)
        if not (np.all(np.isfinite(cost)) and np.all(np.isfinite(gradient))):
            raise ValueError(
                f"Gradient descent diverged (the cost is no longer finite) with "
                f"learning_rate={learning_rate}. Use a smaller learning_rate, or "
                "normalize=True."
            )
        for column, c in zip(columns, cost, strict=True):
            history[column].append(c)
        n_iter[columns] += 1
        still = np.abs(gradient).max(axis=0) > tol
        active[columns] = still
        gradient = gradient[:, still]
    return theta, history, n_iter, ~active


def _lbfgs(fun, theta, max_iter, tol, memory=10):
    """Limited-memory BFGS with a backtracking (Armijo) line search, written with NumPy.

    Gradient descent walks along −∇J with one fixed step size. L-BFGS remembers the last
    ``memory`` steps s = θ_new − θ_old and gradient changes y = ∇J_new − ∇J_old; from them
    it estimates how the slope bends (the inverse Hessian) and takes a step that is
    already scaled and turned towards the minimum. A line search then halves the step
    until the cost drops enough. Each column of ``theta`` is its own problem, with its
    own memory, step and stopping test (the largest gradient component at most ``tol``).
    """
    theta = theta.copy()
    n_params, n_columns = theta.shape
    all_columns = np.arange(n_columns)
    cost, gradient = fun(theta, all_columns)
    history = [[c] for c in cost]
    n_iter = np.zeros(n_columns, dtype=int)
    converged = np.abs(gradient).max(axis=0) <= tol
    stalled = np.zeros(n_columns, dtype=bool)
    # Memory of (s, y, ρ = 1/sᵀy) per column; ρ = 0 marks a pair that is not used.
    pairs = []
    # The first step is scaled so that it moves θ by at most 1.
    gamma = 1.0 / np.maximum(1.0, np.linalg.norm(gradient, axis=0))

    for _ in range(max_iter):
        columns = np.flatnonzero(~converged & ~stalled)
        if len(columns) == 0:
            break
        g = gradient[:, columns]
        f = cost[columns]

        # Two-loop recursion: direction = −H ∇J without ever forming H.
        q = g.copy()
        alphas = []
        for s, y, rho in reversed(pairs):
            a = rho[columns] * np.sum(s[:, columns] * q, axis=0)
            q -= a * y[:, columns]
            alphas.append(a)
        r = gamma[columns] * q
        for (s, y, rho), a in zip(pairs, reversed(alphas), strict=True):
            b = rho[columns] * np.sum(y[:, columns] * r, axis=0)
            r += s[:, columns] * (a - b)
        direction = -r
        slope = np.sum(g * direction, axis=0)
        # Not a descent direction (should not happen on a convex cost, but rounding can):
        # fall back to steepest descent and forget the memory of that column.
        bad = slope >= 0
        if bad.any():
            direction[:, bad] = -g[:, bad] * gamma[columns[bad]]
            slope[bad] = np.sum(g[:, bad] * direction[:, bad], axis=0)
            for _s, _y, rho in pairs:
                rho[columns[bad]] = 0.0

        # Backtracking line search, each column with its own step t.
        step = np.ones(len(columns))
        new_theta = np.empty_like(g)
        new_cost = np.empty(len(columns))
        new_gradient = np.empty_like(g)
        pending = np.arange(len(columns))
        for _ in range(40):
            trial = theta[:, columns[pending]] + step[pending] * direction[:, pending]
            c, gr = fun(trial, columns[pending])
            ok = c <= f[pending] + 1e-4 * step[pending] * slope[pending]
            done = pending[ok]
            new_theta[:, done] = trial[:, ok]
            new_cost[done] = c[ok]
            new_gradient[:, done] = gr[:, ok]
            pending = pending[~ok]
            if len(pending) == 0:
                break
            step[pending] *= 0.5
        # A column whose cost cannot be lowered any more is at the limit of floating-point
        # precision: keep its last point and stop it.
        if len(pending):
            stalled[columns[pending]] = True
            accepted = np.setdiff1d(np.arange(len(columns)), pending)
        else:
            accepted = np.arange(len(columns))
        moved = columns[accepted]

        s_new = np.zeros((n_params, n_columns))
        y_new = np.zeros((n_params, n_columns))
        s_new[:, moved] = new_theta[:, accepted] - theta[:, moved]
        y_new[:, moved] = new_gradient[:, accepted] - gradient[:, moved]
        sy = np.sum(s_new * y_new, axis=0)
        yy = np.sum(y_new * y_new, axis=0)
        # Keep a pair only where the cost curved upwards along the step (sᵀy > 0);
        # otherwise the inverse-Hessian estimate would stop being positive definite.
        useful = sy > 1e-10 * np.sqrt(np.sum(s_new * s_new, axis=0) * yy)
        rho_new = np.zeros(n_columns)
        rho_new[useful] = 1.0 / sy[useful]
        gamma[useful] = sy[useful] / yy[useful]
        pairs.append((s_new, y_new, rho_new))
        if len(pairs) > memory:
            pairs.pop(0)

        theta[:, moved] = new_theta[:, accepted]
        cost[moved] = new_cost[accepted]
        gradient[:, moved] = new_gradient[:, accepted]
        for column in moved:
            history[column].append(cost[column])
        n_iter[moved] += 1
        converged[moved] = np.abs(gradient[:, moved]).max(axis=0) <= tol
    return theta, history, n_iter, converged | stalled


# --------------------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------------------


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression classifier for two or more classes, trained from scratch.

    Parameters
    ----------
    multi_class : {"ovr", "softmax"}, default="ovr"
        ``"ovr"`` (one-vs-all, as the course teaches): one sigmoid classifier per class,
        "this class vs all others"; the predicted class is the most confident one.
        ``"softmax"``: one multinomial model whose class probabilities sum to 1 by
        construction. With two classes, ``"ovr"`` trains a single classifier.
    solver : {"lbfgs", "gradient_descent"}, default="lbfgs"
        ``"gradient_descent"`` is the course's batch gradient descent with a fixed
        ``learning_rate``. ``"lbfgs"`` is limited-memory BFGS with a line search, written
        here with NumPy; it needs no learning rate and reaches the minimum in far fewer
        steps, so it is the default.
    learning_rate : float, default=0.1
        Step size α of gradient descent (ignored by ``"lbfgs"``).
    regularization : float, default=50.0
        λ in the penalty λ/(2m) Σ_{j≥1} θ_j² (θ₀ is not penalized). Matches
        scikit-learn's ``C = 1/λ``.
    max_iter : int, default=1000
        Largest number of steps per classifier.
    tol : float, default=1e-4
        Stop when the largest component of the gradient of J is at most ``tol``.
    polynomial_degree : int, default=1
        Expand the features to all monomials up to this degree (1 = plain features).
    sinusoid_degree : int, default=0
        Add sin(k·x) features for k = 1 … this degree (0 = none).
    normalize : bool, default=True
        Standardize features before and after the expansion (statistics from ``fit``).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted; any label type (strings too).
    coef_ : ndarray of shape (n_models, n_features_expanded)
        θ₁ … θₙ of each classifier on the (expanded, standardized) features. ``n_models``
        is 1 for a two-class one-vs-all problem, else the number of classes.
    intercept_ : ndarray of shape (n_models,)
        θ₀ of each classifier.
    cost_history_ : list of ndarray
        One array per trained model (one per class for one-vs-all with three or more
        classes): the cost J before the first step and after each step.
    n_iter_ : ndarray of shape (n_models,)
        Steps taken by each model.
    n_features_in_ : int
        Number of columns of ``X`` seen in ``fit``.
    feature_map_ : FeatureMap
        The fitted standardize → expand → standardize pipeline.
    """

    def __init__(
        self,
        multi_class="ovr",
        solver="lbfgs",
        learning_rate=0.1,
        regularization=50.0,
        max_iter=1000,
        tol=1e-4,
        polynomial_degree=1,
        sinusoid_degree=0,
        normalize=True,
    ):
        self.multi_class = multi_class
        self.solver = solver
        self.learning_rate = learning_rate
        self.regularization = regularization
        self.max_iter = max_iter
        self.tol = tol
        self.polynomial_degree = polynomial_degree
        self.sinusoid_degree = sinusoid_degree
        self.normalize = normalize

    def _check_params(self):
        check_option(self.multi_class, "multi_class", ("ovr", "softmax"))
        check_option(self.solver, "solver", ("lbfgs", "gradient_descent"))
        check_scalar(self.learning_rate, "learning_rate", float, low=0, low_inclusive=False)
        check_scalar(self.regularization, "regularization", float, low=0)
        check_scalar(self.max_iter, "max_iter", int, low=1)
        check_scalar(self.tol, "tol", float, low=0)
        check_scalar(self.polynomial_degree, "polynomial_degree", int, low=1)
        check_scalar(self.sinusoid_degree, "sinusoid_degree", int, low=0)
        if not isinstance(self.normalize, (bool, np.bool_)):
            raise TypeError(f"normalize must be True or False, got {self.normalize!r}.")

    def _design_matrix(self, X):
        Z = self.feature_map_.transform(X)
        return np.hstack([np.ones((len(Z), 1)), Z])

    def fit(self, X, y):
        """Learn θ for every class from the rows of ``X`` and their labels ``y``."""
        self._check_params()
        X, y = check_X_y(X, y, estimator=self, numeric_y=False)
        self.classes_, y_index = check_classification_targets(y, estimator=self)
        self.n_features_in_ = X.shape[1]
        self.feature_map_ = FeatureMap(
            polynomial_degree=self.polynomial_degree,
            sinusoid_degree=self.sinusoid_degree,
            normalize=self.normalize,
        ).fit(X)
        Xb = self._design_matrix(X)
        n_classes = len(self.classes_)
        one_hot = np.eye(n_classes)[y_index]
        lam = float(self.regularization)

        if self.multi_class == "softmax":
            shape = (Xb.shape[1], n_classes)

            def fun(flat, _columns):
                cost, gradient = softmax_cost_gradient(flat.reshape(shape), Xb, one_hot, lam)
                return np.array([cost]), gradient.reshape(-1, 1)

            theta0 = np.zeros((shape[0] * shape[1], 1))
        else:
            # Two classes need one classifier: "class 1 vs class 0".
            targets = one_hot[:, 1:] if n_classes == 2 else one_hot

            def fun(theta, columns):
                return sigmoid_cost_gradient(theta, Xb, targets[:, columns], lam)

            theta0 = np.zeros((Xb.shape[1], targets.shape[1]))

        if self.solver == "lbfgs":
            theta, history, n_iter, converged = _lbfgs(fun, theta0, self.max_iter, self.tol)
        else:
            theta, history, n_iter, converged = _gradient_descent(
                fun, theta0, self.learning_rate, self.max_iter, self.tol
            )
        if not converged.all():
            hint = (
                "a larger learning_rate, " if self.solver == "gradient_descent" else ""
            )
            warnings.warn(
                f"LogisticRegression ({self.solver}) did not converge in "
                f"max_iter={self.max_iter} steps: the gradient is still above "
                f"tol={self.tol}. Try {hint}a larger max_iter or a larger regularization.",
                ConvergenceWarning,
                stacklevel=2,
            )
        if self.multi_class == "softmax":
            theta = theta.reshape(shape)
        self.intercept_ = theta[0].copy()
        self.coef_ = np.ascontiguousarray(theta[1:].T)
        self.cost_history_ = [np.asarray(h) for h in history]
        self.n_iter_ = n_iter
        return self

    def _validated(self, X):
        check_is_fitted(self)
        X = check_array(X, estimator=self)
        check_n_features(self, X)
        return X

    def _raw_scores(self, X):
        # z = θ₀ + Σ θ_j x_j for every model, shape (m, n_models).
        Z = self.feature_map_.transform(X)
        return Z @ self.coef_.T + self.intercept_

    def decision_function(self, X):
        """Confidence scores z = θᵀx. Shape (m,) for two classes (positive means
        ``classes_[1]``), else (m, n_classes), one column per class."""
        X = self._validated(X)
        Z = self._raw_scores(X)
        if Z.shape[1] == 1:
            return Z[:, 0]
        if len(self.classes_) == 2:
            # Two-class softmax: only the difference of the two scores matters.
            return Z[:, 1] - Z[:, 0]
        return Z

    def _log_proba(self, Z):
        if Z.shape[1] == 1:
            return np.column_stack([log_sigmoid(-Z[:, 0]), log_sigmoid(Z[:, 0])])
        if self.multi_class == "softmax":
            return log_softmax(Z)
        # One-vs-all: K independent sigmoids need not sum to 1, so they are divided by
        # their sum -- in log space, so that K tiny sigmoids do not turn into 0/0.
        return log_softmax(log_sigmoid(Z))

    def predict_proba(self, X):
        """Class probabilities, shape (m, n_classes), each row summing to 1.

        For one-vs-all with three or more classes, the K sigmoids σ(θ_kᵀx) are divided by
        their sum.
        """
        X = self._validated(X)
        return np.exp(self._log_proba(self._raw_scores(X)))

    def predict_log_proba(self, X):
        """Logarithm of ``predict_proba``, computed without taking the log of 0."""
        X = self._validated(X)
        return self._log_proba(self._raw_scores(X))

    def predict(self, X):
        """The most likely class of every row of ``X``."""
        X = self._validated(X)
        Z = self._raw_scores(X)
        if Z.shape[1] == 1:
            return self.classes_[(Z[:, 0] > 0).astype(int)]
        return self.classes_[np.argmax(Z, axis=1)]

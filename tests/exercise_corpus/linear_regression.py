"""Learner functions for the linear regression exercises."""

import math

import numpy as np
import pandas as pd
import scipy.linalg

from exercise_corpus import CHANGED_INPUT, Corpus

corpus = Corpus()
COST, GRADIENT = "linear_regression.cost", "linear_regression.gradient"
DESCENT, SCALE = "linear_regression.gradient_descent", "linear_regression.standardize"
NORMAL = "linear_regression.normal_equation"
THETA0 = ("θ₀", "theta[1:]", "intercept", "bias")

# ------------------------------------------------------------------------------- cost


@corpus.correct(COST)
def cost_loop(theta, X, y, regularization):
    total = 0.0
    for i in range(len(y)):
        total += (X[i] @ theta - y[i]) ** 2
    return (total + regularization * sum(t**2 for t in theta[1:])) / (2 * len(y))


@corpus.correct(COST)
def cost_mean_and_sum(theta, X, y, regularization):
    m = len(y)
    return np.mean((X @ theta - y) ** 2) / 2 + regularization / (2 * m) * np.sum(theta[1:] ** 2)


@corpus.correct(COST)
def cost_renamed(t, features, targets, lambda_):
    r = features.dot(t) - targets
    return float(r.dot(r) + lambda_ * t[1:].dot(t[1:])) / (2 * targets.size)


@corpus.correct(COST)
def cost_norm_einsum(theta, X, y, regularization):
    r = np.einsum("ij,j->i", X, theta) - y
    return (np.linalg.norm(r) ** 2 + regularization * np.linalg.norm(theta[1:]) ** 2) / (2 * len(y))


@corpus.correct(COST)
def cost_fsum(theta, X, y, regularization):
    squares = ((X @ theta - y) ** 2).tolist() + (regularization * theta[1:] ** 2).tolist()
    return math.fsum(squares) / (2 * len(y))


@corpus.wrong(COST, *THETA0)
def cost_penalizes_theta0(theta, X, y, regularization):
    r = X @ theta - y
    return (r @ r + regularization * theta @ theta) / (2 * len(y))


@corpus.wrong(COST, "2m", "½", "half", "factor 2", "factor of 2", "twice")
def cost_over_m(theta, X, y, regularization):
    r = X @ theta - y
    return (r @ r + regularization * theta[1:] @ theta[1:]) / len(y)


# The original trekhleb repository's own bug: (1 / 2 * m) is m/2 (issue 18 item 3).
@corpus.wrong(COST, "parenthes", "1 / 2 * m", "m/2", "m / 2", "(1 / 2) · m", "m²")
def cost_half_times_m(theta, X, y, regularization):
    m = len(y)
    r = X @ theta - y
    return (1 / 2 * m) * (np.sum(r**2) + regularization * np.sum(theta[1:] ** 2))


@corpus.wrong(COST, "penalty", "λ", "regulariz")
def cost_no_penalty(theta, X, y, regularization):
    return np.sum((X @ theta - y) ** 2) / (2 * len(y))


@corpus.wrong(COST, "λ/(2m)", "penalty", "2m", "½", "half", "factor 2")
def cost_penalty_over_m(theta, X, y, regularization):
    m = len(y)
    return np.sum((X @ theta - y) ** 2) / (2 * m) + regularization / m * np.sum(theta[1:] ** 2)


# Octave's sum(X*theta - y)^2 squares the sum, not each residual.
@corpus.wrong(COST, "sum of squares", "square of the sum", "each residual", "squared residual")
def cost_square_of_sum(theta, X, y, regularization):
    m = len(y)
    return (np.sum(X @ theta - y) ** 2 + regularization * np.sum(theta[1:] ** 2)) / (2 * m)


@corpus.wrong(COST, *CHANGED_INPUT)
def cost_zeroes_callers_theta0(theta, X, y, regularization):
    r = X @ theta - y
    weights = theta  # an alias, not a copy
    weights[0] = 0.0
    return (r @ r + regularization * weights @ weights) / (2 * len(y))


@corpus.wrong(COST, "broadcast", "(m, 1)", "column vector", "shape (m,")
def cost_y_as_column(theta, X, y, regularization):
    r = X @ theta - y.reshape(-1, 1)  # (m,) − (m, 1) is an m × m table
    return (np.sum(r**2) + regularization * np.sum(theta[1:] ** 2)) / (2 * len(y))


@corpus.wrong(COST, "shape", "(1, 1)", "scalar", "a float", "a number")
def cost_one_by_one(theta, X, y, regularization):
    r = (X @ theta - y).reshape(-1, 1)  # the Octave habit: column vectors
    t = theta[1:].reshape(-1, 1)
    return (r.T @ r + regularization * t.T @ t) / (2 * len(y))


# --------------------------------------------------------------------------- gradient


@corpus.correct(GRADIENT)
def gradient_per_component(theta, X, y, regularization):
    m, residual = len(y), X @ theta - y
    g = np.zeros_like(theta)
    for j in range(len(theta)):
        g[j] = np.sum(residual * X[:, j]) / m
        if j > 0:
            g[j] += regularization / m * theta[j]
    return g


@corpus.correct(GRADIENT)
def gradient_r_(theta, X, y, regularization):
    return (X.T.dot(X.dot(theta) - y) + regularization * np.r_[0.0, theta[1:]]) / len(y)


@corpus.correct(GRADIENT)
def gradient_renamed(w, A, b, lam):
    grad = np.einsum("ij,i->j", A, A @ w - b) / len(b)
    grad[1:] += lam / len(b) * w[1:]
    return grad


@corpus.correct(GRADIENT)
def gradient_residual_first(theta, X, y, regularization):
    penalty = regularization * theta.copy()
    penalty[0] = 0
    return ((X @ theta - y) @ X + penalty) / X.shape[0]


@corpus.wrong(GRADIENT, *THETA0, "first entry")
def gradient_penalizes_theta0(theta, X, y, regularization):
    return (X.T @ (X @ theta - y) + regularization * theta) / len(y)


@corpus.wrong(GRADIENT, "sign", "y − Xθ", "Xθ − y", "opposite", "−1", "-1")
def gradient_y_minus_prediction(theta, X, y, regularization):
    return (X.T @ (y - X @ theta) + regularization * np.r_[0, theta[1:]]) / len(y)


@corpus.wrong(GRADIENT, "1/m", "divide", "mean", "factor m", "m times", "a sum where")
def gradient_not_averaged(theta, X, y, regularization):
    return X.T @ (X @ theta - y) + regularization * np.r_[0, theta[1:]]


@corpus.wrong(GRADIENT, "λ/m", "½", "half", "factor 2", "twice", "penalty")
def gradient_penalty_over_2m(theta, X, y, regularization):
    m = len(y)
    return X.T @ (X @ theta - y) / m + regularization / (2 * m) * np.r_[0, theta[1:]]


# The classic alias: "penalty = theta" then "penalty[0] = 0" zeroes the caller's θ₀.
@corpus.wrong(GRADIENT, *CHANGED_INPUT)
def gradient_alias_zeroes_theta0(theta, X, y, regularization):
    penalty = theta
    penalty[0] = 0.0
    return (X.T @ (X @ theta - y) + regularization * penalty) / len(y)


@corpus.wrong(GRADIENT, "broadcast", "(m, 1)", "column", "shape")
def gradient_y_as_column(theta, X, y, regularization):
    y = y.reshape(-1, 1)
    grad = X.T @ (X @ theta - y) / len(y)  # (n + 1, m): every row against every row
    return grad + regularization / len(y) * np.r_[0, theta[1:]][:, None]


# Stack Overflow, "Gradient Descent for Linear Regression (One Variable) in Octave": X(2)
# (one number) where the column X(:, 2) was meant.
@corpus.wrong(GRADIENT, "broadcast", "column", "X[:, j]", "shape")
def gradient_row_instead_of_column(theta, X, y, regularization):
    residual = X @ theta - y
    g = np.array([np.sum(residual * X[j]) for j in range(len(theta))]) / len(y)
    return g + regularization / len(y) * np.r_[0, theta[1:]]


# ------------------------------------------------------------------- gradient descent


def _cost(theta, X, y, lam):
    r = X @ theta - y
    return (r @ r + lam * theta[1:] @ theta[1:]) / (2 * len(y))


def _gradient(theta, X, y, lam):
    return (X.T @ (X @ theta - y) + lam * np.r_[0, theta[1:]]) / len(y)


@corpus.correct(DESCENT)
def descent_for_loop(X, y, regularization, learning_rate, max_iter, tol):
    theta = np.zeros(X.shape[1])
    history = [_cost(theta, X, y, regularization)]
    for _ in range(max_iter):
        theta = theta - learning_rate * _gradient(theta, X, y, regularization)
        history.append(_cost(theta, X, y, regularization))
        if not history[-1] <= history[-2]:  # a rise, or ∞ / NaN: α is too large
            return theta, np.array(history), "diverged"
        if history[-2] - history[-1] <= tol * history[-2]:
            return theta, np.array(history), "converged"
    return theta, np.array(history), "max_iter"


@corpus.correct(DESCENT)
def descent_while_loop(X, y, regularization, learning_rate, max_iter, tol):
    theta, steps, stop = np.zeros(X.shape[1]), 0, "max_iter"
    history = [_cost(theta, X, y, regularization)]
    while steps < max_iter:
        theta -= learning_rate * _gradient(theta, X, y, regularization)  # θ is our own array
        history.append(_cost(theta, X, y, regularization))
        steps += 1
        if history[-1] > history[-2]:
            stop = "diverged"
            break
        if history[-2] - history[-1] <= tol * history[-2]:
            stop = "converged"
            break
    return theta, history, stop


@corpus.correct(DESCENT)
def descent_renamed(features, target, lam, alpha, iterations, tolerance):
    m, theta = len(target), np.zeros(features.shape[1])
    costs = np.empty(iterations + 1)
    costs[0] = _cost(theta, features, target, lam)
    for step in range(1, iterations + 1):
        theta = theta - alpha / m * (
            features.T @ (features @ theta - target) + lam * np.r_[0, theta[1:]]
        )
        costs[step] = _cost(theta, features, target, lam)
        if costs[step] > costs[step - 1]:
            return theta, costs[: step + 1], "diverged"
        if costs[step - 1] - costs[step] <= tolerance * costs[step - 1]:
            return theta, costs[: step + 1], "converged"
    return theta, costs, "max_iter"


def _descent(X, y, lam, alpha, max_iter, tol, *, sign=-1.0, start=0.0, scale=1.0,
             simultaneous=True, use_tol=True, relative=True, record_start=True):
    """The loop, with one learner's mistake switched on by a keyword."""
    theta = np.full(X.shape[1], start)
    history = [_cost(theta, X, y, lam)] if record_start else []
    previous = _cost(theta, X, y, lam)
    for _ in range(max_iter):
        if simultaneous:
            theta = theta + sign * alpha * scale * _gradient(theta, X, y, lam)
        else:
            for j in range(len(theta)):
                theta[j] = theta[j] + sign * alpha * scale * _gradient(theta, X, y, lam)[j]
        history.append(_cost(theta, X, y, lam))
        threshold = tol * previous if relative else tol
        if use_tol and previous - history[-1] <= threshold:
            return theta, np.array(history), "converged"
        previous = history[-1]
    return theta, np.array(history), "max_iter"


@corpus.wrong(DESCENT, "uphill", "sign", "θ + α", "against the gradient", "minus")
def descent_uphill(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, sign=1.0)


# Ng's lecture "Gradient descent": the "incorrect" update, θ₀ written back before θ₁'s
# derivative is taken (simultaneous update: temp0, temp1).
@corpus.wrong(DESCENT, "simultaneous", "at once", "one component", "temp", "whole gradient")
def descent_not_simultaneous(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, simultaneous=False)


@corpus.wrong(DESCENT, "tol", "stop")
def descent_ignores_tol(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, use_tol=False)


@corpus.wrong(DESCENT, "starting cost", "J(θ = 0)", "before the first step", "initial cost",
              "first entry")
def descent_history_without_start(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, record_start=False)


@corpus.wrong(DESCENT, "relative", "times J", "tol * costs", "tol times", "× J", "tol·J")
def descent_absolute_tol(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, relative=False)


@corpus.wrong(DESCENT, "1/m", "twice", "factor m", "m times", "divided by m")
def descent_divides_by_m_twice(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, scale=1 / len(y))


@corpus.wrong(DESCENT, "θ = 0", "zeros", "start", "initial")
def descent_starts_at_ones(X, y, regularization, learning_rate, max_iter, tol):
    return _descent(X, y, regularization, learning_rate, max_iter, tol, start=1.0)


@corpus.wrong(DESCENT, "after every step", "last step", "final", "after the step")
def descent_records_before_each_step(X, y, regularization, learning_rate, max_iter, tol):
    theta, history = np.zeros(X.shape[1]), []
    for _ in range(max_iter):
        history.append(_cost(theta, X, y, regularization))
        theta = theta - learning_rate * _gradient(theta, X, y, regularization)
        if len(history) > 1 and history[-2] - history[-1] <= tol * history[-2]:
            return theta, np.array(history), "converged"
    return theta, np.array(history), "max_iter"


@corpus.wrong(DESCENT, "stop", "converged", "max_iter", "why it stopped", "reason")
def descent_without_reason(X, y, regularization, learning_rate, max_iter, tol):
    theta, history, _ = _descent(X, y, regularization, learning_rate, max_iter, tol)
    return theta, history


# -------------------------------------------------------------------- standardization


@corpus.correct(SCALE)
def standardize_by_hand(X):
    mean = X.sum(axis=0) / len(X)
    scale = np.sqrt(((X - mean) ** 2).mean(axis=0))
    scale[scale == 0] = 1.0
    return (X - mean) / scale, mean, scale


@corpus.correct(SCALE)
def standardize_pandas(X):
    frame = pd.DataFrame(X)
    mean, scale = frame.mean().to_numpy(), frame.std(ddof=0).to_numpy()
    scale = np.where(scale == 0, 1.0, scale)
    return ((frame - mean) / scale).to_numpy(), mean, scale


@corpus.correct(SCALE)
def standardize_column_loop(features):
    Z = np.empty_like(features, dtype=float)
    mu, sigma = np.empty(features.shape[1]), np.empty(features.shape[1])
    for j in range(features.shape[1]):
        column = features[:, j]
        mu[j], sigma[j] = column.mean(), column.std() or 1.0
        Z[:, j] = (column - mu[j]) / sigma[j]
    return Z, mu, sigma


# Stack Overflow 27600207, "Why does numpy std() give a different result to matlab std()?":
# Octave's std divides by m − 1, NumPy's by m.
@corpus.wrong(SCALE, "ddof", "m − 1", "m - 1", "n − 1", "N-1", "sample standard deviation")
def standardize_ddof_1(X):
    mean, scale = X.mean(axis=0), X.std(axis=0, ddof=1)
    scale = np.where(scale == 0, 1.0, scale)
    return (X - mean) / scale, mean, scale


@corpus.wrong(SCALE, "variance", "square root", "std")
def standardize_by_variance(X):
    mean, variance = X.mean(axis=0), X.var(axis=0)
    variance[variance == 0] = 1.0
    return (X - mean) / variance, mean, variance


@corpus.wrong(SCALE, "axis", "each row", "each column", "per feature")
def standardize_rows(X):
    mean = X.mean(axis=1, keepdims=True)
    scale = X.std(axis=1, keepdims=True)
    scale[scale == 0] = 1.0
    return (X - mean) / scale, mean.ravel(), scale.ravel()


@corpus.wrong(SCALE, "constant", "σ = 0", "divide by 1", "division by zero", "0/0")
def standardize_divides_by_zero(X):
    mean, scale = np.mean(X, axis=0), np.std(X, axis=0)
    return (X - mean) / scale, mean, scale


@corpus.wrong(SCALE, *CHANGED_INPUT)
def standardize_in_place(X):
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    X -= mean
    X /= scale
    return X, mean, scale


@corpus.wrong(SCALE, "return value", "three", "μ and σ", "mean and")
def standardize_returns_z_only(X):
    scale = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(scale == 0, 1, scale)


@corpus.wrong(SCALE, "range", "max − min", "standard deviation", "min-max")
def standardize_by_range(X):
    mean, spread = X.mean(axis=0), X.max(axis=0) - X.min(axis=0)
    spread[spread == 0] = 1.0
    return (X - mean) / spread, mean, spread


@corpus.wrong(SCALE, "axis", "each column", "per feature", "whole array", "every column")
def standardize_whole_array(X):
    mean, scale = X.mean(), X.std() or 1.0
    n = X.shape[1]
    return (X - mean) / scale, np.full(n, mean), np.full(n, scale)


# -------------------------------------------------------------------- normal equation


def _D(n):
    D = np.eye(n)
    D[0, 0] = 0.0
    return D


@corpus.correct(NORMAL)
def normal_solve(X, y, regularization):
    return np.linalg.solve(X.T @ X + regularization * _D(X.shape[1]), X.T @ y)


@corpus.correct(NORMAL)
def normal_pinv(X, y, regularization):
    return np.linalg.pinv(X.T @ X + regularization * _D(X.shape[1])) @ X.T @ y


@corpus.correct(NORMAL)
def normal_scipy(X, y, regularization):
    return scipy.linalg.solve(X.T @ X + regularization * _D(X.shape[1]), X.T @ y, assume_a="sym")


@corpus.correct(NORMAL)
def normal_augmented_lstsq(X, y, regularization):
    # ‖Xθ − y‖² + λ‖Dθ‖² is the least-squares problem of [X; √λ D] against [y; 0].
    n = X.shape[1]
    A = np.vstack([X, np.sqrt(regularization) * _D(n)])
    return np.linalg.lstsq(A, np.concatenate([y, np.zeros(n)]), rcond=None)[0]


@corpus.wrong(NORMAL, *THETA0, "λI", "D₀₀", "λD")
def normal_identity(X, y, regularization):
    return np.linalg.inv(X.T @ X + regularization * np.eye(X.shape[1])) @ X.T @ y


@corpus.wrong(NORMAL, "penalty", "λD", "regulariz")
def normal_no_penalty(X, y, regularization):
    return np.linalg.inv(X.T @ X) @ X.T @ y


@corpus.wrong(NORMAL, "λ/m", "factor m", "divided by m", "no 1/m", "not divided")
def normal_lambda_over_m(X, y, regularization):
    return np.linalg.solve(X.T @ X + regularization / len(y) * _D(X.shape[1]), X.T @ y)


@corpus.wrong(NORMAL, "XᵀX", "X.T @ X", "transpos", "shape")
def normal_x_xt(X, y, regularization):
    A = X @ X.T + regularization * _D(len(X))  # m × m: the samples' Gram matrix
    return X.T @ np.linalg.solve(A, y)


@corpus.wrong(NORMAL, "Xᵀy", "X.T @ y", "shape", "right-hand side")
def normal_forgets_xt_y(X, y, regularization):
    return np.linalg.solve(X.T @ X + regularization * _D(X.shape[1]), y)


@corpus.wrong(NORMAL, "n + 1", "size", "shape", "identity")
def normal_eye_of_m(X, y, regularization):
    return np.linalg.solve(X.T @ X + regularization * np.eye(len(y)), X.T @ y)


# ------------------------------------------- later additions: half-written, other sequences


@corpus.correct(SCALE)
def standardize_returns_a_list(X):
    Z, mean, scale = standardize_by_hand(X)
    return [Z, mean, scale]


@corpus.wrong(DESCENT, "partly written", "part of your function", "one branch", "still raises",
              "NotImplementedError")
def descent_half_written(X, y, regularization, learning_rate, max_iter, tol):
    theta, costs, stop = descent_for_loop(X, y, regularization, learning_rate, max_iter, tol)
    if stop == "max_iter":
        raise NotImplementedError  # what to return when max_iter runs out: later
    return theta, costs, stop


ENTRIES = corpus.entries

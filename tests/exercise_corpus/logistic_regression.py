"""Learner functions for the logistic regression exercises."""

import math

import numpy as np
import scipy.special
from sklearn.metrics import log_loss

from exercise_corpus import CHANGED_INPUT, Corpus
from homemade.logistic_regression.logistic_regression import binary_cost_gradient

corpus = Corpus()
SIGMOID, COST = "logistic_regression.sigmoid", "logistic_regression.binary_cost_gradient"
PREDICT, OVA = "logistic_regression.predict_class", "logistic_regression.one_vs_all"
THETA0 = ("θ₀", "theta[1:]", "intercept", "bias")

# ---------------------------------------------------------------------------- sigmoid


@corpus.correct(SIGMOID)
def sigmoid_textbook(z):
    return 1 / (1 + np.exp(-z))


@corpus.correct(SIGMOID)
def sigmoid_expit(z):
    return scipy.special.expit(z)


@corpus.correct(SIGMOID)
def sigmoid_tanh(x):
    return (np.tanh(x / 2) + 1) / 2


@corpus.correct(SIGMOID)
def sigmoid_two_branches(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


@corpus.correct(SIGMOID)
def sigmoid_logaddexp(z):
    return np.exp(-np.logaddexp(0, -z))


@corpus.wrong(SIGMOID, "sign", "e^(−z)", "−z", "-z", "exp(-z)")
def sigmoid_sign(z):
    return 1 / (1 + np.exp(z))


@corpus.wrong(SIGMOID, "NaN", "overflow", "large z", "inf / inf", "large")
def sigmoid_overflowing(z):
    return np.exp(z) / (1 + np.exp(z))


@corpus.wrong(SIGMOID, "1 + e", "plus", "1 + np.exp", "sign")
def sigmoid_one_minus(z):
    return 1 / (1 - np.exp(-z))


# e-learn.cn/qa/answer/741991 (an ex2 costFunction thread): a sigmoid that works on one
# number only; in Python, math.exp of an array is a TypeError.
@corpus.wrong(SIGMOID, "element-wise", "math.exp", "np.exp", "array", "vector")
def sigmoid_math_exp(z):
    return 1 / (1 + math.exp(-z))


@corpus.wrong(SIGMOID, "overflow", "math.exp", "np.exp", "large")
def sigmoid_math_exp_per_entry(z):
    z = np.asarray(z, dtype=float)
    return np.array([1 / (1 + math.exp(-v)) for v in z.ravel()]).reshape(z.shape)


@corpus.wrong(SIGMOID, "sign", "1 − g", "−z", "-z", "g(−z)")
def sigmoid_complement(z):
    return np.exp(-z) / (1 + np.exp(-z))


@corpus.wrong(SIGMOID, "round", "threshold", "probabilit", "0 or 1", "between 0 and 1")
def sigmoid_rounded(z):
    return np.round(1 / (1 + np.exp(-z)))


@corpus.wrong(SIGMOID, *CHANGED_INPUT)
def sigmoid_negates_in_place(z):
    z *= -1
    return 1 / (1 + np.exp(z))


# ------------------------------------------------------------------ cost and gradient


@corpus.correct(COST)
def cost_textbook(theta, X, y, regularization):
    # Andrew Ng's ex2 formula, as written in the course.
    m = len(y)
    h = 1 / (1 + np.exp(-X @ theta))
    J = -(y @ np.log(h) + (1 - y) @ np.log(1 - h)) / m
    J += regularization / (2 * m) * np.sum(theta[1:] ** 2)
    grad = X.T @ (h - y) / m
    grad[1:] += regularization / m * theta[1:]
    return J, grad


@corpus.correct(COST)
def cost_logaddexp(theta, X, y, regularization):
    z, m = X @ theta, len(y)
    penalty = np.r_[0.0, theta[1:]]
    J = np.mean(np.logaddexp(0, z) - y * z) + regularization / (2 * m) * penalty @ penalty
    return J, (X.T @ (scipy.special.expit(z) - y) + regularization * penalty) / m


@corpus.correct(COST)
def cost_sklearn_log_loss(w, A, labels, lam):
    m, h = len(labels), scipy.special.expit(A @ w)
    J = log_loss(labels, h, labels=[0, 1]) + lam / (2 * m) * w[1:] @ w[1:]
    return J, A.T @ (h - labels) / m + lam / m * np.concatenate([[0], w[1:]])


@corpus.correct(COST)
def cost_loop(theta, X, y, regularization):
    m, J, grad = len(y), 0.0, np.zeros(len(theta))
    for i in range(m):
        h = 1 / (1 + math.exp(-(X[i] @ theta)))
        J += -y[i] * math.log(h) - (1 - y[i]) * math.log(1 - h)
        grad += (h - y[i]) * X[i]
    J = J / m + regularization / (2 * m) * sum(t * t for t in theta[1:])
    grad[1:] += regularization * theta[1:]
    return J, grad / m


@corpus.wrong(COST, *THETA0)
def cost_penalizes_theta0(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * theta @ theta
    return J, (X.T @ (h - y) + regularization * theta) / m


@corpus.wrong(COST, "sigmoid", "g(Xθ)", "hypothesis", "h = g")
def cost_gradient_without_sigmoid(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    grad = X.T @ (X @ theta - y) / m  # linear regression's gradient
    grad[1:] += regularization / m * theta[1:]
    return J, grad


@corpus.wrong(COST, "sign", "minus", "negative", "−1/m", "log-likelihood")
def cost_log_likelihood(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    grad = X.T @ (h - y) / m
    grad[1:] += regularization / m * theta[1:]
    return J, grad


@corpus.wrong(COST, "1/m", "mean", "divide", "factor m", "m times")
def cost_summed(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.sum(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    grad = X.T @ (h - y) / m
    grad[1:] += regularization / m * theta[1:]
    return J, grad


@corpus.wrong(COST, "2m", "λ/(2m)", "½", "half", "factor 2", "penalty")
def cost_penalty_over_m(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / m * np.sum(
        theta[1:] ** 2
    )
    grad = X.T @ (h - y) / m
    grad[1:] += regularization / m * theta[1:]
    return J, grad


@corpus.wrong(COST, *CHANGED_INPUT)
def cost_zeroes_callers_theta0(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))
    grad = X.T @ (h - y) / m
    theta[0] = 0.0  # "do not regularize θ₀", on the caller's own array
    return J + regularization / (2 * m) * theta @ theta, grad + regularization / m * theta


# e-learn.cn/qa/answer/741991: hx = sigmoid(X * theta)' — a transposed hypothesis; in
# NumPy, a column y against a flat h broadcasts to an m × m table.
@corpus.wrong(COST, "broadcast", "(m, 1)", "column", "shape")
def cost_y_as_column(theta, X, y, regularization):
    m, y = len(y), y.reshape(-1, 1)
    h = scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))
    grad = X.T @ (h - y) / m
    return J + regularization / (2 * m) * np.sum(theta[1:] ** 2), grad


@corpus.wrong(COST, "sign", "+ λ/m", "plus", "penalty")
def cost_penalty_gradient_sign(theta, X, y, regularization):
    m, h = len(y), scipy.special.expit(X @ theta)
    J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * np.sum(
        theta[1:] ** 2
    )
    grad = X.T @ (h - y) / m
    grad[1:] -= regularization / m * theta[1:]
    return J, grad


# ------------------------------------------------------------------------- prediction


@corpus.correct(PREDICT)
def predict_argmax_of_sigmoid(theta, X):
    return np.argmax(scipy.special.expit(X @ theta), axis=1)


@corpus.correct(PREDICT)
def predict_softmax(theta, X):
    return scipy.special.softmax(X @ theta, axis=1).argmax(axis=1)


@corpus.correct(PREDICT)
def predict_transposed_scores(theta, X):
    return np.argmax(theta.T @ X.T, axis=0)


@corpus.correct(PREDICT)
def predict_row_loop(weights, features):
    scores = features @ weights
    return np.array([list(row).index(max(row)) for row in scores])


@corpus.wrong(PREDICT, "argmin", "largest", "argmax", "smallest")
def predict_argmin(theta, X):
    return np.argmin(X @ theta, axis=1)


@corpus.wrong(PREDICT, "½", "0.5", "first class", "most likely")
def predict_first_above_half(theta, X):
    return np.argmax(scipy.special.expit(X @ theta) >= 0.5, axis=1)


@corpus.wrong(PREDICT, "axis", "each row", "over the samples", "one class per")
def predict_wrong_axis(theta, X):
    return np.argmax(X @ theta, axis=0)


@corpus.wrong(PREDICT, "argmax", "class index", "probabilit", "one class per", "indices")
def predict_probabilities(theta, X):
    return scipy.special.expit(X @ theta)


# Octave's labels start at 1 (ex3's predictOneVsAll: [~, p] = max(...)).
@corpus.wrong(PREDICT, "+ 1", "1-based", "0-based", "off by one", "start at 0", "from 0")
def predict_one_based(theta, X):
    return np.argmax(X @ theta, axis=1) + 1


@corpus.wrong(PREDICT, "½", "0.5", "round", "most likely", "tie")
def predict_rounded_first(theta, X):
    return np.round(scipy.special.expit(X @ theta)).argmax(axis=1)


@corpus.wrong(PREDICT, "integer", "dtype", "int")
def predict_floats(theta, X):
    return np.argmax(X @ theta, axis=1).astype(float)


# ------------------------------------------------------------------------- one-vs-all


def _worst(stops):
    """The worst reason to stop among the K classifiers'."""
    stops = list(stops)
    for reason in ("diverged", "max_iter"):
        if reason in stops:
            return reason
    return "converged"


@corpus.correct(OVA)
def ova_loop(solve, X, Y, regularization):
    thetas, histories, stops = [], [], []
    for k in range(Y.shape[1]):
        theta, history, stop = solve(binary_cost_gradient, np.zeros(X.shape[1]),
                                     (X, Y[:, k], regularization))
        thetas.append(theta)
        histories.append(np.asarray(history))
        stops.append(stop)
    steps = max(len(h) for h in histories)
    total = np.zeros(steps)
    for h in histories:
        total += np.concatenate([h, np.full(steps - len(h), h[-1])])
    return np.array(thetas).T, total, _worst(stops)


@corpus.correct(OVA)
def ova_comprehension(solve, features, targets, lam):
    runs = [solve(binary_cost_gradient, np.zeros(features.shape[1]), (features, column, lam))
            for column in targets.T]
    steps = max(len(run[1]) for run in runs)
    history = sum(np.pad(np.asarray(run[1]), (0, steps - len(run[1])), mode="edge")
                  for run in runs)
    return np.column_stack([run[0] for run in runs]), history, _worst(r[2] for r in runs)


def _solve_all(solve, X, Y, regularization, targets=None):
    targets = Y.T if targets is None else targets
    return [solve(binary_cost_gradient, np.zeros(X.shape[1]), (X, t, regularization))
            for t in targets]


def _summed(histories):
    steps = max(len(h) for h in histories)
    return sum(np.pad(np.asarray(h), (0, steps - len(h)), mode="edge") for h in histories)


@corpus.wrong(OVA, "column k", "Y[:, k]", "same column", "each class")
def ova_same_column(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, regularization, targets=[Y[:, 0]] * Y.shape[1])
    return np.column_stack([r[0] for r in runs]), _summed([r[1] for r in runs]), "converged"


@corpus.wrong(OVA, "1 / 0", "0 and 1", "class number", "Y[:, k]", "yes/no")
def ova_class_numbers(solve, X, Y, regularization):
    labels = Y.argmax(axis=1).astype(float)
    runs = _solve_all(solve, X, Y, regularization, targets=[labels] * Y.shape[1])
    return np.column_stack([r[0] for r in runs]), _summed([r[1] for r in runs]), "converged"


@corpus.wrong(OVA, "history", "add up", "sum of the", "every classifier", "all K")
def ova_last_history(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, regularization)
    return np.column_stack([r[0] for r in runs]), np.asarray(runs[-1][1]), "converged"


@corpus.wrong(OVA, "transpos", "column k", "(n + 1, K)", "shape", "one column per")
def ova_rows(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, regularization)
    return np.vstack([r[0] for r in runs]), _summed([r[1] for r in runs]), "converged"


# zip() stops at the shortest history: the classifiers that ran longer lose their tail.
@corpus.wrong(OVA, "pad", "stopped early", "keeps its final", "shortest", "longest", "history")
def ova_truncated_history(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, regularization)
    history = np.array([sum(costs) for costs in zip(*[r[1] for r in runs], strict=False)])
    return np.column_stack([r[0] for r in runs]), history, "converged"


@corpus.wrong(OVA, "stop", "worst", "every classifier", "max_iter")
def ova_always_converged(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, regularization)
    return np.column_stack([r[0] for r in runs]), _summed([r[1] for r in runs]), "converged"


@corpus.wrong(OVA, "λ", "regulariz", "penalty")
def ova_unregularized(solve, X, Y, regularization):
    runs = _solve_all(solve, X, Y, 0.0)
    return np.column_stack([r[0] for r in runs]), _summed([r[1] for r in runs]), "converged"


ENTRIES = corpus.entries

"""Logistic regression exercises: the sigmoid, the regularized cost and gradient, the
prediction, and one-vs-all, in the order of ``homemade/logistic_regression/README.md``."""

from functools import partial

import numpy as np

from homemade.activations import sigmoid
from homemade.exercises._checker import Exercise, Mistake, _call, same_first_value
from homemade.features import design_matrix
from homemade.logistic_regression.logistic_regression import (
    binary_cost_gradient,
    lbfgs,
    one_vs_all,
    predict_class,
)

PAGE = "homemade/logistic_regression/README.md"


# -------------------------------------------------------------------- the sigmoid
def _sigmoid_cases(rng):
    return [
        dict(z=np.array([0.0, 2.0, -2.0])),
        dict(z=rng.normal(scale=3.0, size=7)),
        dict(z=rng.normal(scale=3.0, size=(4, 3))),
        # Far out on both sides: g must stay a number between 0 and 1.
        dict(z=np.array([-1000.0, -40.0, 40.0, 1000.0])),
        # float32 in, float32 precision out (e^89 is already ∞ in float32).
        dict(z=np.array([-100.0, -3.0, 0.5, 3.0, 100.0], dtype=np.float32)),
    ]


def _sigmoid_sign(z):
    return 1 / (1 + np.exp(z))


def _sigmoid_overflowing(z):
    return np.exp(z) / (1 + np.exp(z))


def _sigmoid_minus(z):
    with np.errstate(divide="ignore", over="ignore"):
        return 1 / (1 - np.exp(-z))


# --------------------------------------------------------- the cost and gradient
def _design(rng, m, n):
    return design_matrix(rng.normal(size=(m, n)))


def _cost_cases(rng):
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, -1.0], [1.0, 2.0]])
    cases = [
        dict(theta=np.array([0.5, -1.0]), X=X, y=np.array([1.0, 0.0, 1.0, 0.0]), regularization=1.0)
    ]
    for m, n, lam in ((6, 1, 0.5), (30, 3, 2.0), (80, 5, 0.1)):
        y = (rng.uniform(size=m) < 0.5).astype(float)
        cases.append(
            dict(theta=rng.normal(size=n + 1), X=_design(rng, m, n), y=y, regularization=lam)
        )
    return cases


def _cost_speed_case(rng):
    y = (rng.uniform(size=1_000) < 0.5).astype(float)
    return dict(theta=rng.normal(size=4), X=_design(rng, 1_000, 3), y=y, regularization=1.0)


def _cost_only(case):
    return binary_cost_gradient(**case)[0]


def _cost_regularizing_theta0(theta, X, y, regularization):
    m = len(y)
    h = sigmoid(X @ theta)
    cost = (
        -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h)) + regularization / (2 * m) * theta @ theta
    )
    return cost, (X.T @ (h - y) + regularization * theta) / m


def _gradient_without_sigmoid(theta, X, y, regularization):
    cost, _ = binary_cost_gradient(theta, X, y, regularization)
    penalty = regularization * theta
    penalty[0] = 0.0
    return cost, (X.T @ (X @ theta - y) + penalty) / len(y)


def _cost_sign(theta, X, y, regularization):
    cost, gradient = binary_cost_gradient(theta, X, y, regularization)
    m = len(y)
    return -cost + regularization / m * theta[1:] @ theta[1:], gradient


def _cost_y_as_column(theta, X, y, regularization):
    h, y = sigmoid(X @ theta), y.reshape(-1, 1)  # (m,) with (m, 1): an m × m table
    with np.errstate(divide="ignore", invalid="ignore"):
        J = -np.mean(y * np.log(h) + (1 - y) * np.log(1 - h))
    penalty = regularization / (2 * len(y)) * theta[1:] @ theta[1:]
    return J + penalty, X.T @ (h - y) / len(y)


def _same_gradient_as(wrong):
    """Recognise a mistake by the gradient alone: learners write the cost many ways."""

    def recognise(function, cases):
        return all(
            np.allclose(np.asarray(_call(function, c)[1], dtype=float), _call(wrong, c)[1])
            for c in cases
        )

    return recognise


# ------------------------------------------------------------------ the prediction
def _predict_cases(rng):
    X = np.array([[1.0, 0.0], [1.0, 3.0], [1.0, -3.0]])
    theta = np.array([[0.0, 0.5, 0.2], [0.0, 1.0, -1.0]])  # scores 0, 0.5, 0.2 at x = 0
    cases = [dict(theta=theta, X=X)]
    for m, n, k in ((5, 1, 2), (40, 3, 3), (100, 6, 10)):
        cases.append(dict(theta=rng.normal(size=(n + 1, k)), X=_design(rng, m, n)))
    return cases


def _predict_argmin(theta, X):
    return np.argmin(X @ theta, axis=1)


def _predict_first_above_half(theta, X):
    return np.argmax(sigmoid(X @ theta) >= 0.5, axis=1)


def _predict_wrong_axis(theta, X):
    return np.argmax(X @ theta, axis=0)


# --------------------------------------------------------------------- one-vs-all
def _one_vs_all_cases(rng):
    solve = partial(lbfgs, max_iter=200, tol=1e-10)
    cases = []
    for m, n, k in ((12, 1, 2), (40, 2, 3), (90, 4, 4)):
        labels = np.concatenate([np.arange(k), rng.integers(k, size=m - k)])
        Y = (labels[:, None] == np.arange(k)).astype(float)
        X = _design(rng, m, n) + Y @ rng.normal(scale=2.0, size=(k, n + 1)) * np.r_[0, np.ones(n)]
        cases.append(dict(solve=solve, X=X, Y=Y, regularization=1.0))
    # A solver cut short: the classifiers stop after different numbers of steps (the
    # history pads the shorter ones with their final cost), and the worst stop is returned.
    cases.append({**cases[-1], "solve": partial(lbfgs, max_iter=3, tol=1e-10)})
    return cases


def _one_vs_all_same_column(solve, X, Y, regularization):
    return one_vs_all(solve, X, np.repeat(Y[:, :1], Y.shape[1], axis=1), regularization)


def _one_vs_all_class_index(solve, X, Y, regularization):
    thetas, final = [], 0.0
    labels = Y.argmax(axis=1).astype(float)
    for _ in range(Y.shape[1]):
        theta, history, _ = solve(
            binary_cost_gradient, np.zeros(X.shape[1]), (X, labels, regularization)
        )
        thetas.append(theta)
        final += history[-1]
    return np.column_stack(thetas), np.array([final]), "converged"


def _one_vs_all_last_history(solve, X, Y, regularization):
    theta, _, stop = one_vs_all(solve, X, Y, regularization)
    _, history, _ = solve(binary_cost_gradient, np.zeros(X.shape[1]), (X, Y[:, -1], regularization))
    return theta, np.asarray(history), stop


_REGULARIZING_THETA0 = (
    "regularizing θ₀: the intercept is not penalized",
    "the penalty sums θ₁ … θₙ only: use theta[1:] (and leave the gradient's first entry alone).",
)

EXERCISES = [
    Exercise(
        name="logistic_regression.sigmoid",
        reference=sigmoid,
        cases=_sigmoid_cases,
        page=f"{PAGE}, section 'Hypothesis'",
        mistakes=[
            Mistake(
                "the sign in the exponent: 1 / (1 + e^z)",
                "g(z) = 1 / (1 + e^(−z)): g(2) is about 0.88, above ½.",
                _sigmoid_sign,
            ),
            Mistake(
                "e^z / (1 + e^z), which is NaN for large z (inf / inf)",
                "write it as 1 / (1 + np.exp(-z)): for large z that is 1 / (1 + 0) = 1.",
                _sigmoid_overflowing,
            ),
            Mistake(
                "1 − e^(−z) in the denominator where the formula has 1 + e^(−z)",
                "g(z) = 1 / (1 + np.exp(-z)): with a minus, g(0) divides by zero.",
                _sigmoid_minus,
            ),
        ],
    ),
    Exercise(
        name="logistic_regression.binary_cost_gradient",
        reference=binary_cost_gradient,
        cases=_cost_cases,
        page=f"{PAGE}, sections 'Cost: the log-loss' and 'Gradient'",
        gradient_of=lambda **case: _cost_only(case),
        gradient_index=1,
        speed_case=_cost_speed_case,
        mistakes=[
            Mistake(*_REGULARIZING_THETA0, _cost_regularizing_theta0),
            Mistake(
                "forgetting the sigmoid in the hypothesis: Xθ − y in the gradient",
                "the hypothesis is h = g(Xθ): the gradient is 1/m·Xᵀ(g(Xθ) − y) + λ/m·θ.",
                _gradient_without_sigmoid,
                recognise=_same_gradient_as(_gradient_without_sigmoid),
            ),
            Mistake(
                "the log-likelihood instead of its negative",
                "J = −1/m Σ [y log h + (1 − y) log(1 − h)]: the minus sign makes it a cost.",
                _cost_sign,
                recognise=same_first_value(_cost_sign),
            ),
            Mistake(
                "y as a column: h of shape (m,) with y of shape (m, 1) makes an m × m table",
                "keep y 1-D, like h = sigmoid(X @ theta): broadcasting (m,) against (m, 1) "
                "pairs every prediction with every label; y.ravel() undoes a reshape(-1, 1).",
                _cost_y_as_column,
                recognise=same_first_value(_cost_y_as_column),
            ),
        ],
    ),
    Exercise(
        name="logistic_regression.predict_class",
        reference=predict_class,
        cases=_predict_cases,
        page=f"{PAGE}, section 'More than two classes'",
        mistakes=[
            Mistake(
                "argmin instead of argmax",
                "the predicted class has the largest score θ⁽ᵏ⁾ᵀx.",
                _predict_argmin,
            ),
            Mistake(
                "the first class whose g(θ⁽ᵏ⁾ᵀx) ≥ ½ instead of the most likely one",
                "compare the K classifiers with each other: the argmax of X @ theta.",
                _predict_first_above_half,
            ),
            Mistake(
                "the argmax over the wrong axis (over the samples)",
                "one class per sample: the maximum along each row, axis=1.",
                _predict_wrong_axis,
            ),
        ],
    ),
    Exercise(
        name="logistic_regression.one_vs_all",
        reference=one_vs_all,
        cases=_one_vs_all_cases,
        rtol=1e-6,
        page=f"{PAGE}, section 'More than two classes'",
        mistakes=[
            Mistake(
                "the same yes/no column for every class",
                "classifier k learns column k of Y: Y[:, k].",
                _one_vs_all_same_column,
            ),
            Mistake(
                "the class number as the target instead of 1 / 0",
                "each classifier sees 1 for its class and 0 for all others: Y[:, k].",
                _one_vs_all_class_index,
            ),
            Mistake(
                "the cost history of the last classifier only",
                "add up the K classifiers' histories (a finished one keeps its final cost).",
                _one_vs_all_last_history,
            ),
        ],
    ),
]

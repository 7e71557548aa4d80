"""The gradient-descent exercise of linear regression: the loop, its history of costs,
and its stop word ("converged", "max_iter" or "diverged")."""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.features import design_matrix
from homemade.linear_regression.linear_regression import cost, gradient, gradient_descent

PAGE = "homemade/linear_regression/README.md"


def _design(rng, m, n):
    return design_matrix(rng.normal(size=(m, n)))


def _gd_cases(rng):
    cases = []
    for m, n, lam, alpha in ((10, 1, 0.0, 0.1), (30, 3, 1.0, 0.05), (60, 5, 0.3, 0.1)):
        X = _design(rng, m, n)
        y = X @ rng.normal(size=n + 1) + 0.1 * rng.normal(size=m)
        cases.append(dict(X=X, y=y, regularization=lam, learning_rate=alpha, max_iter=40, tol=0.0))
    # tol stops the descent long before max_iter: the loop must test it after every step.
    X = _design(rng, 40, 2)
    y = X @ np.array([1.0, 2.0, -1.0]) + 0.1 * rng.normal(size=40)
    cases.append(dict(X=X, y=y, regularization=0.0, learning_rate=0.1, max_iter=5000, tol=1e-6))
    # α far above 2/ν_max: J rises at the first step, and the descent must say "diverged".
    X = _design(rng, 20, 2)
    y = X @ np.array([1.0, 2.0, -1.0])
    cases.append(dict(X=X, y=y, regularization=0.0, learning_rate=5.0, max_iter=40, tol=1e-6))
    return cases


def _gd_rise_converged(X, y, regularization, learning_rate, max_iter, tol):
    # The tol test first: a rise is a fall of less than tol·J, so it reads as converged.
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    for _ in range(max_iter):
        theta = theta - learning_rate * gradient(theta, X, y, regularization)
        costs.append(cost(theta, X, y, regularization))
        if costs[-2] - costs[-1] <= tol * costs[-2]:
            return theta, np.array(costs), "converged"
    return theta, np.array(costs), "max_iter"


def _gd_never_diverged(X, y, regularization, learning_rate, max_iter, tol):
    # |fall| <= tol·J: a rise is a large |fall|, so the loop runs on to max_iter.
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    with np.errstate(all="ignore"):
        for _ in range(max_iter):
            theta = theta - learning_rate * gradient(theta, X, y, regularization)
            costs.append(cost(theta, X, y, regularization))
            if abs(costs[-2] - costs[-1]) <= tol * costs[-2]:
                return theta, np.array(costs), "converged"
    return theta, np.array(costs), "max_iter"


def _recognise_stop_on_divergence(wrong_stop):
    """Right on every case that does not diverge; on the one that does, the stop word
    ``wrong_stop`` where the library says "diverged"."""

    def recognise(function, cases):
        seen = False
        for case in cases:
            got, expected = _call(function, case), gradient_descent(**case)
            if expected[2] == "diverged":
                if not isinstance(got, tuple) or len(got) != 3 or got[2] != wrong_stop:
                    return False
                seen = True
            elif not (
                isinstance(got, tuple)
                and len(got) == 3
                and got[2] == expected[2]
                and np.allclose(got[0], expected[0])
            ):
                return False
        return seen

    return recognise


def _gd_uphill(X, y, regularization, learning_rate, max_iter, tol):
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    for _ in range(max_iter):
        theta = theta + learning_rate * gradient(theta, X, y, regularization)
        costs.append(cost(theta, X, y, regularization))
    return theta, np.array(costs), "max_iter"


def _gd_one_component_at_a_time(X, y, regularization, learning_rate, max_iter, tol):
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    for _ in range(max_iter):
        for j in range(len(theta)):  # θⱼ is updated with the already-updated θ₀ … θⱼ₋₁
            theta[j] -= learning_rate * gradient(theta, X, y, regularization)[j]
        costs.append(cost(theta, X, y, regularization))
        if costs[-2] - costs[-1] <= tol * costs[-2]:
            return theta, np.array(costs), "converged"
    return theta, np.array(costs), "max_iter"


def _gd_ignoring_tol(X, y, regularization, learning_rate, max_iter, tol):
    theta = np.zeros(X.shape[1])
    costs = [cost(theta, X, y, regularization)]
    for _ in range(max_iter):
        theta = theta - learning_rate * gradient(theta, X, y, regularization)
        costs.append(cost(theta, X, y, regularization))
    return theta, np.array(costs), "max_iter"


def _gd_history_without_start(X, y, regularization, learning_rate, max_iter, tol):
    theta, costs, stop = gradient_descent(X, y, regularization, learning_rate, max_iter, tol)
    return theta, costs[1:], stop


EXERCISES = [
    Exercise(
        name="linear_regression.gradient_descent",
        reference=gradient_descent,
        cases=_gd_cases,
        page=f"{PAGE}, section 'The algorithm step by step'",
        rtol=1e-6,
        mistakes=[
            Mistake(
                "stepping uphill: θ + α∇J",
                "the step goes against the gradient: theta = theta - learning_rate * grad.",
                _gd_uphill,
            ),
            Mistake(
                "updating θ one component at a time",
                "compute the whole gradient first, then update every θⱼ at once "
                "(theta = theta - learning_rate * gradient(theta, ...)).",
                _gd_one_component_at_a_time,
            ),
            Mistake(
                "never stopping at tol",
                "after every step, stop once costs[-2] - costs[-1] <= tol * costs[-2].",
                _gd_ignoring_tol,
            ),
            Mistake(
                "a cost history without the starting cost",
                "record J(θ = 0) before the first step, then J after every step.",
                _gd_history_without_start,
            ),
            Mistake(
                "a rise of the cost taken for convergence: the tol test before the divergence test",
                "a rise is a negative fall, which is below tol·J too: test for a rise "
                "(divergence) first, then stop at tol.",
                _gd_rise_converged,
                recognise=_recognise_stop_on_divergence("converged"),
            ),
            Mistake(
                "never saying 'diverged': a cost that rises runs on to max_iter",
                "after each step, if J rose (beyond rounding: homemade.descent.diverged), "
                "return θ, the history and 'diverged': α is too large.",
                _gd_never_diverged,
                recognise=_recognise_stop_on_divergence("max_iter"),
            ),
        ],
    ),
]

"""Linear regression exercises: the cost, its gradient, gradient descent, standardization
and the normal equation, in the order of ``homemade/linear_regression/README.md``.

Each mistake below is a real wrong function; ``check`` names it when a learner's function
agrees with it on every case.
"""

import numpy as np

from homemade.exercises import linear_regression_descent
from homemade.exercises._checker import Exercise, Mistake, same_first_value
from homemade.exercises.linear_regression_descent import _design
from homemade.features import standardize
from homemade.linear_regression.linear_regression import (
    cost,
    gradient,
    normal_equation,
)

PAGE = "homemade/linear_regression/README.md"


def _cost_cases(rng):
    # A hand-made case first: θ = (1, 2) on three points, λ = 1.
    X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    cases = [dict(theta=np.array([1.0, 2.0]), X=X, y=np.array([1.0, 2.0, 4.0]), regularization=1.0)]
    for m, n, lam in ((5, 1, 0.5), (20, 3, 2.0), (50, 6, 0.1)):
        X = _design(rng, m, n)
        cases.append(
            dict(theta=rng.normal(size=n + 1), X=X, y=rng.normal(size=m), regularization=lam)
        )
    return cases


def _cost_speed_case(rng):
    X = _design(rng, 1_000, 10)
    return dict(theta=rng.normal(size=11), X=X, y=rng.normal(size=1_000), regularization=1.0)


# ----------------------------------------------------------------------------- cost
def _cost_regularizing_theta0(theta, X, y, regularization):
    residual = X @ theta - y
    return (residual @ residual + regularization * theta @ theta) / (2 * len(y))


def _cost_over_m(theta, X, y, regularization):
    residual = X @ theta - y
    return (residual @ residual + regularization * theta[1:] @ theta[1:]) / len(y)


def _cost_times_m_over_2(theta, X, y, regularization):
    # The original trekhleb repository's code: (1 / 2 * m) is (1 / 2) * m in Python, i.e. m/2.
    residual = X @ theta - y
    m = len(y)
    return (1 / 2 * m) * (residual @ residual + regularization * theta[1:] @ theta[1:])


def _cost_without_penalty(theta, X, y, regularization):
    residual = X @ theta - y
    return residual @ residual / (2 * len(y))


def _cost_square_of_sum(theta, X, y, regularization):
    return (np.sum(X @ theta - y) ** 2 + regularization * theta[1:] @ theta[1:]) / (2 * len(y))


def _cost_y_as_column(theta, X, y, regularization):
    residual = X @ theta - y.reshape(-1, 1)  # (m,) − (m, 1) broadcasts to an m × m table
    return (np.sum(residual**2) + regularization * theta[1:] @ theta[1:]) / (2 * len(y))


# ------------------------------------------------------------------------- gradient
def _gradient_regularizing_theta0(theta, X, y, regularization):
    return (X.T @ (X @ theta - y) + regularization * theta) / len(y)


def _gradient_residual_sign(theta, X, y, regularization):
    penalty = regularization * theta
    penalty[0] = 0.0
    return (X.T @ (y - X @ theta) + penalty) / len(y)


def _gradient_not_averaged(theta, X, y, regularization):
    penalty = regularization * theta
    penalty[0] = 0.0
    return X.T @ (X @ theta - y) + penalty


# ------------------------------------------------------------------ standardization
def _standardize_cases(rng):
    cases = [dict(X=np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]]))]
    for m, n in ((4, 1), (25, 3), (60, 5)):
        cases.append(dict(X=rng.normal(3.0, 2.0, size=(m, n))))
    # A constant column must not divide by zero.
    cases.append(dict(X=np.column_stack([rng.normal(size=8), np.full(8, 5.0)])))
    # Whole numbers (numbers of bedrooms, as in Ng's ex1data2): Z is not.
    cases.append(dict(X=rng.integers(1, 6, size=(10, 2))))
    return cases


def _standardize_by_variance(X):
    mean, variance = X.mean(axis=0), X.var(axis=0)
    variance = np.where(variance == 0, 1.0, variance)
    return (X - mean) / variance, mean, variance


def _standardize_over_rows(X):
    mean, scale = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    scale = np.where(scale == 0, 1.0, scale)
    return (X - mean) / scale, mean.ravel(), scale.ravel()


def _standardize_zero_division(X):
    mean, scale = X.mean(axis=0), X.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X - mean) / scale, mean, scale


def _standardize_by_range(X):
    mean, spread = X.mean(axis=0), X.max(axis=0) - X.min(axis=0)
    spread = np.where(spread == 0, 1.0, spread)
    return (X - mean) / spread, mean, spread


def _standardize_whole_array(X):
    n = X.shape[1]
    return (X - X.mean()) / X.std(), np.full(n, X.mean()), np.full(n, X.std())


# ------------------------------------------------------------------ normal equation
def _normal_equation_regularizing_theta0(X, y, regularization):
    n = X.shape[1]
    return np.linalg.solve(X.T @ X + regularization * np.eye(n), X.T @ y)


def _normal_equation_without_penalty(X, y, regularization):
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _normal_equation_cases(rng):
    return [{k: c[k] for k in ("X", "y", "regularization")} for c in _cost_cases(rng)]


_Y_AS_COLUMN = "y as a column: Xθ of shape (m,) minus y of shape (m, 1) is an m × m table"
_Y_AS_COLUMN_FIX = (
    "keep y 1-D, like X @ theta: broadcasting (m,) against (m, 1) pairs every prediction "
    "with every target; y.ravel() undoes a reshape(-1, 1)."
)
_REGULARIZING_THETA0 = (
    "regularizing θ₀: the intercept is not penalized",
    "the penalty sums θ₁ … θₙ only: use theta[1:] (or set the penalty's first entry to 0).",
)

EXERCISES = [
    Exercise(
        name="linear_regression.cost",
        reference=cost,
        cases=_cost_cases,
        page=f"{PAGE}, section 'Cost'",
        speed_case=_cost_speed_case,
        mistakes=[
            Mistake(*_REGULARIZING_THETA0, _cost_regularizing_theta0),
            Mistake(
                "dividing by m where the cost needs 2m",
                "J = 1/(2m)·[Σ(h − y)² + λΣθⱼ²]: the ½ makes the gradient 1/m·Xᵀ(Xθ − y).",
                _cost_over_m,
            ),
            Mistake(
                "(1 / 2 * m), which Python reads as (1 / 2) · m (the original trekhleb "
                "repository's own bug)",
                "multiply by 1 / (2 * m): the parentheses make 2m the denominator.",
                _cost_times_m_over_2,
            ),
            Mistake(
                "leaving out the penalty λ·Σθⱼ²",
                "add regularization * theta[1:] @ theta[1:] to the sum of squares.",
                _cost_without_penalty,
            ),
            Mistake(
                "the square of the sum of the residuals, (Σ(h − y))², not the sum of squares",
                "square each residual first, then add them: residual @ residual, or "
                "np.sum(residual ** 2).",
                _cost_square_of_sum,
            ),
            Mistake(_Y_AS_COLUMN, _Y_AS_COLUMN_FIX, _cost_y_as_column),
        ],
    ),
    Exercise(
        name="linear_regression.gradient",
        reference=gradient,
        cases=_cost_cases,
        page=f"{PAGE}, section 'Gradient'",
        gradient_of=cost,
        speed_case=_cost_speed_case,
        mistakes=[
            Mistake(*_REGULARIZING_THETA0, _gradient_regularizing_theta0),
            Mistake(
                "the residual's sign: y − Xθ instead of Xθ − y",
                "∇J = 1/m·Xᵀ(Xθ − y): with y − Xθ the gradient points downhill.",
                _gradient_residual_sign,
            ),
            Mistake(
                "a sum where the gradient needs a mean",
                "divide Xᵀ(Xθ − y) + λθ by m, the number of samples.",
                _gradient_not_averaged,
            ),
        ],
    ),
    *linear_regression_descent.EXERCISES,
    Exercise(
        name="linear_regression.standardize",
        reference=standardize,
        cases=_standardize_cases,
        page=f"{PAGE}, section 'Feature scaling'",
        mistakes=[
            Mistake(
                "dividing by the variance instead of the standard deviation",
                "z = (x − μ)/σ with σ = X.std(axis=0), the square root of the variance.",
                _standardize_by_variance,
            ),
            Mistake(
                "statistics over the wrong axis (each row instead of each column)",
                "each feature is a column: X.mean(axis=0), X.std(axis=0).",
                _standardize_over_rows,
            ),
            Mistake(
                "the range max − min where the standard deviation σ divides",
                "standardize with σ = X.std(axis=0): dividing by the range (min–max scaling) "
                "makes the spread depend on the two most extreme rows.",
                _standardize_by_range,
            ),
            Mistake(
                "one mean and one σ for the whole array instead of one per feature",
                "each feature is a column with its own μ and σ: X.mean(axis=0), X.std(axis=0).",
                _standardize_whole_array,
                recognise=same_first_value(_standardize_whole_array),
            ),
            Mistake(
                "a division by zero on a constant column",
                "a column with σ = 0 carries no information: divide it by 1 instead.",
                _standardize_zero_division,
            ),
        ],
    ),
    Exercise(
        name="linear_regression.normal_equation",
        reference=normal_equation,
        cases=_normal_equation_cases,
        page=f"{PAGE}, sections 'The algorithm step by step' and 'Regularization'",
        rtol=1e-6,
        mistakes=[
            Mistake(
                "regularizing θ₀: λI where the page has λD",
                "D is the identity with D₀₀ = 0, so that the intercept is not penalized.",
                _normal_equation_regularizing_theta0,
            ),
            Mistake(
                "leaving out the penalty",
                "solve (XᵀX + λD)θ = Xᵀy, not XᵀXθ = Xᵀy.",
                _normal_equation_without_penalty,
            ),
        ],
    ),
]

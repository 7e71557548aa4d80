"""PCA exercises: the covariance matrix and the principal components
(``principal_component_analysis_components.py``), then projection and recovery (here),
choosing k and the whole recipe with feature scaling
(``principal_component_analysis_recipe.py``), in the order of
``homemade/principal_component_analysis/README.md``."""

import numpy as np

from homemade.exercises import principal_component_analysis_components as components
from homemade.exercises import principal_component_analysis_recipe as recipe
from homemade.exercises._checker import Exercise, Mistake
from homemade.exercises.principal_component_analysis_components import (
    PAGE,
    _points,
)
from homemade.principal_component_analysis.pca import (
    principal_components,
    project,
    recover,
)


# ------------------------------------------------------------------ projection, recovery
def _fitted(rng, m_fit, m, n):
    """Components fitted on m_fit points, and m other points of the same kind to project."""
    X_fit = _points(rng, m_fit, n)
    U, _ = principal_components(X_fit)
    return X_fit.mean(axis=0), U, _points(rng, m, n)


def _project_cases(rng):
    U = np.array([[0.6, -0.8], [0.8, 0.6]])
    cases = [
        dict(X=np.array([[4.0, 5.0], [1.0, 1.0], [2.0, 3.0]]), mean=np.array([1.0, 1.0]), U=U, k=1)
    ]
    for m, n, k in ((5, 3, 1), (20, 4, 2), (60, 6, 3)):
        mean, U, X = _fitted(rng, 50, m, n)
        cases.append(dict(X=X, mean=mean, U=U, k=k))
    return cases


def _project_not_centred(X, mean, U, k):
    return X @ U[:, :k]


def _project_all_components(X, mean, U, k):
    return (X - mean) @ U


def _project_rows(X, mean, U, k):
    return (X - mean) @ U[:k].T


def _project_one_too_many(X, mean, U, k):
    return (X - mean) @ U[:, : k + 1]


def _project_last_columns(X, mean, U, k):
    return (X - mean) @ U[:, -k:]


def _project_octave_columns(X, mean, U, k):
    return (X - mean) @ U[:, 1 : k + 1]


def _project_whitened(X, mean, U, k):
    Z = (X - mean) @ U[:, :k]
    return Z / Z.std(axis=0)


def _recover_cases(rng):
    cases = []
    for case in _project_cases(rng):
        cases.append(dict(Z=project(**case), mean=case["mean"], U=case["U"]))
    return cases


def _recover_without_mean(Z, mean, U):
    return Z @ U[:, : Z.shape[1]].T


def _recover_minus_mean(Z, mean, U):
    return Z @ U[:, : Z.shape[1]].T - mean


def _recover_rows(Z, mean, U):
    return Z @ U[: Z.shape[1]] + mean


def _recover_octave_columns(Z, mean, U):
    return Z @ U[:, 1 : Z.shape[1] + 1].T + mean


def _recover_last_columns(Z, mean, U):
    return Z @ U[:, -Z.shape[1] :].T + mean


_FROM_ZERO = (
    "Python counts from 0: the first k columns are U[:, :k] (Octave's 1:K is 0:K here), "
    "so u⁽¹⁾, the first component, is U[:, 0]."
)
_LARGEST_FIRST = (
    "U holds the components largest variance first: U_reduce is the first k columns, U[:, :k]."
)

EXERCISES = [
    *components.EXERCISES,
    Exercise(
        name="principal_component_analysis.project",
        reference=project,
        cases=_project_cases,
        page=f"{PAGE}, section 'Projection and recovery'",
        mistakes=[
            Mistake(
                "projecting x, not x − μ",
                "z = U_reduceᵀ(x − μ): (X - mean) @ U[:, :k].",
                _project_not_centred,
            ),
            Mistake(
                "projecting onto all the components, not the first k",
                "U_reduce is the first k columns, U[:, :k]: z has k entries, not n.",
                _project_all_components,
            ),
            Mistake(
                "the first k rows of U, not its first k columns",
                "the components are the columns of U: U_reduce = U[:, :k].",
                _project_rows,
            ),
            Mistake(
                "one component too many, k + 1",
                "U[:, :k] takes the columns 0 … k − 1, which is k of them (Octave's "
                "U(:, 1:K) is Python's U[:, :K]).",
                _project_one_too_many,
            ),
            Mistake(
                "the last k columns of U (the smallest variances)",
                _LARGEST_FIRST,
                _project_last_columns,
            ),
            Mistake(
                "U[:, 1:k + 1], Octave's U(:, 1:K) shifted by one",
                _FROM_ZERO,
                _project_octave_columns,
            ),
            Mistake(
                "projections divided by their spread (whitened)",
                "z = U_reduceᵀ(x − μ) keeps the variance along each direction: do not divide "
                "by Z.std(axis=0).",
                _project_whitened,
            ),
        ],
    ),
    Exercise(
        name="principal_component_analysis.recover",
        reference=recover,
        cases=_recover_cases,
        page=f"{PAGE}, section 'Projection and recovery'",
        mistakes=[
            Mistake(
                "recovering without adding μ back",
                "x_approx = U_reduce z + μ: add mean to Z @ U[:, :k].T.",
                _recover_without_mean,
            ),
            Mistake(
                "subtracting μ where it is added back",
                "x_approx = U_reduce z + μ: the projection took μ off, recovery adds it.",
                _recover_minus_mean,
            ),
            Mistake(
                "the first k rows of U, not its first k columns",
                "U_reduce = U[:, :k] (k = Z.shape[1]); x_approx = Z @ U_reduce.T + mean.",
                _recover_rows,
            ),
            Mistake(
                "the last k columns of U (the smallest variances)",
                _LARGEST_FIRST,
                _recover_last_columns,
            ),
            Mistake(
                "U[:, 1:k + 1], Octave's U(:, 1:K) shifted by one",
                _FROM_ZERO,
                _recover_octave_columns,
            ),
        ],
    ),
    *recipe.EXERCISES,
]

"""PCA exercises: the covariance matrix and the principal components
(``principal_component_analysis_components.py``), then projection, recovery, choosing k,
and the whole recipe with feature scaling, in the order of
``homemade/principal_component_analysis/README.md``."""

import numpy as np

from homemade.exercises import principal_component_analysis_components as components
from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.exercises.principal_component_analysis_components import (
    PAGE,
    _points,
    _turn_columns,
)
from homemade.features import standardize
from homemade.principal_component_analysis.pca import (
    choose_k,
    principal_components,
    project,
    recover,
    standardize_then_project,
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


def _recover_last_columns(Z, mean, U):
    return Z @ U[:, -Z.shape[1] :].T + mean


# ------------------------------------------------------------------------- choosing k
def _choose_k_cases(rng):
    cases = [
        dict(variances=np.array([5.0, 3.0, 1.5, 0.5]), share=0.9),
        # 2 + 1 of 4 is exactly 75 %: "at least" the share keeps k = 2.
        dict(variances=np.array([2.0, 1.0, 1.0]), share=0.75),
        dict(variances=np.array([4.0, 3.0, 2.0, 1.0]), share=1.0),
        # A total of 2: a running sum compared with the share itself stops too early.
        dict(variances=np.array([0.8, 0.6, 0.4, 0.2]), share=0.85),
    ]
    for r, share in ((6, 0.5), (20, 0.95), (100, 0.99)):
        variances = np.sort(rng.exponential(size=r) * 0.8 ** np.arange(r))[::-1]
        cases.append(dict(variances=variances, share=share))
    return cases


def _choose_k_index(variances, share):
    return int(np.argmax(np.cumsum(variances) / np.sum(variances) >= share))


def _choose_k_strictly_more(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained > share)) + 1 if share < 1 else len(variances)


def _recognise_strictly_more(function, cases):
    """Wrong only where a k keeps the share exactly, and then the next k (or none)."""
    differs = False
    for case in cases:
        got, expected = _call(function, case), choose_k(**case)
        if got == expected:
            continue
        differs = True
        retained = np.cumsum(case["variances"]) / np.sum(case["variances"])
        if retained[expected - 1] != case["share"] or (
            (retained > case["share"]).any() and got != _choose_k_strictly_more(**case)
        ):
            return False
    return differs


def _choose_k_from_the_smallest(variances, share):
    retained = np.cumsum(variances[::-1]) / np.sum(variances)
    return int(np.argmax(retained >= share)) + 1


def _choose_k_lost(variances, share):
    lost = 1 - np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(lost <= share)) + 1


def _choose_k_one_component(variances, share):
    return int(np.argmax(variances / np.sum(variances) >= share)) + 1


def _choose_k_not_divided(variances, share):
    return int(np.argmax(np.cumsum(variances) >= share)) + 1


# ----------------------------------------------------------------- feature scaling first
def _scaled_cases(rng):
    # Features in very different units (spreads near 1, 30 and 0.01 before rotating).
    cases = []
    for m, n, k in ((8, 2, 1), (30, 3, 2), (100, 4, 2)):
        units = np.array([1.0, 30.0, 0.01, 5.0])[:n]
        cases.append(dict(X=_points(rng, m, n) * units, k=k))
    return cases


def _scale_after(X, k):
    U, _ = principal_components(X)
    Z, _, _ = standardize(project(X, X.mean(axis=0), U, k))
    return Z


def _not_scaled(X, k):
    U, _ = principal_components(X)
    return project(X, X.mean(axis=0), U, k)


def _min_max_scaled(X, k):
    X_scaled = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
    U, _ = principal_components(X_scaled)
    return project(X_scaled, X_scaled.mean(axis=0), U, k)


def _scaled_per_example(X, k):
    X_scaled = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
    U, _ = principal_components(X_scaled)
    return project(X_scaled, X_scaled.mean(axis=0), U, k)


def _scaled_by_variance(X, k):
    X_scaled = (X - X.mean(axis=0)) / X.var(axis=0)
    U, _ = principal_components(X_scaled)
    return project(X_scaled, np.zeros(X.shape[1]), U, k)


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
        ],
    ),
    Exercise(
        name="principal_component_analysis.choose_k",
        reference=choose_k,
        cases=_choose_k_cases,
        page=f"{PAGE}, section 'Choosing k: the variance retained'",
        mistakes=[
            Mistake(
                "the index of that component, which is k − 1",
                "positions count from 0: the first k that keeps the share is the index + 1.",
                _choose_k_index,
            ),
            Mistake(
                "'more than' the share where 'at least' is asked",
                "keep the smallest k whose share is ≥ share: retained >= share.",
                _choose_k_strictly_more,
                recognise=_recognise_strictly_more,
            ),
            Mistake(
                "the running sum started from the smallest variance",
                "the variances come largest first, and k counts the first k of them: "
                "np.cumsum(variances), not of variances[::-1].",
                _choose_k_from_the_smallest,
            ),
            Mistake(
                "the share lost compared with the share to keep",
                "1 − retained is what is lost; keep the smallest k with retained >= share "
                "(the same as lost <= 1 − share).",
                _choose_k_lost,
            ),
            Mistake(
                "the share of one component, not of the first k together",
                "the first k keep (ν₁ + … + νₖ) / (ν₁ + … + νᵣ): np.cumsum(variances) over the "
                "total.",
                _choose_k_one_component,
            ),
            Mistake(
                "the variance itself compared with the share, not divided by the total",
                "divide the running sum by the total, np.sum(variances), to get a share.",
                _choose_k_not_divided,
            ),
        ],
    ),
    Exercise(
        name="principal_component_analysis.standardize_then_project",
        reference=standardize_then_project,
        cases=_scaled_cases,
        page=f"{PAGE}, section 'Feature scaling first'",
        align=_turn_columns,
        mistakes=[
            Mistake(
                "scaling the projections after PCA instead of the features before",
                "standardize X first, then find the components of the standardized data: "
                "scaling Z afterwards cannot change which directions were chosen in raw units.",
                _scale_after,
            ),
            Mistake(
                "PCA on the raw features, not standardized",
                "standardize each feature first, (x − μ)/σ, so that no unit outweighs another.",
                _not_scaled,
            ),
            Mistake(
                "dividing by the variance σ² where the standard deviation σ is needed",
                "standardize with σ = X.std(axis=0), the square root of the variance.",
                _scaled_by_variance,
            ),
            Mistake(
                "min–max scaling where standardizing is asked",
                "standardize: subtract the mean and divide by the standard deviation, "
                "X.std(axis=0), not by the range max − min.",
                _min_max_scaled,
            ),
            Mistake(
                "standardizing each example (axis=1), not each feature",
                "each feature (column) gets its own μ and σ, over the m examples: axis=0.",
                _scaled_per_example,
            ),
        ],
    ),
]

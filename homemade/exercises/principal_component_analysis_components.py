"""PCA exercises, part 1 (Andrew Ng's pca.m): the covariance matrix and the principal
components, with the data cases the PCA exercises share.

A principal direction is only defined up to its sign (−u is one too), so the learner's
directions, and the projections along them, are compared column by column up to a sign
(``_turn_columns``): the checker asks for the directions, not for the library's sign rule.
"""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.principal_component_analysis.pca import covariance_matrix, principal_components

PAGE = "homemade/principal_component_analysis/README.md"


# ---------------------------------------------------------------------------- the data
def _points(rng, m, n):
    """m points in n-D: correlated features of clearly different spreads (so that the
    directions are well defined), around a mean far from 0 (so that centring matters)."""
    rotation, _ = np.linalg.qr(rng.normal(size=(n, n)))
    spreads = 3.0 * 0.6 ** np.arange(n)
    return rng.normal(size=(m, n)) * spreads @ rotation + rng.uniform(2, 6, size=n)


def _data_cases(rng):
    # Centred, these four points are (±2, 0) and (0, ±1): Σ = diag(2, ½), U = I.
    cases = [dict(X=np.array([[3.0, 1.0], [1.0, 2.0], [-1.0, 1.0], [1.0, 0.0]]))]
    for m, n in ((10, 2), (40, 3), (100, 5)):
        cases.append(dict(X=_points(rng, m, n)))
    return cases


def _covariance_cases(rng):
    # Fewer examples than features as well: Σ is still n × n.
    return [*_data_cases(rng), dict(X=_points(rng, 3, 5))]


def _turn_columns(expected, got):
    """``got`` with each column times ±1 to point the way ``expected``'s does; for the
    directions (the first of two return values) or the projections. Anything that is not
    an array of ``expected``'s shape is left as it is, for the comparison to report."""
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)):  # one value: the directions alone?
            return _turn_columns(expected[0], got)
        if len(got) != len(expected):
            return got
        return (_turn_columns(expected[0], got[0]), *got[1:])
    try:
        got_array = np.asarray(got)
    except (TypeError, ValueError):
        return got
    if got_array.dtype.kind != "f" or got_array.shape != np.shape(expected) or got_array.ndim != 2:
        return got
    signs = np.where(np.sum(got_array * expected, axis=0) < 0, -1, 1).astype(got_array.dtype)
    return got_array * signs  # in the learner's own dtype: float32 stays float32


def _same_up_to_signs(expected, got):
    got = _turn_columns(expected, got)
    return np.shape(got) == np.shape(expected) and np.allclose(got, expected, rtol=1e-6, atol=1e-9)


# ---------------------------------------------------------------- the covariance matrix
def _covariance_not_centred(X):
    return X.T @ X / len(X)


def _covariance_over_m_minus_1(X):
    return np.cov(X, rowvar=False)


def _covariance_centred_by_rows(X):
    centred = X - X.mean(axis=1, keepdims=True)
    return centred.T @ centred / len(X)


def _covariance_np_cov_rows(X):
    return np.cov(X)


def _recognise_np_cov_rows(function, cases):
    """np.cov(X) with either denominator: each row read as a variable, an m × m result."""
    for case in cases:
        got = np.asarray(_call(function, case))
        X = case["X"]
        if got.shape != (len(X), len(X)) or not any(
            np.allclose(got, np.cov(X, ddof=ddof)) for ddof in (0, 1)
        ):
            return False
    return True


def _covariance_correlation(X):
    return np.corrcoef(X, rowvar=False)


def _covariance_scalar_mean(X):
    centred = X - X.mean()
    return centred.T @ centred / len(X)


def _covariance_diagonal(X):
    return X.var(axis=0)


def _covariance_of_examples(X):
    centred = X - X.mean(axis=0)
    return centred @ centred.T / len(X)


# -------------------------------------------------------------- the principal components
def _components_not_centred(X):
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt.T, s**2 / len(X)


def _components_ascending(X):
    variances, U = np.linalg.eigh(covariance_matrix(X))
    return U, variances


def _components_values_sorted_alone(X):
    variances, U = np.linalg.eigh(covariance_matrix(X))
    return U, variances[::-1]


def _components_rows_reordered(X):
    variances, U = np.linalg.eigh(covariance_matrix(X))
    order = np.argsort(variances)[::-1]
    return U[order], variances[order]


def _components_shares(X):
    _, variances = principal_components(X)
    return principal_components(X)[0], variances / variances.sum()


def _components_as_rows(X):
    U, variances = principal_components(X)
    return U.T, variances


def _recognise_rows(function, cases):
    """Each returned row, not column, is a direction (up to its sign): Vt, not V."""
    for case in cases:
        U, _ = principal_components(**case)
        got = _call(function, case)
        if not isinstance(got, (tuple, list)) or not _same_up_to_signs(U, np.transpose(got[0])):
            return False
    return True


def _components_left_vectors(X):
    W, s, _ = np.linalg.svd(X - X.mean(axis=0))
    return W, s**2 / len(X)


def _recognise_left_vectors(function, cases):
    """An m-row first return value: one row per example, as the data's W of X − μ = W S Vᵀ."""
    for case in cases:
        got = _call(function, case)
        m, n = case["X"].shape
        if not isinstance(got, (tuple, list)) or np.ndim(got[0]) != 2 or len(got[0]) != m:
            return False
    return True


def _components_singular_values(X):
    U, variances = principal_components(X)
    return U, np.sqrt(variances * len(X))


def _components_over_m_minus_1(X):
    U, variances = principal_components(X)
    return U, variances * len(X) / (len(X) - 1)


_CENTRE = "subtract μ = X.mean(axis=0) from every row first: X - X.mean(axis=0)."
_M_NOT_M_MINUS_1 = (
    "the page's Σ divides by m, as in Andrew Ng's course (np.cov divides by m − 1 unless "
    "you pass bias=True); scikit-learn's explained_variance_ is the one that uses m − 1."
)
_DIRECTIONS_AS_COLUMNS = (
    "the directions are the columns of U (one per component, n entries each): in "
    "X − μ = W S Vᵀ they are the rows of Vᵀ, so return Vt.T."
)

EXERCISES = [
    Exercise(
        name="principal_component_analysis.covariance_matrix",
        reference=covariance_matrix,
        cases=_covariance_cases,
        page=f"{PAGE}, section 'The covariance matrix'",
        mistakes=[
            Mistake("Σ of data that were not centred", _CENTRE, _covariance_not_centred),
            Mistake(
                "dividing by m − 1 where the page divides by m",
                _M_NOT_M_MINUS_1,
                _covariance_over_m_minus_1,
            ),
            Mistake(
                "μ as the mean of each example (axis=1), not of each feature",
                "μ holds one mean per feature, over the m examples: X.mean(axis=0).",
                _covariance_centred_by_rows,
            ),
            Mistake(
                "the m × m matrix of the examples, (X − μ)(X − μ)ᵀ",
                "Σ is n × n, one row and column per feature: (X − μ)ᵀ(X − μ) / m.",
                _covariance_of_examples,
            ),
            Mistake(
                "np.cov(X), which reads each row as a variable (an m × m result)",
                "np.cov(X, rowvar=False, bias=True): rowvar=False makes the columns the "
                "variables, bias=True divides by m as the page does.",
                _covariance_np_cov_rows,
                recognise=_recognise_np_cov_rows,
            ),
            Mistake(
                "the correlation matrix (np.corrcoef), each entry divided by σᵢσⱼ",
                "the covariance keeps the features' units: (X − μ)ᵀ(X − μ) / m, no division "
                "by the standard deviations (its diagonal is the variances, not 1s).",
                _covariance_correlation,
            ),
            Mistake(
                "only the variances, the diagonal of Σ",
                "Σ is n × n: its diagonal holds the variances, and the entry (j, l) the "
                "covariance of features j and l: (X − μ)ᵀ(X − μ) / m.",
                _covariance_diagonal,
            ),
            Mistake(
                "one mean of the whole array, X.mean(), instead of one per feature",
                "μ has one entry per feature: X.mean(axis=0).",
                _covariance_scalar_mean,
            ),
        ],
    ),
    Exercise(
        name="principal_component_analysis.principal_components",
        reference=principal_components,
        cases=_data_cases,
        page=f"{PAGE}, sections 'The principal components' and 'Why the SVD of the data'",
        align=_turn_columns,
        mistakes=[
            Mistake(
                "the directions of data that were not centred", _CENTRE, _components_not_centred
            ),
            Mistake(
                "the components sorted from the smallest variance (np.linalg.eigh's order)",
                "sort them from the largest: order = np.argsort(variances)[::-1], then "
                "U[:, order] and variances[order] (the SVD's s are already descending).",
                _components_ascending,
            ),
            Mistake(
                "the variances sorted from the largest, but not the directions with them",
                "reorder both with one index: order = np.argsort(variances)[::-1], then "
                "U[:, order] and variances[order].",
                _components_values_sorted_alone,
            ),
            Mistake(
                "the directions as the rows of U, not its columns",
                _DIRECTIONS_AS_COLUMNS,
                _components_as_rows,
                recognise=_recognise_rows,
            ),
            Mistake(
                "W, the data's left singular vectors (one row per example)",
                "the directions are the right singular vectors: the rows of Vᵀ in "
                "X − μ = W S Vᵀ, so U = Vt.T (or the U of the SVD of Σ, as in Ng's ex7).",
                _components_left_vectors,
                recognise=_recognise_left_vectors,
            ),
            Mistake(
                "the singular values sⱼ where the variances are asked",
                "the variance along u⁽ʲ⁾ is νⱼ = sⱼ² / m, the eigenvalue of Σ.",
                _components_singular_values,
            ),
            Mistake(
                "variances divided by m − 1 where the page divides by m",
                _M_NOT_M_MINUS_1,
                _components_over_m_minus_1,
            ),
            Mistake(
                "the rows of the eigenvector matrix reordered, U[order], not its columns",
                "each eigenvector is a column: reorder with U[:, order].",
                _components_rows_reordered,
            ),
            Mistake(
                "the shares of the variance (explained_variance_ratio_) where the variances "
                "are asked",
                "return the variance along each direction, νⱼ = sⱼ² / m, not νⱼ over their sum.",
                _components_shares,
            ),
        ],
    ),
]

"""PCA exercises, part 3: choosing k for a share of the variance, and the whole recipe
on features in different units (standardize, then PCA, then project)."""

import numbers

import numpy as np

from homemade.exercises._checker import Exercise, Mistake, _call
from homemade.exercises.principal_component_analysis_components import (
    PAGE,
    _points,
    _same_up_to_signs,
    _turn_columns,
)
from homemade.features import standardize
from homemade.principal_component_analysis.pca import (
    choose_k,
    principal_components,
    project,
    standardize_then_project,
    variance_retained,
)


# ------------------------------------------------------------------------- choosing k
def _choose_k_cases(rng):
    cases = [
        dict(variances=np.array([5.0, 3.0, 1.5, 0.5]), share=0.9),
        # 2 + 1 of 4 is exactly 75 %: "at least" the share keeps k = 2.
        dict(variances=np.array([2.0, 1.0, 1.0]), share=0.75),
        dict(variances=np.array([4.0, 3.0, 2.0, 1.0]), share=1.0),
        # A total of 2: a running sum compared with the share itself stops too early.
        dict(variances=np.array([0.8, 0.6, 0.4, 0.2]), share=0.85),
        # np.sum adds these to 51.0, the running sum to 50.99999999999999: divided by
        # np.sum, the last share is just below 1.
        dict(variances=np.array([9.8, 7.2, 6.9, 6.9, 6.5, 5.3, 3.9, 3.1, 1.4]), share=1.0),
    ]
    for r, share in ((6, 0.5), (20, 0.95), (100, 0.99)):
        variances = np.sort(rng.exponential(size=r) * 0.8 ** np.arange(r))[::-1]
        cases.append(dict(variances=variances, share=share))
    # A flat spectrum: no component keeps even 1 % alone (a percentage stops at k = 3).
    cases.append(dict(variances=np.linspace(1.0, 0.5, 300), share=0.99))
    return cases


def _choose_k_over_np_sum(variances, share):
    retained = np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained >= share)) + 1


def _recognise_over_np_sum(function, cases):
    """Right everywhere but where the share is 1 and np.sum rounds above the running sum."""
    wrong = []
    for case in cases:
        got, expected = _call(function, case), choose_k(**case)
        if got != expected:
            v = case["variances"]
            if case["share"] != 1.0 or np.cumsum(v)[-1] / np.sum(v) >= 1.0:
                return False
            wrong.append(case)
    return bool(wrong)


def _choose_k_percent(variances, share):
    retained = 100 * np.cumsum(variances) / np.sum(variances)
    return int(np.argmax(retained >= share)) + 1


def _choose_k_index(variances, share):
    return int(np.argmax(variance_retained(variances) >= share))


def _recognise_index(function, cases):
    """k − 1 wherever k > 1 (a loop from 1 that tests the first k + 1 components may still
    give 1 where k is 1); at share = 1 the np.sum rounding below may come on top of it."""
    results = [(_call(function, c), choose_k(**c), c["share"]) for c in cases]
    return all(
        isinstance(got, numbers.Integral)
        and (got == k - 1 or (k == 1 and got <= 1) or share == 1.0)
        for got, k, share in results
    ) and any(got != k for got, k, _ in results)


def _recognise_share(function, cases):
    """A fraction in (0, 1], not a count, on every case."""
    results = [_call(function, c) for c in cases]
    return all(
        isinstance(got, numbers.Real) and not isinstance(got, numbers.Integral) and 0 < got <= 1
        for got in results
    ) and any(got != int(got) for got in results)


def _choose_k_strictly_more(variances, share):
    retained = variance_retained(variances)
    return int(np.argmax(retained > share)) + 1 if share < 1 else len(variances)


def _recognise_strictly_more(function, cases):
    """Right but where a k keeps the share exactly; there the next k (any count where no k
    keeps more than the share, at share = 1)."""
    differs = False
    for case in cases:
        got, expected = _call(function, case), choose_k(**case)
        if not isinstance(got, numbers.Integral):
            return False  # None (a loop that ends without return) or not a count at all
        retained = variance_retained(case["variances"])
        if (retained > case["share"]).any() and got != _choose_k_strictly_more(**case):
            return False
        differs = differs or got != expected
    return differs


def _choose_k_share(variances, share):
    return float(variance_retained(variances)[choose_k(variances, share) - 1])


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


def _scaled_not_centred(X, k):
    X_scaled = X / X.std(axis=0)
    U, _ = principal_components(X_scaled)
    return X_scaled @ U[:, :k]


def _scaled_never_centred(X, k):
    # The directions of the uncentred data too: its SVD without subtracting μ.
    X_scaled = X / X.std(axis=0)
    _, _, Vt = np.linalg.svd(X_scaled, full_matrices=False)
    return X_scaled @ Vt[:k].T


def _like_any(*wrongs):
    """Recognise a mistake that learners make in more than one form."""

    def recognise(function, cases):
        return any(
            all(_same_up_to_signs(wrong(**c), _call(function, c)) for c in cases)
            for wrong in wrongs
        )

    return recognise


def _raw_directions(X, k):
    X_scaled, _, _ = standardize(X)
    U, _ = principal_components(X)  # found on the raw features
    return X_scaled @ U[:, :k]


def _scaled_smallest(X, k):
    X_scaled, _, _ = standardize(X)
    U, _ = principal_components(X_scaled)
    return X_scaled @ U[:, ::-1][:, :k]


def _scaled_by_one_sigma(X, k):
    X_scaled = (X - X.mean(axis=0)) / X.std()
    U, _ = principal_components(X_scaled)
    return X_scaled @ U[:, :k]


def _scaled_sample_sigma(X, k):
    X_scaled = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    U, _ = principal_components(X_scaled)
    return X_scaled @ U[:, :k]


def _scaled_returns_directions(X, k):
    X_scaled, _, _ = standardize(X)
    return principal_components(X_scaled)[0][:, :k]


def _scaled_by_variance(X, k):
    X_scaled = (X - X.mean(axis=0)) / X.var(axis=0)
    U, _ = principal_components(X_scaled)
    return project(X_scaled, np.zeros(X.shape[1]), U, k)


EXERCISES = [
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
                recognise=_recognise_index,
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
            Mistake(
                "the running sum over np.sum(variances): at share = 1 the last share rounds "
                "to 0.9999999999999999",
                "divide by the running sum's own last entry, np.cumsum(variances)[-1] (np.sum "
                "adds in another order and may round a hair higher), so that all r "
                "components keep exactly 1.",
                _choose_k_over_np_sum,
                recognise=_recognise_over_np_sum,
            ),
            Mistake(
                "the share kept where k, the number of components, is asked",
                "return the count k (an int from 1 to r): the position where the retained "
                "share first reaches share, plus 1.",
                _choose_k_share,
                recognise=_recognise_share,
            ),
            Mistake(
                "a percentage compared with a share",
                "share is a fraction (0.99 for 99 %): compare it with the retained fraction, "
                "not with 100 times it.",
                _choose_k_percent,
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
            Mistake(
                "scaled but not centred: X / σ without subtracting μ",
                "standardize is (x − μ)/σ: subtract X.mean(axis=0) before dividing, or PCA "
                "finds the direction of the mean instead of the spread.",
                _scaled_not_centred,
                recognise=_like_any(_scaled_not_centred, _scaled_never_centred),
            ),
            Mistake(
                "the directions of the raw features applied to the standardized ones",
                "find the components of the standardized data itself: standardize first, "
                "then its SVD (or its Σ), then project.",
                _raw_directions,
            ),
            Mistake(
                "the components of the smallest variances (np.linalg.eigh's order)",
                "sort the directions from the largest variance before keeping k: eigh's "
                "last columns come first, U[:, ::-1].",
                _scaled_smallest,
            ),
            Mistake(
                "one σ for the whole array, X.std(), instead of one per feature",
                "each feature gets its own spread: X.std(axis=0).",
                _scaled_by_one_sigma,
            ),
            Mistake(
                "σ with ddof=1, dividing by m − 1, where the page's σ divides by m",
                "use X.std(axis=0), which divides by m as homemade.features.standardize "
                "does; Octave's std in Ng's featureNormalize, and pandas' .std(), divide by "
                "m − 1 (the projections then come out √((m − 1)/m) times as large).",
                _scaled_sample_sigma,
            ),
            Mistake(
                "the directions U_reduce, shape (n, k), where the projections are asked",
                "return the standardized data projected onto them, X_scaled @ U_reduce: one "
                "row of k numbers per example, shape (m, k).",
                _scaled_returns_directions,
            ),
        ],
    ),
]

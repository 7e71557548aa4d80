import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.decomposition import PCA as SklearnPCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from homemade import PCA as TopLevelPCA
from homemade.exceptions import NotFittedError
from homemade.principal_component_analysis import PCA
from homemade.principal_component_analysis.pca import (
    choose_k,
    covariance_matrix,
    flip_signs,
    principal_components,
    project,
    recover,
    standardize_then_project,
    variance_retained,
)


def correlated(m, n, seed=0, rank=None, constant_columns=()):
    """Seeded data whose column scales spread over a factor of 10, so that the variances
    along the principal directions are well apart (their gaps decide how exactly a
    direction is defined); ``rank`` < n mixes fewer latent factors; listed columns are
    set to a constant."""
    rng = np.random.default_rng(seed)
    rank = rank or n
    latent = rng.standard_normal((m, rank)) * np.geomspace(10.0, 1.0, rank)
    X = latent @ rng.standard_normal((rank, n)) + rng.uniform(-5, 5, n)
    X[:, list(constant_columns)] = 3.0
    return X


# Each shape: (m, n, rank, constant columns). m < n, m > n, square, rank-deficient (rank 3
# in 8 or 40 dimensions), constant columns.
SHAPES = {
    "m>n": (200, 6, None, ()),
    "m<n": (12, 40, None, ()),
    "square": (30, 30, None, ()),
    "rank_deficient_tall": (100, 8, 3, ()),
    "rank_deficient_wide": (20, 40, 3, ()),
    "constant_columns": (80, 7, None, (1, 4)),
}


def informative(m, n, rank, constant_columns):
    """How many leading components are defined by the data: the rank of X − μ (the rest
    span its null space, where any orthonormal basis is as good as another)."""
    return min(m - 1, rank or n, n - len(constant_columns))


# ---------------------------------------------------------------- against scikit-learn


@pytest.mark.parametrize("name", SHAPES)
def test_matches_sklearn_full_svd(name):
    m, n, rank, constant = SHAPES[name]
    X = correlated(m, n, seed=m + n, rank=rank, constant_columns=constant)
    ours = PCA().fit(X)
    theirs = SklearnPCA(svd_solver="full").fit(X)
    r = informative(m, n, rank, constant)
    assert ours.n_components_ == theirs.n_components_ == min(m, n)
    # Same sign rule (largest |entry| positive), so the rows are equal, not just up to
    # sign. A direction is defined to about ε·s₁/(gap between its variance and its
    # neighbours'); the spectra here are spread over a factor of 100, hence 1e-9.
    np.testing.assert_allclose(ours.components_[:r], theirs.components_[:r], atol=1e-9)
    # Variances to rounding: relative to the largest (the zero ones are rounding noise).
    scale = theirs.explained_variance_[0]
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_,
                               rtol=1e-12, atol=1e-12 * scale)
    np.testing.assert_allclose(ours.explained_variance_ratio_,
                               theirs.explained_variance_ratio_, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours.singular_values_[:r], theirs.singular_values_[:r],
                               rtol=1e-12)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize("name", SHAPES)
@pytest.mark.parametrize("k", [1, 2, 3])
def test_transform_and_inverse_transform_match_sklearn(name, k):
    m, n, rank, constant = SHAPES[name]
    X = correlated(m, n, seed=m * n, rank=rank, constant_columns=constant)
    ours = PCA(n_components=k).fit(X)
    theirs = SklearnPCA(n_components=k, svd_solver="full").fit(X)
    new = correlated(10, n, seed=1, constant_columns=constant)
    Z = ours.transform(new)
    scale = np.abs(new - ours.mean_).max()
    np.testing.assert_allclose(Z, theirs.transform(new), atol=1e-9 * scale)
    np.testing.assert_allclose(ours.inverse_transform(Z), theirs.inverse_transform(Z),
                               atol=1e-9 * scale)
    np.testing.assert_allclose(ours.fit_transform(X), theirs.fit_transform(X),
                               atol=1e-9 * np.abs(X - X.mean(axis=0)).max())


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9, 0.95, 0.99, 0.999])
@pytest.mark.parametrize("name", ["m>n", "m<n", "rank_deficient_tall"])
def test_a_share_of_variance_keeps_as_many_components_as_sklearn(name, share):
    m, n, rank, constant = SHAPES[name]
    X = correlated(m, n, seed=3, rank=rank, constant_columns=constant)
    ours = PCA(n_components=share).fit(X)
    theirs = SklearnPCA(n_components=share, svd_solver="full").fit(X)
    # scikit-learn keeps the smallest k retaining more than the share, we (Ng) at least
    # the share: the same k unless a cumulative share equals it exactly, not the case here.
    retained = np.cumsum(theirs.explained_variance_ratio_)
    assert np.abs(retained - share).min() > 1e-6
    assert ours.n_components_ == theirs.n_components_
    assert ours.explained_variance_ratio_.sum() >= share
    assert ours.explained_variance_ratio_[:-1].sum() < share


def test_float32_is_computed_in_float32_and_agrees_with_float64():
    X = correlated(300, 10, seed=5)
    single = PCA(n_components=4, dtype="float32").fit(X)
    double = PCA(n_components=4).fit(X)
    for attribute in ("components_", "explained_variance_", "explained_variance_ratio_",
                      "singular_values_", "mean_"):
        assert getattr(single, attribute).dtype == np.float32, attribute
    assert single.transform(X).dtype == np.float32
    assert single.inverse_transform(single.transform(X)).dtype == np.float32
    # float32 carries about 7 digits; the directions lose a factor s₁/gap (≤ 100 here).
    np.testing.assert_allclose(single.components_, double.components_, atol=1e-4)
    np.testing.assert_allclose(single.explained_variance_, double.explained_variance_,
                               rtol=1e-5)
    theirs = SklearnPCA(n_components=4, svd_solver="full").fit(X.astype(np.float32))
    np.testing.assert_allclose(single.components_, theirs.components_, atol=1e-4)
    assert np.dtype(np.float32) == PCA(dtype=np.float32).fit(X).components_.dtype


# ---------------------------------------------------------------- closed forms


def test_covariance_matrix_divides_by_m_like_the_course():
    X = correlated(50, 4, seed=7)
    np.testing.assert_allclose(covariance_matrix(X), np.cov(X, rowvar=False, bias=True),
                               rtol=1e-12)
    # Centring is part of it: moving the data does not change Σ.
    np.testing.assert_allclose(covariance_matrix(X + 1000.0), covariance_matrix(X),
                               rtol=1e-9, atol=1e-9)


def test_principal_components_are_the_eigenvectors_of_sigma_largest_first():
    X = correlated(500, 5, seed=8)
    U, variances = principal_components(X)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance_matrix(X))
    np.testing.assert_allclose(variances, eigenvalues[::-1], rtol=1e-10)
    np.testing.assert_allclose(U, flip_signs(eigenvectors[:, ::-1]), atol=1e-9)
    np.testing.assert_allclose(U.T @ U, np.eye(5), atol=1e-12)  # orthonormal columns
    assert np.all(np.diff(variances) <= 0)


def test_two_dimensional_data_along_a_known_direction():
    # Points on the line through (1, 2) with direction (3, 4)/5, plus a small spread
    # across it: u⁽¹⁾ = (3, 4)/5 (positive: 4/5 is its largest entry), ν₁ the spread along.
    rng = np.random.default_rng(0)
    t, s = rng.standard_normal(1000), 0.01 * rng.standard_normal(1000)
    t, s = t - t.mean(), s - s.mean()
    s -= t * (t @ s) / (t @ t)  # exactly uncorrelated, so the axes are exactly these
    X = np.outer(t, [0.6, 0.8]) + np.outer(s, [-0.8, 0.6]) + [1.0, 2.0]
    U, variances = principal_components(X)
    np.testing.assert_allclose(U[:, 0], [0.6, 0.8], atol=1e-12)
    # Across it: ±(−0.8, 0.6), with the sign that makes −0.8, the largest entry, positive.
    np.testing.assert_allclose(U[:, 1], [0.8, -0.6], atol=1e-10)
    np.testing.assert_allclose(variances, [np.mean(t**2), np.mean(s**2)], rtol=1e-10)
    assert variance_retained(variances)[0] == pytest.approx(np.mean(t**2) / (
        np.mean(t**2) + np.mean(s**2)), rel=1e-12)


def test_the_sign_rule_makes_the_largest_entry_positive():
    U = np.array([[0.6, -0.8, 0.5], [-0.8, -0.6, -0.5]])
    np.testing.assert_array_equal(flip_signs(U), [[-0.6, 0.8, 0.5], [0.8, 0.6, -0.5]])
    X = correlated(40, 6, seed=9)
    for components in (PCA().fit(X).components_, PCA().fit(-X).components_):
        largest = components[np.arange(6), np.abs(components).argmax(axis=1)]
        assert np.all(largest > 0)
    # −X has the same directions; the rule gives them the same sign.
    np.testing.assert_allclose(PCA().fit(-X).components_, PCA().fit(X).components_,
                               atol=1e-10)


def test_projection_and_recovery_with_every_component_give_x_back():
    X = correlated(60, 5, seed=10)
    U, _ = principal_components(X)
    mean = X.mean(axis=0)
    Z = project(X, mean, U, 5)
    np.testing.assert_allclose(recover(Z, mean, U), X, atol=1e-10)
    # One component: z is the signed distance along u⁽¹⁾ from μ.
    np.testing.assert_allclose(project(X, mean, U, 1)[:, 0], (X - mean) @ U[:, 0])


@pytest.mark.parametrize("k", [1, 2, 4])
def test_the_recovery_error_is_the_variance_not_retained(k):
    # Ng's identity: (1/m) Σ ‖x − x_approx‖² / (1/m) Σ ‖x − μ‖² = 1 − (ν₁ + … + νₖ)/Σν.
    X = correlated(200, 6, seed=11)
    U, variances = principal_components(X)
    mean = X.mean(axis=0)
    approx = recover(project(X, mean, U, k), mean, U)
    error = np.sum((X - approx) ** 2) / np.sum((X - mean) ** 2)
    assert error == pytest.approx(1 - variance_retained(variances)[k - 1], rel=1e-9)


def test_choose_k_takes_the_smallest_k_that_keeps_the_share():
    variances = np.array([5.0, 3.0, 1.5, 0.5, 0.0])  # total 10
    np.testing.assert_allclose(variance_retained(variances), [0.5, 0.8, 0.95, 1.0, 1.0])
    assert [choose_k(variances, s) for s in (0.1, 0.5, 0.51, 0.8, 0.9, 0.95, 0.99, 1.0)] == [
        1, 1, 2, 2, 3, 3, 4, 4]


@pytest.mark.parametrize("m, n, k", [(10, 2, 1), (60, 4, 2), (200, 7, 5)])
def test_standardize_then_project_is_sklearns_scaler_then_pca(m, n, k):
    rng = np.random.default_rng(m)
    X = rng.normal(size=(m, n)) @ rng.normal(size=(n, n)) * np.logspace(-2, 3, n) + 7.0
    theirs = make_pipeline(StandardScaler(), SklearnPCA(k, svd_solver="full")).fit_transform(X)
    ours = standardize_then_project(X, k)
    signs = np.sign(np.sum(ours * theirs, axis=0))  # each direction's sign is free
    np.testing.assert_allclose(ours * signs, theirs, rtol=1e-9, atol=1e-9)
    # Without the scaling, the feature in the largest unit takes the first component.
    raw = project(X, X.mean(axis=0), principal_components(X)[0], k)
    assert not np.allclose(np.abs(raw), np.abs(ours), rtol=1e-2)


@pytest.mark.parametrize(("dtype", "spread", "rtol", "eigh_error"),
                         [(np.float64, 1e-9, 1e-6, 10.0), (np.float32, 1e-4, 1e-4, 0.5)])
def test_the_svd_keeps_a_variance_that_eigh_of_sigma_loses(dtype, spread, rtol, eigh_error):
    # The math page's examples: variances 1 and spread² (1e-18 in float64, 1e-8 in
    # float32). Σ's entries carry rounding errors of about ε·ν₁ (2.2e-16, 1.2e-7), which
    # swamp spread²; the SVD of the data resolves spreads down to about ε·s₁.
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((1000, 2)))
    Q -= Q.mean(axis=0)
    Q, _ = np.linalg.qr(Q)  # orthonormal columns that are also centred
    rotation, _ = np.linalg.qr(rng.standard_normal((2, 2)))
    X = ((np.sqrt(1000) * Q * [1.0, spread]) @ rotation.T).astype(dtype)
    _, variances = principal_components(X)
    np.testing.assert_allclose(variances, [1.0, spread**2], rtol=rtol)
    eigenvalues = np.linalg.eigvalsh(covariance_matrix(X))
    # Off by more than eigh_error times the true value (page: "more than ten times",
    # "more than half").
    assert abs(eigenvalues[0] - spread**2) > eigh_error * spread**2


# ---------------------------------------------------------------- the estimator


def test_explained_variance_divides_by_m_minus_1_and_the_page_by_m():
    X = correlated(25, 4, seed=12)
    model = PCA().fit(X)
    _, variances = principal_components(X)
    np.testing.assert_allclose(model.explained_variance_, variances * 25 / 24, rtol=1e-14)
    np.testing.assert_allclose(model.singular_values_**2, variances * 25, rtol=1e-12)
    np.testing.assert_allclose(model.explained_variance_ratio_, variances / variances.sum())


def test_n_components_one_and_one_point_zero_differ():
    X = correlated(50, 4, seed=13)
    assert PCA(n_components=1).fit(X).n_components_ == 1
    assert PCA(n_components=1.0).fit(X).n_components_ == 4
    assert PCA(n_components=np.int64(2)).fit(X).n_components_ == 2
    assert PCA().fit(X).components_.shape == (4, 4)


def test_top_level_import_clone_repr_and_dataframes():
    assert TopLevelPCA is PCA
    model = PCA(n_components=0.9, dtype="float32")
    assert repr(model) == "PCA(dtype='float32', n_components=0.9)"
    assert clone(model).get_params() == model.get_params()
    X = correlated(30, 3, seed=14)
    frame = pd.DataFrame(X, columns=["a", "b", "c"])
    np.testing.assert_array_equal(PCA(n_components=2).fit_transform(frame),
                                  PCA(n_components=2).fit_transform(X))


@pytest.mark.parametrize("n_components", [0, -1])
def test_n_components_below_one(n_components):
    with pytest.raises(ValueError, match=rf"n_components must be >= 1 when it counts "
                                         rf"components, got {n_components}"):
        PCA(n_components=n_components).fit(np.eye(3))


@pytest.mark.parametrize("share", [0.0, 1.5, -0.5, 2.0])
def test_a_share_outside_zero_one(share):
    with pytest.raises(ValueError, match=rf"n_components={share} is a float, so it is the "
                                         r"share of the variance to keep, which must be in "
                                         r"\(0, 1\].*pass an integer"):
        PCA(n_components=share).fit(np.eye(3))


@pytest.mark.parametrize("value", ["all", True, [2], np.nan])
def test_n_components_of_another_type(value):
    error = ValueError if isinstance(value, float) else TypeError
    with pytest.raises(error, match="n_components"):
        PCA(n_components=value).fit(np.eye(3))


@pytest.mark.parametrize("dtype", ["float16", "f4", None, int])
def test_bad_dtype(dtype):
    with pytest.raises(ValueError, match=r"dtype must be 'float32' or 'float64'"):
        PCA(dtype=dtype).fit(np.eye(3))


@pytest.mark.parametrize(("m", "n", "k"), [(5, 3, 4), (3, 5, 4), (2, 2, 3)])
def test_more_components_than_min_m_n(m, n, k):
    with pytest.raises(ValueError, match=rf"n_components={k} is more than min\(n_samples, "
                                         rf"n_features\) = min\({m}, {n}\) = {min(m, n)}.*"
                                         rf"n_components <= {min(m, n)}"):
        PCA(n_components=k).fit(correlated(m, n))


def test_one_sample_and_no_variance_are_refused():
    with pytest.raises(ValueError, match=r"at least 2 samples.*got 1 sample"):
        PCA().fit(np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"X has no variance: all its rows are the same"):
        PCA().fit(np.ones((4, 3)))


def test_nan_and_unfitted_and_wrong_widths():
    X = correlated(20, 3)
    X[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"Input X contains NaN"):
        PCA().fit(X)
    with pytest.raises(NotFittedError, match="This PCA instance is not fitted yet"):
        PCA().transform(np.eye(3))
    with pytest.raises(NotFittedError, match="This PCA instance is not fitted yet"):
        PCA().inverse_transform(np.eye(3))
    model = PCA(n_components=2).fit(correlated(20, 3))
    with pytest.raises(ValueError, match=r"X has 4 features, but PCA is expecting 3"):
        model.transform(np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"X has 3 features, but PCA is expecting 2 features "
                                         r"as input: inverse_transform takes one column per "
                                         r"component"):
        model.inverse_transform(np.ones((2, 3)))


def test_a_failed_refit_keeps_the_old_model():
    X = correlated(20, 3)
    model = PCA(n_components=2).fit(X)
    before = model.components_.copy()
    with pytest.raises(ValueError, match="more than min"):
        model.set_params(n_components=3).fit(X[:2])
    np.testing.assert_array_equal(model.components_, before)
    assert model.n_components_ == 2

"""Feature maps: polynomial and sinusoid expansion, standardization, the full pipeline."""

import numpy as np
import pytest
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from homemade import features
from homemade.anomaly_detection import GaussianAnomalyDetector
from homemade.features import (
    FeatureMap,
    Standardizer,
    constant_columns,
    n_polynomial_features,
    polynomial_features,
    sinusoid_features,
)
from homemade.linear_regression import LinearRegression
from homemade.logistic_regression import LogisticRegression


def _same_columns_up_to_order(A, B):
    """True when A and B hold the same columns, each exactly once, in any order."""
    assert A.shape == B.shape
    # Distance of every column of A to every column of B, relative to the column's size.
    scale = np.maximum(1.0, np.abs(B).max(axis=0))
    diff = np.abs(A[:, :, None] - B[:, None, :]).max(axis=0) / scale[None, :]
    match = diff < 1e-10
    # A permutation: every column of A matches exactly one of B and vice versa.
    return bool((match.sum(axis=0) == 1).all() and (match.sum(axis=1) == 1).all())


# polynomial features -----------------------------------------------------------------


@pytest.mark.parametrize(
    "n_samples, n_features, degree",
    [(7, 1, 1), (7, 1, 5), (10, 2, 2), (10, 2, 6), (12, 3, 3), (9, 4, 2), (6, 5, 3)],
)
def test_polynomial_features_match_sklearn(n_samples, n_features, degree):
    rng = np.random.default_rng(n_samples * 100 + n_features * 10 + degree)
    # Values away from 0 and ±1 so that distinct monomials have distinct columns.
    X = rng.uniform(1.1, 2.0, size=(n_samples, n_features)) * rng.choice([-1, 1], n_features)
    ours = polynomial_features(X, degree)
    theirs = PolynomialFeatures(degree=degree, include_bias=False).fit_transform(X)
    assert ours.shape == theirs.shape
    assert _same_columns_up_to_order(ours, theirs)


@pytest.mark.parametrize("n_features, degree", [(1, 1), (1, 4), (2, 3), (3, 2), (4, 4), (6, 3)])
def test_polynomial_features_match_sklearn_by_powers(n_features, degree):
    # Map each sklearn column to ours through its exponent vector: x^p evaluated on
    # x = distinct primes identifies a monomial uniquely (unique factorization).
    primes = np.array([2.0, 3.0, 5.0, 7.0, 11.0, 13.0])[:n_features]
    ours = polynomial_features(primes[None, :], degree)[0]
    poly = PolynomialFeatures(degree=degree, include_bias=False).fit(primes[None, :])
    expected = np.prod(primes[None, :] ** poly.powers_, axis=1)
    np.testing.assert_array_equal(np.sort(ours), np.sort(expected))
    assert len(set(ours.tolist())) == len(ours)


def test_polynomial_features_degree_one_is_the_input():
    X = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(polynomial_features(X, 1), X)


def test_polynomial_features_two_columns_degree_two_explicit():
    X = np.array([[2.0, 3.0], [-1.0, 5.0]])
    expected = np.array([[2, 3, 4, 6, 9], [-1, 5, 1, -5, 25]], dtype=float)
    np.testing.assert_array_equal(polynomial_features(X, 2), expected)


@pytest.mark.parametrize("n_features, degree", [(1, 1), (1, 7), (2, 2), (3, 4), (5, 3), (10, 2)])
def test_n_polynomial_features(n_features, degree):
    X = np.ones((2, n_features))
    assert n_polynomial_features(n_features, degree) == polynomial_features(X, degree).shape[1]
    poly = PolynomialFeatures(degree=degree, include_bias=False).fit(X)
    assert n_polynomial_features(n_features, degree) == poly.n_output_features_


@pytest.mark.parametrize("degree, error", [(0, ValueError), (-1, ValueError), (2.0, TypeError)])
def test_polynomial_degree_is_checked(degree, error):
    with pytest.raises(error, match="polynomial_degree"):
        polynomial_features(np.ones((2, 2)), degree)


# sinusoid features -------------------------------------------------------------------


def test_sinusoid_features_formula():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    S = sinusoid_features(X, 4)
    assert S.shape == (8, 12)
    # Layout: block k (k = 1..degree) holds sin(k·x_j) for every column j.
    for k in range(1, 5):
        for j in range(3):
            np.testing.assert_allclose(S[:, (k - 1) * 3 + j], np.sin(k * X[:, j]), rtol=0, atol=0)


def test_sinusoid_features_degree_zero_is_empty():
    S = sinusoid_features(np.ones((5, 2)), 0)
    assert S.shape == (5, 0)


def test_sinusoid_degree_is_checked():
    with pytest.raises(ValueError, match=r"sinusoid_degree must be >= 0"):
        sinusoid_features(np.ones((2, 2)), -1)
    with pytest.raises(TypeError, match=r"sinusoid_degree must be an integer"):
        sinusoid_features(np.ones((2, 2)), 1.5)


# standardization ---------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(5, 1), (40, 3), (100, 7)])
def test_standardizer_matches_sklearn(shape):
    rng = np.random.default_rng(shape[0])
    X = rng.normal(loc=5.0, scale=[10.0**k for k in range(shape[1])], size=shape)
    ours = Standardizer().fit(X)
    theirs = StandardScaler().fit(X)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, rtol=1e-12)
    np.testing.assert_allclose(ours.scale_, theirs.scale_, rtol=1e-12)
    Z = ours.transform(X)
    np.testing.assert_allclose(Z, theirs.transform(X), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)


def test_standardizer_constant_column_no_division_by_zero():
    X = np.array([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0]])
    # pyproject turns RuntimeWarnings (e.g. 0/0) into errors, so this also proves no 0/0.
    s = Standardizer().fit(X)
    assert s.scale_[1] == 1.0
    Z = s.transform(X)
    assert np.isfinite(Z).all()
    np.testing.assert_array_equal(Z[:, 1], 0.0)
    np.testing.assert_array_equal(s.transform([[0.0, 9.0]])[:, 1], [2.0])


def _edge_columns(m=50, seed=0):
    """Columns on the edge of "constant": tiny units, rounding noise, a far offset."""
    rng = np.random.default_rng(seed)
    return np.column_stack([
        1e-12 * rng.normal(size=m),                 # a feature in units of 1e-12: real spread
        np.full(m, 0.1),                            # constant; its computed σ is ~1e-17
        1e6 + np.r_[1e-7, np.zeros(m - 1)],         # 860 units in the last place: real
        1e10 + 1e-3 * rng.normal(size=m),           # a far offset, a small real spread
        np.zeros(m),                                # constant
        5.0 + rng.normal(size=m),                   # ordinary
    ])


def test_constant_columns_follow_the_data_not_an_absolute_threshold():
    X = _edge_columns()
    np.testing.assert_array_equal(constant_columns(X, X.std(axis=0)),
                                  [False, True, False, False, True, False])
    # The old rule, σ ≤ 1e-12 · max(1, |μ|), called columns 0 and 3 constant.
    ours = Standardizer().fit(X)
    np.testing.assert_array_equal(ours.scale_ == 1.0, [False, True, False, False, True, False])
    # scikit-learn's StandardScaler draws the same line (its bound: the rounding of the mean).
    theirs = StandardScaler().fit(X)
    np.testing.assert_array_equal(ours.scale_ == 1.0, theirs.scale_ == 1.0)
    Z = ours.transform(X)
    np.testing.assert_allclose(Z[:, [0, 5]].std(axis=0), 1.0, rtol=1e-12)
    # Column 3 is stored to eps · 1e10 ≈ 2e-6 against a spread of 1e-3: ~3 digits lost.
    np.testing.assert_allclose(Z[:, 3].std(), 1.0, rtol=1e-4)
    # A constant column is divided by 1: what is left is the rounding of its mean, ~1e-17.
    np.testing.assert_allclose(Z[:, [1, 4]], 0.0, atol=1e-15)


def test_constant_columns_is_the_anomaly_detectors_rule_too():
    X = _edge_columns()
    for j, constant in enumerate(constant_columns(X, X.std(axis=0))):
        # Column j beside an ordinary one (the detector needs every feature to vary).
        pair = X[:, [j, 5]]
        if constant:
            with pytest.raises(ValueError, match="zero variance"):
                GaussianAnomalyDetector().fit(pair)
        else:
            GaussianAnomalyDetector().fit(pair)


def test_standardizer_single_row():
    Z = Standardizer().fit_transform([[3.0, -2.0]])
    np.testing.assert_array_equal(Z, [[0.0, 0.0]])


# the full feature map ----------------------------------------------------------------


def _data(seed=0, m=30, n=2):
    rng = np.random.default_rng(seed)
    return rng.normal(loc=[3.0] * n, scale=[2.0] * n, size=(m, n))


@pytest.mark.parametrize(
    "polynomial_degree, sinusoid_degree, normalize",
    [(1, 0, True), (3, 0, True), (2, 2, True), (1, 3, False), (4, 1, False)],
)
def test_feature_map_row_alone_equals_row_in_batch(polynomial_degree, sinusoid_degree, normalize):
    X = _data()
    fm = FeatureMap(
        polynomial_degree=polynomial_degree, sinusoid_degree=sinusoid_degree, normalize=normalize
    ).fit(X)
    batch = fm.transform(X[:10])
    # What is under test is that the statistics come from fit, not from the batch (a row
    # alone has no spread); a last-bit difference would not matter, so allclose at 1e-13
    # (the map is a few elementwise operations, each within an eps of exact).
    for i in (0, 4, 9):
        np.testing.assert_allclose(fm.transform(X[i : i + 1])[0], batch[i], rtol=1e-13)


def test_feature_map_shape():
    X = _data(n=3)
    Z = FeatureMap(polynomial_degree=3, sinusoid_degree=2).fit_transform(X)
    assert Z.shape == (30, n_polynomial_features(3, 3) + 3 * 2)


def test_feature_map_stats_learned_only_in_fit():
    X = _data(seed=1)
    fm = FeatureMap(polynomial_degree=2, sinusoid_degree=1).fit(X)
    stats = [
        fm.input_scaler_.mean_.copy(),
        fm.input_scaler_.scale_.copy(),
        fm.output_scaler_.mean_.copy(),
        fm.output_scaler_.scale_.copy(),
    ]
    Z_before = fm.transform(X[:5])
    # Transforming very different data must not move the statistics.
    fm.transform(_data(seed=2) * 100 + 50)
    fm.transform(X[:1])
    after = [
        fm.input_scaler_.mean_,
        fm.input_scaler_.scale_,
        fm.output_scaler_.mean_,
        fm.output_scaler_.scale_,
    ]
    for a, b in zip(stats, after, strict=True):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(fm.transform(X[:5]), Z_before)


def test_feature_map_training_features_are_standardized():
    X = _data(seed=3)
    Z = FeatureMap(polynomial_degree=3, sinusoid_degree=2).fit_transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)


def test_feature_map_is_standardize_expand_standardize():
    X = _data(seed=4)
    Z = FeatureMap(polynomial_degree=2, sinusoid_degree=1).fit_transform(X)
    inner = StandardScaler().fit_transform(X)
    expanded = np.hstack([polynomial_features(inner, 2), sinusoid_features(inner, 1)])
    np.testing.assert_allclose(Z, StandardScaler().fit_transform(expanded), atol=1e-12)


def test_feature_map_without_normalize_is_the_raw_expansion():
    X = _data(seed=5)
    fm = FeatureMap(polynomial_degree=2, sinusoid_degree=2, normalize=False).fit(X)
    expected = np.hstack([polynomial_features(X, 2), sinusoid_features(X, 2)])
    np.testing.assert_array_equal(fm.transform(X), expected)


def test_feature_map_constant_column_stays_finite():
    X = _data(seed=6)
    X[:, 1] = 4.0
    Z = FeatureMap(polynomial_degree=3, sinusoid_degree=2).fit_transform(X)
    assert np.isfinite(Z).all()


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"polynomial_degree": 0}, ValueError, r"polynomial_degree must be >= 1"),
        ({"polynomial_degree": 1.5}, TypeError, r"polynomial_degree must be an integer"),
        ({"sinusoid_degree": -2}, ValueError, r"sinusoid_degree must be >= 0"),
    ],
)
def test_feature_map_checks_degrees_in_fit(kwargs, error, match):
    fm = FeatureMap(**kwargs)  # __init__ only stores
    with pytest.raises(error, match=match):
        fm.fit(_data())


def test_feature_map_without_expansion_is_one_standardization():
    X = _data(seed=4)
    fm = FeatureMap().fit(X)
    assert fm.output_scaler_ is None
    np.testing.assert_allclose(fm.transform(X), (X - X.mean(axis=0)) / X.std(axis=0))
    raw = FeatureMap(normalize=False).fit(X).transform(X)
    np.testing.assert_array_equal(raw, X)
    assert raw is not X


def test_feature_map_takes_keywords_only():
    with pytest.raises(TypeError):
        FeatureMap(2, 1, True)


@pytest.mark.parametrize("estimator", [LinearRegression, LogisticRegression])
def test_a_fit_expands_the_features_once(estimator, monkeypatch):
    calls = []
    expand = features.polynomial_features
    monkeypatch.setattr(features, "polynomial_features",
                        lambda X, degree: calls.append(len(X)) or expand(X, degree))
    X = _data(m=40)
    y = (X[:, 0] > 3.0).astype(int)
    estimator(polynomial_degree=3).fit(X, y)
    assert calls == [40]  # before: fit expanded to learn the statistics, transform again


@pytest.mark.parametrize("kwargs", [dict(polynomial_degree=3, sinusoid_degree=2),
                                    dict(), dict(polynomial_degree=2, normalize=False)])
def test_feature_map_fit_transform_is_fit_then_transform(kwargs):
    X = _data(m=25)
    once = FeatureMap(**kwargs)
    np.testing.assert_array_equal(once.fit_transform(X), FeatureMap(**kwargs).fit(X).transform(X))
    np.testing.assert_array_equal(once.transform(X), FeatureMap(**kwargs).fit(X).transform(X))
    standardized = Standardizer().fit(X).transform(X)
    np.testing.assert_array_equal(Standardizer().fit_transform(X), standardized)


def test_standardize_takes_integer_features():
    # Ng's ex1data2 read with pandas: numbers of bedrooms come as int64.
    X = np.array([[3, 2000], [4, 2400], [3, 1600], [2, 1400]])
    Z, mean, scale = features.standardize(X)
    np.testing.assert_allclose(Z, features.standardize(X.astype(float))[0], rtol=1e-15)
    assert Z.dtype == np.float64 and mean.dtype == np.float64

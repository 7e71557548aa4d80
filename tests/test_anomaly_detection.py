import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.covariance import EllipticEnvelope
from sklearn.metrics import f1_score, precision_recall_curve

from homemade import NotFittedError
from homemade.anomaly_detection import GaussianAnomalyDetector
from homemade.anomaly_detection.gaussian import (
    DEFAULT_COVERAGE,
    check_variances,
    default_log_epsilon,
    estimate_covariance,
    estimate_mean,
    estimate_variance,
    f1_search,
    log_density,
)
from homemade.datasets import load_server_params
from homemade.metrics import precision_recall_f1
from homemade.model_selection import train_test_split

SHAPES = [(2, 1), (30, 1), (50, 3), (200, 5), (40, 12)]


def correlated_data(m, n, seed):
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(n, n)) + 2 * np.eye(n)
    return rng.normal(size=(m, n)) @ mixing + rng.normal(scale=5, size=n)


def labelled_data(seed, m=300, n=2):
    rng = np.random.default_rng(seed)
    normal = rng.normal(size=(m, n))
    outliers = rng.uniform(-6, 6, size=(m // 20, n))
    X = np.vstack([normal, outliers])
    y = np.r_[np.zeros(m, dtype=int), np.ones(len(outliers), dtype=int)]
    return X, y


# --------------------------------------------------------------------------- reference
# The data below are well conditioned (standard deviations 1 to ~10, m >= n): the mean,
# variance and densities are accurate to a few ulps times the number of summed terms, so
# rtol=1e-12 for moments and 1e-10 / 1e-9 for (log) densities leave room for summation
# order and for the eigen-decomposition of Σ (condition number < 1e3 here).


@pytest.mark.parametrize("m, n", SHAPES)
def test_the_math_functions_match_the_closed_forms(m, n):
    X = correlated_data(m, n, seed=m * n)
    mean = estimate_mean(X)
    np.testing.assert_allclose(mean, np.sum(X, axis=0) / m, rtol=1e-12)
    np.testing.assert_allclose(estimate_variance(X, mean), np.var(X, axis=0), rtol=1e-12)
    covariance = estimate_covariance(X, mean)
    np.testing.assert_allclose(
        covariance, np.cov(X, rowvar=False, bias=True).reshape(n, n), rtol=1e-10, atol=1e-12
    )
    # Independent features: the sum of the one-feature log densities written out.
    variance = estimate_variance(X, mean)
    by_hand = np.sum(-0.5 * np.log(2 * np.pi * variance) - (X - mean) ** 2 / (2 * variance), axis=1)
    np.testing.assert_allclose(log_density(X, mean, variance), by_hand, rtol=1e-12)
    if m > n:
        reference = stats.multivariate_normal(mean=mean, cov=covariance)
        np.testing.assert_allclose(log_density(X, mean, covariance), reference.logpdf(X), rtol=1e-9)


@pytest.mark.parametrize("m, n", SHAPES)
def test_diagonal_density_is_the_product_of_scipy_normals(m, n):
    X = correlated_data(m, n, seed=m + n)
    X_new = correlated_data(17, n, seed=1)
    model = GaussianAnomalyDetector().fit(X)
    mean, std = X.mean(axis=0), X.std(axis=0)  # ddof=0: the maximum-likelihood estimate
    expected_log = stats.norm.logpdf(X_new, loc=mean, scale=std).sum(axis=1)
    np.testing.assert_allclose(model.mean_, mean, rtol=1e-12)
    np.testing.assert_allclose(model.variance_, std**2, rtol=1e-12)
    np.testing.assert_allclose(model.log_density(X_new), expected_log, rtol=1e-10)
    np.testing.assert_allclose(model.score_samples(X_new), np.exp(expected_log), rtol=1e-10)


@pytest.mark.parametrize("m, n", [(m, n) for m, n in SHAPES if m > n])
def test_full_density_matches_scipy_multivariate_normal(m, n):
    X = correlated_data(m, n, seed=10 * m + n)
    X_new = correlated_data(23, n, seed=2)
    model = GaussianAnomalyDetector(covariance="full").fit(X)
    covariance = np.cov(X, rowvar=False, bias=True).reshape(n, n)
    reference = stats.multivariate_normal(mean=X.mean(axis=0), cov=covariance)
    np.testing.assert_allclose(model.covariance_, covariance, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.log_density(X_new), reference.logpdf(X_new), rtol=1e-9)
    np.testing.assert_allclose(
        model.score_samples(X_new), np.atleast_1d(reference.pdf(X_new)), rtol=1e-9
    )


def test_full_and_diagonal_agree_when_the_covariance_is_diagonal():
    rng = np.random.default_rng(0)
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 3.0], [0.0, -3.0]])  # exactly uncorrelated
    X_new = rng.normal(size=(10, 2))
    diagonal = GaussianAnomalyDetector().fit(X)
    full = GaussianAnomalyDetector(covariance="full").fit(X)
    np.testing.assert_allclose(full.log_density(X_new), diagonal.log_density(X_new))


def test_full_covariance_matches_scikit_learn_empirical_covariance():
    from sklearn.covariance import EmpiricalCovariance

    X = correlated_data(120, 4, seed=3)
    X_new = correlated_data(30, 4, seed=4)
    ours = GaussianAnomalyDetector(covariance="full").fit(X)
    theirs = EmpiricalCovariance().fit(X)
    np.testing.assert_allclose(ours.covariance_, theirs.covariance_, rtol=1e-10)
    # log p = -½ (n log 2π + log det Σ + Mahalanobis²)
    _, log_det = np.linalg.slogdet(theirs.covariance_)
    expected = -0.5 * (4 * np.log(2 * np.pi) + log_det + theirs.mahalanobis(X_new))
    np.testing.assert_allclose(ours.log_density(X_new), expected, rtol=1e-9)


# ------------------------------------------------------------------ select_threshold


def brute_force(density, y, candidates):
    """The course's loop, with homemade.metrics: one prediction per candidate ε."""
    scores = [precision_recall_f1(y, (density < eps).astype(int)) for eps in candidates]
    return np.array(scores).T


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_f1_search_matches_scikit_learn_f1_score_in_a_loop(seed):
    rng = np.random.default_rng(seed)
    p = rng.random(200) ** 3
    y = (rng.random(200) < 0.1).astype(int) | (p < 0.01)
    epsilons = np.r_[0.0, np.quantile(p, np.linspace(0, 1, 40)), 2.0]
    precision, recall, f1 = f1_search(p, y, epsilons)
    expected = [f1_score(y, (p < eps).astype(int), zero_division=0) for eps in epsilons]
    # F1 is a ratio of small integer counts: equal up to the rounding of the division.
    np.testing.assert_allclose(f1, expected, rtol=1e-12, atol=0)
    # Comparing logs gives the same curves (log is increasing).
    with np.errstate(divide="ignore"):
        np.testing.assert_allclose(f1_search(np.log(p), y, np.log(epsilons))[2], f1)
    assert f1[0] == 0 and precision[0] == 0 and recall[-1] == 1


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_select_threshold_matches_brute_force(covariance, seed):
    X, y = labelled_data(seed)
    model = GaussianAnomalyDetector(covariance=covariance).fit(X[y == 0])
    density = model.score_samples(X)
    for thresholds in (1000, 37, "midpoints", np.geomspace(1e-12, 1, 50)):
        model.select_threshold(X, y, thresholds=thresholds)
        precision, recall, f1 = brute_force(density, y, model.thresholds_)
        np.testing.assert_allclose(model.precision_curve_, precision, rtol=1e-12)
        np.testing.assert_allclose(model.recall_curve_, recall, rtol=1e-12)
        np.testing.assert_allclose(model.f1_curve_, f1, rtol=1e-12)
        best = int(np.argmax(f1))
        assert model.best_f1_ == pytest.approx(f1[best], rel=1e-12)
        assert model.epsilon_ == model.thresholds_[best]
        # predict with the chosen ε reproduces the best F1
        assert precision_recall_f1(y, model.predict(X))[2] == pytest.approx(model.best_f1_)


def test_integer_thresholds_is_the_course_grid():
    X, y = labelled_data(5)
    model = GaussianAnomalyDetector().fit(X).select_threshold(X, y, thresholds=1000)
    p = model.score_samples(X)
    step = (p.max() - p.min()) / 1000
    expected = np.arange(p.min(), p.max(), step)[:1000]
    assert len(model.thresholds_) == 1000
    np.testing.assert_allclose(model.thresholds_, expected, rtol=1e-12)


def test_midpoints_reach_the_best_f1_any_threshold_can():
    X, y = labelled_data(6)
    model = GaussianAnomalyDetector().fit(X[y == 0])
    density = model.score_samples(X)
    every_cut = np.r_[np.sort(density), np.inf]  # p < value: every possible flagged set
    best_possible = brute_force(density, y, every_cut)[2].max()
    model.select_threshold(X, y, thresholds="midpoints")
    assert model.best_f1_ == pytest.approx(best_possible)
    assert model.best_f1_ >= model.select_threshold(X, y, thresholds=1000).best_f1_


def test_midpoints_can_flag_every_example():
    # All-anomaly validation data: flagging everything gives F1 = 1. The midpoints alone
    # (between neighbours) always kept the densest example: recall 4/5, F1 = 8/9.
    X = np.array([[0.0], [1.0], [2.0], [-1.0], [10.0]])
    model = GaussianAnomalyDetector().fit(X)
    model.select_threshold(X, np.ones(5, dtype=int), thresholds="midpoints")
    assert model.best_f1_ == 1.0
    np.testing.assert_array_equal(model.predict(X), np.ones(5))
    assert model.epsilon_ == pytest.approx(2 * model.score_samples(X).max(), rel=1e-12)
    # With all densities equal, flagging all is the one cut there is.
    model.select_threshold(np.zeros((3, 1)), [1, 0, 0], thresholds="midpoints")
    assert model.best_f1_ == pytest.approx(0.5) and len(model.thresholds_) == 1


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.integers(-4, 4), min_size=1, max_size=9),
    labels=st.lists(st.booleans(), min_size=9, max_size=9),
)
def test_midpoints_reach_the_best_f1_of_every_possible_threshold(values, labels):
    # Brute force: the examples a threshold flags are those with p < t, so every possible
    # flagged set comes from t = one of the densities, or t = inf (flag all). Small integer
    # values give ties, all-anomaly and one-example cases.
    X_val = np.array(values, dtype=float)[:, None]
    y_val = np.array(labels[: len(values)], dtype=int)
    y_val[0] = 1  # at least one anomaly
    model = GaussianAnomalyDetector().fit(np.array([[-1.0], [0.0], [2.0]]))
    density = model.score_samples(X_val)
    every_cut = np.r_[np.unique(density), np.inf]
    best_possible = brute_force(density, y_val, every_cut)[2].max()
    model.select_threshold(X_val, y_val, thresholds="midpoints")
    assert model.best_f1_ == pytest.approx(best_possible, rel=1e-12)
    assert precision_recall_f1(y_val, model.predict(X_val))[2] == pytest.approx(best_possible)


def test_select_threshold_returns_self_and_ties_go_to_the_smallest_epsilon():
    X = np.array([[0.0], [1.0], [2.0], [-1.0], [10.0]])
    y = np.array([0, 0, 0, 0, 1])
    model = GaussianAnomalyDetector().fit(X)
    p = model.score_samples(X)
    candidates = [p[4] / 2, p[4] * 1.001, p[4] * 1.002, p.max() * 2]
    assert model.select_threshold(X, y, thresholds=candidates) is model
    np.testing.assert_allclose(model.f1_curve_, [0, 1, 1, 2 / 6])
    assert model.epsilon_ == candidates[1]


def server_thirds(X, y, seed):
    """The demo's held-out protocol: training, validation and test thirds, stratified."""
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=1 / 3, stratify=y,
                                                      random_state=seed)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.5,
                                                      stratify=y_rest, random_state=seed)
    return X_train, y_train, X_val, y_val, X_test, y_test


def test_server_data_features_are_ngs_unlabelled_training_set():
    # data/README.md and the demo: Ng's ex8 X (his printed μ and σ²), 9 labels of which
    # three sit inside the dense core (rows 9, 49, 302).
    X, y = _servers()
    np.testing.assert_allclose(X[0], [13.04681517, 14.74115241], atol=5e-9)
    np.testing.assert_allclose(X.mean(axis=0), [14.11222578, 14.99771051], atol=5e-9)
    np.testing.assert_allclose(X.var(axis=0), [1.83263141, 1.70974533], atol=5e-9)
    np.testing.assert_array_equal(np.flatnonzero(y), [9, 49, 300, 301, 302, 303, 304, 305, 306])
    distance = np.sqrt(((X - X.mean(axis=0)) ** 2 / X.var(axis=0)).sum(axis=1))
    assert np.all(distance[[9, 49, 302]] < 1.5)
    assert np.all(distance[[300, 301, 303, 304, 305, 306]] > 3.5)
    p = GaussianAnomalyDetector().fit(X).score_samples(X)
    assert min(((p <= p[r]) & (y == 0)).sum() for r in (9, 49, 302)) == 49


def test_server_data_held_out_protocol_of_the_demo():
    # The demo's headline: fit on the normal training servers, ε on the validation third,
    # F1 once on the test third (seed 0).
    X, y = _servers()
    X_train, y_train, X_val, y_val, X_test, y_test = server_thirds(X, y, seed=0)
    assert [y_train.sum(), y_val.sum(), y_test.sum()] == [3, 3, 3]
    assert [len(X_train), len(X_val), len(X_test)] == [102, 102, 103]
    model = GaussianAnomalyDetector().fit(X_train[y_train == 0]).select_threshold(X_val, y_val)
    assert model.best_f1_ == pytest.approx(0.5)
    assert f"{model.epsilon_:.3g}" == "0.000177"
    precision, recall, f1 = precision_recall_f1(y_test, model.predict(X_test))
    assert (precision, recall, f1) == pytest.approx((0.75, 1.0, 6 / 7))
    full = GaussianAnomalyDetector(covariance="full").fit(X_train[y_train == 0])
    assert precision_recall_f1(y_test, full.predict(X_test))[2] == pytest.approx(6 / 7)
    full.select_threshold(X_val, y_val)
    assert precision_recall_f1(y_test, full.predict(X_test))[2] == pytest.approx(1.0)


def test_server_data_original_repository_protocol():
    data = load_server_params()
    X = data[["Latency (ms)", "Throughput (mb/s)"]]
    y = data["Anomaly"]
    # The original repository fits on all 307 servers and chooses ε on the same servers,
    # 1000-step grid: in-sample, so optimistic; not Ng's protocol (his ε is chosen on Xval).
    model = GaussianAnomalyDetector().fit(X).select_threshold(X, y)
    assert model.best_f1_ == pytest.approx(0.8)
    assert model.epsilon_ == pytest.approx(8.986095083415364e-05, rel=1e-12)
    assert f"{model.epsilon_:.3g}" == "8.99e-05"
    assert model.predict(X).sum() == 6
    assert list(model.feature_names_in_) == ["Latency (ms)", "Throughput (mb/s)"]


def _servers():
    data = load_server_params()
    return data[["Latency (ms)", "Throughput (mb/s)"]].to_numpy(), data["Anomaly"].to_numpy()


def test_server_data_full_covariance_on_healthy_servers_is_tilted():
    # Fitted on the 298 healthy servers (ε chosen in-sample, on all 307 labels), latency and
    # throughput are correlated (0.352), so the full model's ε ellipse tilts; both models
    # reach the best F1 the labels allow (0.8), and with the label-free default ε the full
    # model scores higher.
    X, y = _servers()
    healthy = X[y == 0]
    assert np.corrcoef(healthy, rowvar=False)[0, 1] == pytest.approx(0.3517, abs=1e-4)
    default_f1, best_f1 = {}, {}
    for covariance in ("diagonal", "full"):
        model = GaussianAnomalyDetector(covariance=covariance).fit(healthy)
        default_f1[covariance] = precision_recall_f1(y, model.predict(X))[2]
        best_f1[covariance] = model.select_threshold(X, y).best_f1_
    assert model.covariance_[0, 1] > 0  # the full Σ: rising together, a tilted ellipse
    assert best_f1 == pytest.approx({"diagonal": 0.8, "full": 0.8})
    assert default_f1 == pytest.approx({"diagonal": 0.75, "full": 0.8})


def test_server_data_held_out_f1_over_twenty_splits():
    # The demo's held-out protocol repeated: thirds, fit on the normal training servers, ε on
    # validation, F1 on test; 20 seeded splits.
    X, y = _servers()
    held_out = {"diagonal": [], "full": []}
    for seed in range(20):
        X_train, y_train, X_val, y_val, X_test, y_test = server_thirds(X, y, seed)
        for covariance, scores in held_out.items():
            model = GaussianAnomalyDetector(covariance=covariance).fit(X_train[y_train == 0])
            model.select_threshold(X_val, y_val)
            scores.append(precision_recall_f1(y_test, model.predict(X_test))[2])
    for covariance, (mean, low) in {"diagonal": (0.752, 0.4), "full": (0.798, 0.5)}.items():
        scores = held_out[covariance]
        assert np.median(scores) == pytest.approx(0.8)
        assert np.mean(scores) == pytest.approx(mean, abs=5e-4)
        assert (min(scores), max(scores)) == pytest.approx((low, 1.0))


def test_server_data_elliptic_envelope_reaches_the_same_best_f1():
    # The demo's side-by-side: scikit-learn's robust EllipticEnvelope, its cut-off chosen by
    # F1 on the labels, reaches the F1 of the course's model (0.8), and its robust Σ shows the
    # healthy servers' correlation that the course's fit on all servers hides.
    X, y = _servers()
    ours = GaussianAnomalyDetector().fit(X).select_threshold(X, y)
    envelope = EllipticEnvelope(contamination=y.mean(), random_state=0).fit(X)
    precision, recall, _ = precision_recall_curve(y, -envelope.score_samples(X))
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    assert f1[:-1].max() == pytest.approx(ours.best_f1_)
    assert ours.best_f1_ == pytest.approx(0.8)
    robust = envelope.covariance_
    assert robust[0, 1] / np.sqrt(robust[0, 0] * robust[1, 1]) == pytest.approx(0.369, abs=1e-3)


# --------------------------------------------------------------------- invariants


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
def test_sigma_is_decomposed_once_in_fit_not_at_every_prediction(covariance, monkeypatch):
    X = correlated_data(200, 4, seed=3)
    model = GaussianAnomalyDetector(covariance=covariance).fit(X)
    sigma = model.variance_ if covariance == "diagonal" else model.covariance_
    expected = log_density(X, model.mean_, sigma)  # the math function, which decomposes Σ
    calls = []

    def counted(name, original):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return wrapper

    for name in ("eigh", "slogdet", "inv", "solve", "cholesky"):
        monkeypatch.setattr(np.linalg, name, counted(name, getattr(np.linalg, name)))
    for method in (model.log_density, model.score_samples, model.decision_function,
                   model.predict):
        method(X)
    model.select_threshold(X, (np.arange(200) % 20 == 0).astype(int))
    assert calls == []
    np.testing.assert_allclose(model.log_density(X), expected, rtol=1e-12)


def test_predict_is_one_for_anomalies_zero_otherwise():
    X, y = labelled_data(7)
    model = GaussianAnomalyDetector().fit(X[y == 0]).select_threshold(X, y)
    predictions = model.predict(X)
    assert set(np.unique(predictions)) <= {0, 1}
    np.testing.assert_array_equal(predictions, model.score_samples(X) < model.epsilon_)
    np.testing.assert_array_equal(predictions, model.decision_function(X) < 0)


def test_given_epsilon_is_used_and_a_row_alone_equals_the_batch():
    X, _ = labelled_data(8)
    model = GaussianAnomalyDetector(epsilon=1e-3).fit(X)
    assert model.epsilon_ == 1e-3
    batch = model.log_density(X)
    alone = np.array([model.log_density(row[None, :])[0] for row in X[:20]])
    np.testing.assert_allclose(alone, batch[:20], rtol=1e-14)
    np.testing.assert_array_equal(model.fit_predict(X), model.predict(X))


def test_refit_forgets_a_selected_threshold():
    X, y = labelled_data(9)
    model = GaussianAnomalyDetector().fit(X)
    default = model.epsilon_
    model.select_threshold(X, y)
    assert model.epsilon_ != default
    model.fit(X)
    assert model.epsilon_ == default
    for name in ("thresholds_", "f1_curve_", "best_f1_"):
        assert not hasattr(model, name)


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
def test_far_points_give_zero_density_without_warnings(covariance):
    X = correlated_data(100, 3, seed=11)
    model = GaussianAnomalyDetector(covariance=covariance, epsilon=1e-300).fit(X)
    far = np.array([[1e4, 1e4, 1e4], [-1e8, 0, 0], [1e200, 1e200, -1e200], [1e307, 0, 0]])
    with np.errstate(all="raise"):  # any overflow/underflow/divide would raise here
        density = model.score_samples(far)
        log_density = model.log_density(far)
        predictions = model.predict(far)
        model.decision_function(far)
    np.testing.assert_array_equal(density, 0.0)
    assert np.all(log_density < -1e6)
    np.testing.assert_array_equal(predictions, 1)


def test_a_density_above_the_float_range_is_inf_without_warnings():
    # Found by the property tests: 50 features of variance ~1e-15 put log p(x) near 770,
    # beyond log(1.8e308); the log density stays exact and predict still works.
    rng = np.random.default_rng(0)
    X = np.repeat(rng.standard_normal((1, 50)), 500, axis=0) * 1e-6
    X[:3] = rng.standard_normal((3, 50)) * 1e-6
    model = GaussianAnomalyDetector(epsilon=1.0).fit(X)
    with np.errstate(all="raise"):
        log_density = model.log_density(X)
        density = model.score_samples(X)
        predictions = model.predict(X)
    assert np.all(np.isfinite(log_density)) and log_density[3] > 710
    assert density[3] == np.inf
    np.testing.assert_array_equal(predictions[3:], 0)


def test_zero_epsilon_flags_nothing_without_warnings():
    X = correlated_data(50, 2, seed=12)
    model = GaussianAnomalyDetector(epsilon=0).fit(X)
    with np.errstate(all="raise"):
        assert model.predict(np.vstack([X, [[1e300, 0]]])).sum() == 0


def test_clone_and_params_roundtrip():
    from sklearn.base import clone

    model = GaussianAnomalyDetector(covariance="full", epsilon=0.01)
    assert model.get_params() == {"covariance": "full", "epsilon": 0.01}
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert repr(model) == "GaussianAnomalyDetector(covariance='full', epsilon=0.01)"


# ------------------------------------------------------------ the default threshold


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
@pytest.mark.parametrize("n", [1, 2, 5, 30])
def test_default_threshold_flags_0_27_percent_of_a_gaussian_sample(covariance, n):
    m = 400_000
    rng = np.random.default_rng(n)
    if covariance == "full":
        X = correlated_data(m, n, seed=n)
    else:
        X = rng.normal(size=(m, n)) * np.arange(1, n + 1) + 3.0
    flagged = GaussianAnomalyDetector(covariance=covariance).fit(X).predict(X).mean()
    # A binomial share: 0.0027 ± 3 standard errors sqrt(0.0027 · 0.9973 / m) ≈ 0.00025.
    assert abs(flagged - (1 - DEFAULT_COVERAGE)) < 3 * np.sqrt(0.0027 * 0.9973 / m)


def test_default_threshold_in_one_dimension_is_three_standard_deviations():
    x = np.random.default_rng(0).normal(5.0, 2.0, size=(1000, 1))
    model = GaussianAnomalyDetector().fit(x)
    sigma = np.sqrt(model.variance_[0])
    # ε is the density at μ ± 3σ (the quantile is exact to ~1e-15 relative).
    at_three_sigma = stats.norm.logpdf(model.mean_[0] + 3 * sigma, model.mean_[0], sigma)
    np.testing.assert_allclose(model.log_epsilon_, at_three_sigma, rtol=1e-12)
    np.testing.assert_allclose(model.epsilon_, np.exp(at_three_sigma), rtol=1e-12)
    offsets = np.array([[-3.001], [-2.999], [2.999], [3.001]]) * sigma
    np.testing.assert_array_equal(model.predict(model.mean_ + offsets), [1, 0, 0, 1])


def test_default_threshold_is_the_density_at_the_chi_square_quantile():
    X = correlated_data(300, 4, seed=21)
    model = GaussianAnomalyDetector(covariance="full").fit(X)
    reference = stats.multivariate_normal(mean=model.mean_, cov=model.covariance_)
    # A point at squared Mahalanobis distance r² (any direction) has density ε.
    r = np.sqrt(stats.chi2.ppf(DEFAULT_COVERAGE, 4))
    direction = np.linalg.cholesky(model.covariance_) @ np.array([0.5, -0.5, 0.5, 0.5])
    np.testing.assert_allclose(
        model.log_epsilon_, reference.logpdf(model.mean_ + r * direction), rtol=1e-10
    )
    assert default_log_epsilon(model.covariance_) == model.log_epsilon_


def test_default_threshold_survives_many_dimensions():
    # In 784 dimensions ε = exp(log ε) under- (σ = 1) or overflows (σ = 0.01); predict
    # compares logs instead.
    Z = np.random.default_rng(0).normal(size=(3000, 784))
    for scale, epsilon in ((1.0, 0.0), (0.01, np.inf)):
        model = GaussianAnomalyDetector().fit(scale * Z)
        assert model.epsilon_ == epsilon and np.isfinite(model.log_epsilon_)
        assert 0 < model.predict(scale * Z).mean() < 0.01
        assert model.predict(scale * (Z + 1.0)).all()  # 1σ off in each feature: far


# ---------------------------------------------------------------------- bad input


def test_predict_before_fit():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        GaussianAnomalyDetector(epsilon=0.1).predict([[1.0, 2.0]])


def test_default_constructed_detector_predicts():
    X = correlated_data(20, 2, seed=0)
    model = GaussianAnomalyDetector()
    assert model.fit(X) is model
    assert set(model.predict(X)) <= {0, 1}
    np.testing.assert_array_equal(model.decision_function(X) < 0, model.predict(X))


def test_hyperparameters_are_keyword_only():
    with pytest.raises(TypeError, match="positional"):
        GaussianAnomalyDetector("full")


def test_select_threshold_before_fit():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        GaussianAnomalyDetector().select_threshold([[1.0]], [1])


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
def test_fewer_than_two_samples(covariance):
    with pytest.raises(ValueError, match="needs at least 2 samples .* got 1"):
        GaussianAnomalyDetector(covariance=covariance).fit([[1.0, 2.0]])


def test_empty_input():
    with pytest.raises(ValueError, match="0 sample"):
        GaussianAnomalyDetector().fit(np.empty((0, 2)))


def test_one_dimensional_X():
    with pytest.raises(ValueError, match=re.escape("Expected 2D array") + ".*reshape\\(-1, 1\\)"):
        GaussianAnomalyDetector().fit([1.0, 2.0, 3.0])


@pytest.mark.parametrize("bad, word", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_nan_and_inf(bad, word):
    X = correlated_data(10, 2, seed=0)
    X[3, 1] = bad
    with pytest.raises(ValueError, match=f"Input X contains {word}"):
        GaussianAnomalyDetector().fit(X)
    model = GaussianAnomalyDetector().fit(correlated_data(10, 2, seed=0))
    with pytest.raises(ValueError, match=f"Input X_val contains {word}"):
        model.select_threshold(X, np.r_[np.zeros(9), 1])


def test_non_numeric_X():
    frame = pd.DataFrame({"latency": [1.0, 2.0, 3.0], "server": ["a", "b", "c"]})
    with pytest.raises(ValueError, match="non-numeric column.*'server'"):
        GaussianAnomalyDetector().fit(frame)
    with pytest.raises(ValueError, match="not numbers"):
        GaussianAnomalyDetector().fit([["a", "b"], ["c", "d"]])


def test_wrong_feature_count_at_predict_time():
    model = GaussianAnomalyDetector(epsilon=0.1).fit(correlated_data(20, 2, seed=0))
    message = "X has 3 features, but GaussianAnomalyDetector is expecting 2"
    with pytest.raises(ValueError, match=message):
        model.predict(np.ones((4, 3)))
    with pytest.raises(ValueError, match=message):
        model.select_threshold(np.ones((4, 3)), [0, 0, 0, 1])


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
def test_zero_variance_feature_is_named_with_the_fix(covariance):
    X = correlated_data(30, 3, seed=0)
    X[:, 1] = 7.0
    with pytest.raises(ValueError, match=r"Feature column 1 has zero variance.*value 7.*Drop"):
        GaussianAnomalyDetector(covariance=covariance).fit(X)
    frame = pd.DataFrame(X, columns=["latency", "disk", "throughput"])
    with pytest.raises(ValueError, match=r"Feature 'disk' \(column 1\) has zero variance"):
        GaussianAnomalyDetector(covariance=covariance).fit(frame)


def test_check_variances_is_relative_to_the_scale_of_the_column():
    rng = np.random.default_rng(0)
    for scale in (1e-30, 1.0, 1e30):
        # Real spread, however small in absolute terms, passes...
        X = scale * np.column_stack([rng.normal(size=50), 1 + 1e-9 * rng.normal(size=50)])
        check_variances(estimate_variance(X, estimate_mean(X)), X)
        # ...rounding noise of the mean does not.
        X[:, 1] = 0.1 * scale
        with pytest.raises(ValueError, match="Feature column 1 has zero variance"):
            check_variances(estimate_variance(X, estimate_mean(X)), X)
    names = np.array(["b"], dtype=object)
    with pytest.raises(ValueError, match=r"Feature 'b' \(column 0\) has zero variance"):
        check_variances(np.zeros(1), np.zeros((3, 1)), names=names)


@pytest.mark.parametrize("covariance", ["diagonal", "full"])
@pytest.mark.parametrize("value", [0.1, 1 / 3, 1e-6, 1e6 + 0.1, 1.175494351e-38])
def test_a_constant_column_of_an_inexact_binary_value_has_zero_variance(covariance, value):
    # Found by the property tests: the mean of m copies of 0.1 is not exactly 0.1, so the
    # variance came out as ~1e-34 instead of 0, passed the check, and densities overflowed.
    for m in (3, 10, 100, 333):
        X = np.column_stack([np.full(m, value), np.random.default_rng(m).normal(size=m)])
        with pytest.raises(ValueError, match=r"Feature column 0 has zero variance"):
            GaussianAnomalyDetector(covariance=covariance).fit(X)


def test_singular_covariance_names_the_fix():
    X = correlated_data(50, 2, seed=0)
    duplicated = np.column_stack([X, X[:, 0]])
    message = r"covariance matrix is singular.*duplicated/collinear.*covariance='diagonal'"
    with pytest.raises(ValueError, match=message):
        GaussianAnomalyDetector(covariance="full").fit(duplicated)
    summed = np.column_stack([X, X[:, 0] + 2 * X[:, 1]])
    with pytest.raises(ValueError, match=message):
        GaussianAnomalyDetector(covariance="full").fit(summed)
    # The diagonal model does not need Σ⁻¹, so the same data is fine there.
    GaussianAnomalyDetector().fit(duplicated)


def test_singular_covariance_with_fewer_samples_than_features():
    X = correlated_data(3, 5, seed=0)
    with pytest.raises(ValueError, match="singular.*3 samples and 5 features.*more samples"):
        GaussianAnomalyDetector(covariance="full").fit(X)


@pytest.mark.parametrize(
    "y_val, message",
    [
        ([0, 1, 2, 0], "must hold only 0 \\(normal\\) and 1 \\(anomaly\\); found the values"),
        ([0.0, 0.5, 1.0, 0.0], "must hold only 0 \\(normal\\) and 1"),
        (["no", "yes", "no", "no"], "must hold only 0 \\(normal\\) and 1"),
        ([-1, 1, 1, 1], "must hold only 0 \\(normal\\) and 1"),
        ([0, 0, 0, 0], "holds no anomaly \\(no label 1\\).*Add labelled anomalies"),
        ([0, 1, 0], "X_val has 4 rows but y_val has 3 values"),
        ([[0, 1], [0, 1]], "y_val should be a 1D array"),
        ([0, np.nan, 1, 0], "Input y_val contains NaN"),
    ],
)
def test_bad_y_val(y_val, message):
    model = GaussianAnomalyDetector().fit(correlated_data(20, 2, seed=0))
    with pytest.raises(ValueError, match=message):
        model.select_threshold(correlated_data(4, 2, seed=1), y_val)


def test_boolean_labels_are_accepted():
    X, y = labelled_data(13)
    model = GaussianAnomalyDetector().fit(X[y == 0])
    as_int = model.select_threshold(X, y).epsilon_
    assert model.select_threshold(X, y.astype(bool)).epsilon_ == as_int


@pytest.mark.parametrize(
    "params, error, message",
    [
        ({"covariance": "spherical"}, ValueError, "covariance must be one of 'diagonal', 'full'"),
        ({"epsilon": -0.1}, ValueError, "epsilon must be >= 0"),
        ({"epsilon": "small"}, TypeError, "epsilon must be None or a number"),
        ({"epsilon": np.inf}, ValueError, "epsilon must be finite"),
    ],
)
def test_bad_hyperparameters(params, error, message):
    with pytest.raises(error, match=message):
        GaussianAnomalyDetector(**params).fit(correlated_data(10, 2, seed=0))


@pytest.mark.parametrize(
    "thresholds, error, message",
    [
        (0, ValueError, "thresholds must be >= 1"),
        ("all", ValueError, "thresholds must be one of 'midpoints'"),
        ([], ValueError, "non-empty array of ε values >= 0"),
        ([1e-3, -1.0], ValueError, "non-empty array of ε values >= 0"),
    ],
)
def test_bad_thresholds(thresholds, error, message):
    X, y = labelled_data(14)
    model = GaussianAnomalyDetector().fit(X)
    with pytest.raises(error, match=message):
        model.select_threshold(X, y, thresholds=thresholds)


def test_midpoints_rank_densities_that_underflow_in_784_dimensions():
    # log p of every example is near −1100 here: p and every ε underflow to 0, so only the
    # logs can rank them. The midpoints must still separate the shifted examples.
    rng = np.random.default_rng(0)
    normal = rng.normal(size=(2000, 784))
    X_val = rng.normal(size=(300, 784))
    y_val = np.zeros(300, dtype=int)
    y_val[:10] = 1
    X_val[:10] += 0.5
    model = GaussianAnomalyDetector().fit(normal).select_threshold(X_val, y_val, "midpoints")
    assert model.best_f1_ == 1.0
    assert model.epsilon_ == 0.0  # underflowed, yet the threshold in logs is right
    assert np.isfinite(model.log_epsilon_)
    np.testing.assert_array_equal(model.predict(X_val), y_val)
    assert len(np.unique(model.log_thresholds_)) == len(model.log_thresholds_)

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import cdist
from sklearn.base import clone
from sklearn.cluster import KMeans as SklearnKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score as sklearn_ari

import homemade.k_means.k_means as module
from homemade import KMeans as TopLevelKMeans
from homemade.datasets import load_iris
from homemade.exceptions import ConvergenceWarning, NotFittedError
from homemade.k_means import KMeans
from homemade.k_means.k_means import (
    assign,
    kmeans_plusplus,
    lloyd,
    reseed_empty_clusters,
    squared_distances,
    update,
)
from homemade.metrics import adjusted_rand_score
from homemade.model_selection import train_test_split

SHAPES = [(200, 2, 3), (500, 5, 4), (1000, 10, 6), (300, 3, 8)]


def blobs(m, n, k, seed=0, std=1.0):
    X, y = make_blobs(n_samples=m, n_features=n, centers=k, cluster_std=std, random_state=seed)
    return X, y


def matching_rows(seeds, X):
    """How many rows of X each seed equals (up to the rounding of centering and back)."""
    return np.isclose(seeds[:, None, :], X[None, :, :], rtol=0, atol=1e-12).all(axis=2)


def exact_inertia(X, centers, labels):
    return float(((X - centers[labels]) ** 2).sum())


# ---------------------------------------------------------------- against scikit-learn


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_inertia_matches_sklearn_best_of_ten(m, n, k):
    X, y = blobs(m, n, k, seed=m + n, std=1.5)
    ours = KMeans(n_clusters=k, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    # At least as good as scikit-learn's best of 10; where both reach the same minimum,
    # it is the same partition.
    assert ours.inertia_ <= theirs.inertia_ * (1 + 1e-9)
    if ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-9):
        assert adjusted_rand_score(theirs.labels_, ours.labels_) == 1.0
    assert ours.inertia_ == pytest.approx(
        exact_inertia(X, ours.cluster_centers_, ours.labels_), rel=1e-10
    )


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_same_start_gives_the_same_lloyd_run_as_sklearn(m, n, k):
    # From the same initial centroids Lloyd's algorithm is deterministic, so both
    # implementations must end on the same centroids and labels.
    rng = np.random.default_rng(k)
    X = rng.normal(size=(m, n)) * rng.uniform(0.5, 3, size=n)
    start = X[rng.choice(m, size=k, replace=False)]
    ours = KMeans(n_clusters=k, init=start, tol=0.0, max_iter=1000).fit(X)
    theirs = SklearnKMeans(
        n_clusters=k, init=start, n_init=1, tol=0.0, max_iter=1000, algorithm="lloyd"
    ).fit(X)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_allclose(
        ours.cluster_centers_, theirs.cluster_centers_, rtol=1e-10, atol=1e-12
    )
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-10)


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_transform_predict_score_match_sklearn_on_the_same_centroids(m, n, k):
    X, _ = blobs(m, n, k, seed=3)
    rng = np.random.default_rng(1)
    X_new = rng.normal(size=(50, n)) * 5
    ours = KMeans(n_clusters=k, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=k, init=ours.cluster_centers_, n_init=1, max_iter=1)
    theirs.fit(X)
    # One sklearn iteration from our converged centroids leaves them where they are.
    np.testing.assert_allclose(
        theirs.cluster_centers_, ours.cluster_centers_, rtol=1e-10, atol=1e-12
    )
    np.testing.assert_allclose(ours.transform(X_new), theirs.transform(X_new), rtol=1e-9)
    np.testing.assert_array_equal(ours.predict(X_new), theirs.predict(X_new))
    assert ours.score(X_new) == pytest.approx(theirs.score(X_new), rel=1e-10)


@pytest.mark.parametrize("m, a, b", [(10, 2, 3), (150, 3, 3), (1000, 5, 8), (57, 1, 4)])
def test_adjusted_rand_score_matches_sklearn(m, a, b):
    rng = np.random.default_rng(m)
    true = rng.integers(a, size=m)
    pred = rng.integers(b, size=m)
    # Half agreeing labels, so that the score is not only near 0.
    noisy = np.where(rng.random(m) < 0.5, true, pred)
    for x, y in ((true, pred), (true, noisy), (noisy, true)):
        assert adjusted_rand_score(x, y) == pytest.approx(sklearn_ari(x, y), abs=1e-12)


def test_adjusted_rand_score_ignores_label_names_and_handles_degenerate_cases():
    assert adjusted_rand_score([0, 0, 1, 1, 2], ["b", "b", "a", "a", "c"]) == 1.0
    assert adjusted_rand_score([0, 0, 0], [5, 5, 5]) == 1.0
    assert adjusted_rand_score([0, 1, 2], [2, 0, 1]) == 1.0
    assert adjusted_rand_score([0, 1, 2], [0, 0, 0]) == sklearn_ari([0, 1, 2], [0, 0, 0])
    with pytest.raises(ValueError, match="must match"):
        adjusted_rand_score([0, 1], [0, 1, 1])


# ---------------------------------------------------------------- the core functions


@pytest.mark.parametrize("m, n, k", [(1, 1, 1), (50, 2, 3), (300, 7, 10), (40, 784, 5)])
@pytest.mark.parametrize("offset", [0.0, 100.0])
def test_squared_distances_match_scipy_cdist(m, n, k, offset):
    rng = np.random.default_rng(m + n + k)
    X = rng.normal(size=(m, n)) + offset
    centers = rng.normal(size=(k, n)) + offset
    expected = cdist(X, centers, "sqeuclidean")
    # The expansion ‖x‖² − 2x·c + ‖c‖² cancels terms of size ‖x‖² ≈ n·offset²: its
    # absolute error is a few ulps of that, not of the (smaller) distance.
    scale = np.finfo(float).eps * n * (1 + offset) ** 2
    np.testing.assert_allclose(
        squared_distances(X, centers), expected, rtol=1e-12, atol=100 * scale
    )


def test_squared_distances_are_never_negative():
    # Each point is one of the centroids: the true distance is 0, rounding may not go below.
    X = np.random.default_rng(0).normal(size=(200, 3)) * 1e3 + 1e4
    d = squared_distances(X, X[:20])
    assert d.min() >= 0.0
    np.testing.assert_allclose(np.diag(d[:20]), 0.0, atol=1e-4)


def test_assign_and_update_on_a_hand_made_case():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [9.0, 9.0], [11.0, 9.0], [10.0, 12.0]])
    centers = np.array([[1.0, 1.0], [10.0, 10.0]])
    labels = assign(squared_distances(X, centers))
    np.testing.assert_array_equal(labels, [0, 0, 1, 1, 1])
    np.testing.assert_allclose(update(X, labels, 2), [[1.0, 0.0], [10.0, 10.0]], rtol=1e-15)
    # A tie goes to the lowest index, as with np.argmin.
    assert assign(squared_distances(np.array([[0.0]]), np.array([[-1.0], [1.0]])))[0] == 0


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_update_is_the_mean_of_each_cluster(m, n, k):
    # The sparse one-hot product R X / row sums of R against one cluster at a time.
    rng = np.random.default_rng(m)
    X = rng.normal(size=(m, n)) * 10.0 ** rng.integers(-3, 4, size=n)
    labels = rng.permutation(np.arange(m) % k)  # every cluster has a point
    expected = np.array([X[labels == j].mean(axis=0) for j in range(k)])
    np.testing.assert_allclose(update(X, labels, k), expected, rtol=1e-12, atol=1e-15)


def test_reseed_empty_clusters_takes_the_farthest_point_of_a_shared_cluster():
    labels = np.array([0, 0, 0, 1])
    closest = np.array([0.1, 5.0, 0.2, 9.0])  # point 3 is farther, but alone in cluster 1
    np.testing.assert_array_equal(reseed_empty_clusters(labels, closest, 3), [0, 2, 0, 1])
    # Nothing empty: the labels come back unchanged.
    np.testing.assert_array_equal(reseed_empty_clusters(labels, closest, 2), labels)


def test_lloyd_returns_its_history_and_stops_when_nothing_moves():
    X, _ = blobs(200, 2, 3, seed=0)
    centers, labels, costs, history, converged = lloyd(X, X[:3].copy(), max_iter=100, tol=0.0)
    assert converged
    assert costs.shape == (len(history),)
    # The last update moved nothing: the last two centroid sets are identical.
    np.testing.assert_array_equal(history[-1], history[-2])
    np.testing.assert_array_equal(history[-1], centers)
    np.testing.assert_array_equal(labels, assign(squared_distances(X, centers)))


def test_kmeans_plusplus_returns_k_rows_of_X():
    X, _ = blobs(300, 4, 5, seed=1)
    centers = kmeans_plusplus(X, 5, np.random.default_rng(0))
    assert centers.shape == (5, 4)
    assert np.all(matching_rows(centers, X).sum(axis=1) >= 1)


def test_n_iter_is_an_int_and_cost_history_a_non_increasing_float_vector():
    X, _ = blobs(500, 3, 4, seed=2, std=3.0)
    km = KMeans(n_clusters=4, init="random", n_init=2, random_state=0).fit(X)
    assert type(km.n_iter_) is int
    h = km.cost_history_
    assert isinstance(h, np.ndarray) and h.ndim == 1 and h.dtype == np.float64
    assert len(h) == km.n_iter_ + 1
    # Each step minimizes J over the labels or the centroids; only rounding may wobble.
    assert np.all(np.diff(h) <= 1e-12 * h[:-1])


# ---------------------------------------------------------------- against calculus


@pytest.mark.parametrize("m, n, k", SHAPES)
def test_update_step_is_a_stationary_point_by_finite_differences(m, n, k):
    # With the labels fixed, the inertia's gradient in the centroids is
    # −2 Σ (x − μ_j), zero at the means the update step computes.
    X, _ = blobs(m, n, k, seed=7, std=2.0)
    km = KMeans(n_clusters=k, random_state=0).fit(X)
    centers, labels = km.cluster_centers_, km.labels_
    eps = 1e-4
    gradient = np.zeros_like(centers)
    for j in range(k):
        for f in range(n):
            step = np.zeros_like(centers)
            step[j, f] = eps
            up = exact_inertia(X, centers + step, labels)
            down = exact_inertia(X, centers - step, labels)
            gradient[j, f] = (up - down) / (2 * eps)
    analytic = np.array([-2 * (X[labels == j] - centers[j]).sum(axis=0) for j in range(k)])
    np.testing.assert_allclose(gradient, analytic, atol=1e-5 * m)
    np.testing.assert_allclose(analytic, 0.0, atol=1e-8 * m)


# ---------------------------------------------------------------- invariants


@pytest.mark.parametrize("m, n, k", [(300, 2, 5), (1000, 4, 10), (150, 8, 3), (2000, 3, 20)])
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_inertia_never_increases(m, n, k, init):
    rng = np.random.default_rng(m * k)
    # Unstructured data makes Lloyd's algorithm take many small steps.
    X = rng.uniform(-1, 1, size=(m, n))
    km = KMeans(n_clusters=k, init=init, n_init=3, tol=0.0, max_iter=500, random_state=1)
    km.fit(X)
    history = km.cost_history_
    assert len(history) == km.n_iter_ + 1 >= 3
    # Each step is a minimization; only the last bits of the float sums may wobble.
    assert np.all(np.diff(history) <= 1e-12 * history[:-1])
    assert history[-1] == km.inertia_
    assert km.cluster_centers_history_.shape == (km.n_iter_ + 1, k, n)
    np.testing.assert_array_equal(km.cluster_centers_history_[-1], km.cluster_centers_)
    for t in (0, len(history) // 2, len(history) - 1):
        labels = squared_distances(X, km.cluster_centers_history_[t]).argmin(axis=1)
        assert history[t] == pytest.approx(
            exact_inertia(X, km.cluster_centers_history_[t], labels), rel=1e-10
        )


def test_empty_cluster_is_reseeded_at_the_farthest_point():
    X = np.array([[0.0], [1.0], [3.0], [10.0], [11.0]])
    # Nothing is near 100, so cluster 2 is empty after the first assignment.
    start = np.array([[1.0], [10.5], [100.0]])
    km = KMeans(n_clusters=3, init=start).fit(X)
    assert np.isfinite(km.cluster_centers_history_).all()
    # The point farthest from its centroid (3, at distance 2 from 1) seeds cluster 2.
    np.testing.assert_array_equal(km.cluster_centers_history_[1], [[0.5], [10.5], [3.0]])
    np.testing.assert_array_equal(km.labels_, [0, 0, 2, 1, 1])
    assert km.inertia_ == pytest.approx(0.5 + 0.5)
    assert np.all(np.diff(km.cost_history_) <= 0)


def test_several_empty_clusters_all_get_points():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    start = np.vstack([X[:2], np.full((4, 2), 1e3) + np.arange(4)[:, None]])
    km = KMeans(n_clusters=6, init=start).fit(X)
    assert np.isfinite(km.cluster_centers_).all()
    assert np.all(np.bincount(km.labels_, minlength=6) >= 1)


def test_fewer_distinct_points_than_clusters_warns_and_stays_finite():
    X = np.repeat([[0.0, 0.0], [1.0, 1.0], [5.0, 0.0]], 4, axis=0)
    with pytest.warns(ConvergenceWarning, match="only 3 distinct points, fewer than n_clusters=5"):
        km = KMeans(n_clusters=5, random_state=0).fit(X)
    assert np.isfinite(km.cluster_centers_).all()
    assert km.inertia_ == pytest.approx(0.0, abs=1e-12)


def test_max_iter_running_out_warns():
    X = np.random.default_rng(0).uniform(size=(500, 2))
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        KMeans(n_clusters=10, init="random", n_init=1, max_iter=1, random_state=0).fit(X)


def test_kmeans_plusplus_seeds_are_distinct_data_points():
    X, _ = blobs(500, 3, 5, seed=2)
    for seed in range(5):
        km = KMeans(n_clusters=5, n_init=1, max_iter=1, tol=1e9, random_state=seed).fit(X)
        seeds = km.cluster_centers_history_[0]
        assert np.all(matching_rows(seeds, X).sum(axis=1) >= 1)
        assert len(np.unique(seeds, axis=0)) == 5


def test_kmeans_plusplus_never_picks_a_point_already_covered():
    # Only 4 distinct points; D² sampling gives a chosen point (and its copies) weight 0,
    # so the 4 seeds are exactly the 4 distinct points, every time.
    X = np.repeat([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [9.0, 9.0]], [50, 1, 1, 50], axis=0)
    for seed in range(20):
        km = KMeans(n_clusters=4, n_init=1, max_iter=1, tol=1e9, random_state=seed).fit(X)
        seeds = km.cluster_centers_history_[0]
        assert len(np.unique(seeds, axis=0)) == 4


def test_kmeans_plusplus_puts_one_seed_in_each_separated_blob():
    # Six blobs 10 apart with spread 0.3: no seed should land twice in one blob.
    grid = np.array([[0, 0], [10, 0], [20, 0], [0, 10], [10, 10], [20, 10]], dtype=float)
    X, y = make_blobs(n_samples=800, centers=grid, cluster_std=0.3, random_state=5)
    for seed in range(10):
        km = KMeans(n_clusters=6, n_init=1, max_iter=1, tol=1e9, random_state=seed).fit(X)
        seeds = km.cluster_centers_history_[0]
        matches = matching_rows(seeds, X)
        assert np.all(matches.sum(axis=1) == 1)
        blob_of_seed = y[matches.argmax(axis=1)]
        assert sorted(blob_of_seed) == list(range(6))


def test_random_init_seeds_are_distinct_rows():
    X, _ = blobs(100, 2, 3, seed=0)
    km = KMeans(n_clusters=7, init="random", n_init=1, max_iter=1, tol=1e9, random_state=3)
    seeds = km.fit(X).cluster_centers_history_[0]
    matches = matching_rows(seeds, X)
    assert np.all(matches.sum(axis=1) == 1)
    assert len(set(matches.argmax(axis=1))) == 7


def test_restarts_keep_the_lowest_inertia():
    X, _ = blobs(300, 2, 6, seed=4, std=2.5)
    single = [
        KMeans(n_clusters=6, init="random", n_init=1, random_state=s).fit(X).inertia_
        for s in range(5)
    ]
    many = KMeans(n_clusters=6, init="random", n_init=20, random_state=0).fit(X).inertia_
    assert many <= min(single) + 1e-9


# ---------------------------------------------------------------- Iris: the demo's results


def iris_features(columns):
    iris = load_iris()
    return iris[columns].to_numpy(), iris["species"].to_numpy()


PETALS = ["petal_length", "petal_width"]


def test_iris_petals_clusters_recover_the_species_as_in_the_demo():
    X, species = iris_features(PETALS)
    ours = KMeans(n_clusters=3, random_state=0).fit(X)
    theirs = SklearnKMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
    # Both reach the same partition, so J agrees to rounding (relative 1e-9 is generous).
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-9)
    assert adjusted_rand_score(ours.labels_, theirs.labels_) == 1.0
    assert adjusted_rand_score(species, ours.labels_) >= 0.88  # 0.8857: 6 border flowers
    assert np.all(np.diff(ours.cost_history_) <= 1e-12 * ours.cost_history_[:-1])
    X_train, X_test, _, s_test = train_test_split(
        X, species, test_size=0.33, stratify=species, random_state=0
    )
    held_out = KMeans(n_clusters=3, random_state=0).fit(X_train)
    assert adjusted_rand_score(s_test, held_out.predict(X_test)) >= 0.8  # 0.8314


def test_iris_four_features_reach_the_known_optimum():
    X, _ = iris_features(["sepal_length", "sepal_width", "petal_length", "petal_width"])
    # 78.851 is the best known J for k = 3 on Fisher's four features.
    assert KMeans(n_clusters=3, random_state=0).fit(X).inertia_ <= 78.86


@pytest.mark.parametrize("init, k", [("k-means++", 3), ("random", 3), ("k-means++", 2)])
def test_lloyd_written_out_as_in_the_demo_lands_on_the_estimator(init, k):
    # The demo's loop: assign and update from the kept run's start, the estimator's rule
    # to stop. It must end on the same labels, and on the same centroids up to the
    # rounding of the estimator's centering (means of the same points: ~1e-15 cm).
    X, _ = iris_features(PETALS)
    model = KMeans(n_clusters=k, init=init, random_state=0).fit(X)
    mu, tol = model.cluster_centers_history_[0], 1e-4 * X.var(axis=0).mean()
    n_updates, shift = 0, np.inf
    while shift > tol and n_updates < 300:
        c = assign(squared_distances(X, mu))
        mu_new = update(X, c, k)
        shift = ((mu_new - mu) ** 2).sum()
        mu, n_updates = mu_new, n_updates + 1
    c = assign(squared_distances(X, mu))
    assert n_updates == model.n_iter_
    np.testing.assert_array_equal(c, model.labels_)
    np.testing.assert_allclose(mu, model.cluster_centers_, rtol=0, atol=1e-12)
    assert ((X - mu[c]) ** 2).sum() == pytest.approx(model.inertia_, rel=1e-12)


def test_same_random_state_same_result_and_generator_accepted():
    X, _ = blobs(400, 3, 5, seed=1, std=3.0)
    a = KMeans(n_clusters=5, init="random", n_init=2, random_state=42).fit(X)
    b = KMeans(n_clusters=5, init="random", n_init=2, random_state=42).fit(X)
    np.testing.assert_array_equal(a.cluster_centers_history_, b.cluster_centers_history_)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    c = KMeans(n_clusters=5, random_state=np.random.default_rng(0)).fit(X)
    d = KMeans(n_clusters=5, random_state=np.random.default_rng(0)).fit(X)
    np.testing.assert_array_equal(c.cluster_centers_, d.cluster_centers_)


def test_predict_fit_predict_transform_and_score_agree():
    X, _ = blobs(300, 4, 4, seed=9)
    km = KMeans(n_clusters=4, random_state=0)
    labels = km.fit_predict(X)
    np.testing.assert_array_equal(labels, km.labels_)
    np.testing.assert_array_equal(km.predict(X), km.labels_)
    # One row alone is predicted as in the batch.
    assert km.predict(X[7:8])[0] == km.labels_[7]
    distances = km.transform(X)
    assert distances.shape == (300, 4)
    np.testing.assert_array_equal(distances.argmin(axis=1), km.labels_)
    assert km.score(X) == pytest.approx(-km.inertia_, rel=1e-12)
    np.testing.assert_allclose(km.fit_transform(X), distances)


def test_far_from_origin_data_keeps_its_precision():
    X, _ = blobs(300, 3, 4, seed=6)
    near = KMeans(n_clusters=4, random_state=0).fit(X)
    far = KMeans(n_clusters=4, random_state=0).fit(X + 1e6)
    np.testing.assert_array_equal(near.labels_, far.labels_)
    assert far.inertia_ == pytest.approx(near.inertia_, rel=1e-6)


@pytest.mark.parametrize("offset", [1e7, 1e8])
def test_predict_transform_and_score_agree_with_fit_far_from_the_origin(offset):
    # fit centres X; predict, transform and score must centre it the same way. Before they
    # did, predict(X) differed from labels_ on 13 of these 2,000 points at 1e7 and on 357 at
    # 1e8, where -score(X) was 1,600 against inertia_ 846.
    X, _ = make_blobs(n_samples=2000, n_features=2, centers=3, cluster_std=0.5, random_state=0)
    near = KMeans(n_clusters=4, random_state=0).fit(X)
    km = KMeans(n_clusters=4, random_state=0).fit(X + offset)
    np.testing.assert_array_equal(km.labels_, near.labels_)
    np.testing.assert_array_equal(km.predict(X + offset), km.labels_)
    np.testing.assert_array_equal(km.transform(X + offset).argmin(axis=1), km.labels_)
    # The centring keeps ~8 of the 16 digits at 1e8 (ulp(1e8) = 1.5e-8 on distances ~1).
    assert -km.score(X + offset) == pytest.approx(km.inertia_, rel=1e-6)
    assert km.inertia_ == pytest.approx(near.inertia_, rel=1e-6)
    np.testing.assert_allclose(km.transform(X + offset), near.transform(X), atol=1e-6)


def test_dataframe_input_clone_and_repr():
    X, _ = blobs(60, 2, 3, seed=0)
    km = KMeans(n_clusters=3, random_state=0).fit(pd.DataFrame(X, columns=["a", "b"]))
    assert km.n_features_in_ == 2
    assert repr(clone(km)) == "KMeans(n_clusters=3, random_state=0)"
    assert TopLevelKMeans is KMeans
    assert km.get_params()["init"] == "k-means++"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("n_clusters", [0, -2])
def test_n_clusters_below_one(n_clusters):
    with pytest.raises(ValueError, match="n_clusters must be >= 1"):
        KMeans(n_clusters=n_clusters).fit(np.ones((5, 2)))


@pytest.mark.parametrize("n_clusters", [2.5, 3.0, "3", None, True])
def test_n_clusters_not_an_integer(n_clusters):
    with pytest.raises(TypeError, match="n_clusters must be an integer"):
        KMeans(n_clusters=n_clusters).fit(np.ones((5, 2)))


def test_more_clusters_than_samples():
    message = r"n_clusters=4 is larger than the number of samples \(3\)"
    with pytest.raises(ValueError, match=message):
        KMeans(n_clusters=4).fit(np.arange(6.0).reshape(3, 2))


@pytest.mark.parametrize(
    "params, error, message",
    [
        ({"n_init": 0}, ValueError, "n_init must be >= 1"),
        ({"n_init": 1.5}, TypeError, "n_init must be an integer"),
        ({"max_iter": 0}, ValueError, "max_iter must be >= 1"),
        ({"tol": -1.0}, ValueError, "tol must be >= 0"),
        ({"tol": "small"}, TypeError, "tol must be a number"),
        ({"init": "kmeans++"}, ValueError, r"init must be one of 'k-means\+\+', 'random'; got"),
        ({"init": 3}, TypeError, r"init must be one of .* or an array \(n_clusters, n_features\)"),
        ({"init": [[0.0, np.nan], [1.0, 1.0]]}, ValueError, "Input init contains NaN"),
        ({"init": np.zeros((3, 3))}, ValueError, r"init has shape \(3, 3\).*\(2, 2\)"),
        ({"random_state": "seed"}, TypeError, "random_state must be None"),
    ],
)
def test_bad_hyperparameters(params, error, message):
    with pytest.raises(error, match=message):
        KMeans(n_clusters=2, **params).fit(np.arange(10.0).reshape(5, 2))


def test_predict_with_a_different_number_of_features():
    km = KMeans(n_clusters=2, random_state=0).fit(np.arange(10.0).reshape(5, 2))
    for method in (km.predict, km.transform, km.score):
        with pytest.raises(ValueError, match="X has 3 features, but KMeans is expecting 2"):
            method(np.ones((4, 3)))


def test_use_before_fit():
    for method in ("predict", "transform", "score"):
        with pytest.raises(NotFittedError, match="not fitted yet"):
            getattr(KMeans(), method)(np.ones((3, 2)))


@pytest.mark.parametrize(
    "X, message",
    [
        (np.arange(5.0), "Expected 2D array, got 1D array"),
        ([[1.0, np.nan], [2.0, 3.0]], "Input X contains NaN"),
        ([[1.0, np.inf], [2.0, 3.0]], "Input X contains infinity"),
        (np.empty((0, 2)), "Found array with 0 sample"),
        ([["a", "b"], ["c", "d"]], "not numbers"),
        (np.ones((2, 2, 2)), "Expected 2D array, got 3D array"),
    ],
)
def test_bad_X(X, message):
    with pytest.raises(ValueError, match=message):
        KMeans(n_clusters=1).fit(X)
    km = KMeans(n_clusters=1).fit(np.ones((3, 2)))
    if np.ndim(X) == 2 and np.shape(X)[1] == 2:
        with pytest.raises(ValueError, match=message):
            km.predict(X)


def test_restarts_that_tie_up_to_rounding_keep_the_first(monkeypatch):
    # Runs that end on the same partition differ only in the last bits of J, which depend
    # on the BLAS kernel: the first of them must win, not the one rounding favours.
    finals = iter([1.0, 1.0 - 1e-14, 2.0])
    real_lloyd = module.lloyd

    def lloyd_with_set_costs(X, centers, max_iter, tol):
        centers, labels, costs, history, converged = real_lloyd(X, centers, max_iter, tol)
        costs = costs.copy()
        costs[-1] = next(finals)
        return centers, labels, costs, history, converged

    monkeypatch.setattr(module, "lloyd", lloyd_with_set_costs)
    X, _ = blobs(60, 2, 3, seed=0)
    km = KMeans(n_clusters=3, n_init=3, random_state=0).fit(X)
    assert km.inertia_ == 1.0

"""scikit-learn interoperability: its own estimator checks, and its meta-estimators.

Every check of ``sklearn.utils.estimator_checks`` runs on every estimator (and on the
variants that take another code path: the normal equation, softmax, a full covariance).
A check may fail only where the estimator deliberately follows the course instead of
scikit-learn; ``EXPECTED_FAILURES`` lists each such check with its reason, and strict
xfail makes a check that starts passing fail here, so the list cannot go stale.
"""

import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_blobs, make_regression
from sklearn.exceptions import NotFittedError as SklearnNotFittedError
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from homemade import (
    PCA,
    GaussianAnomalyDetector,
    KMeans,
    LinearRegression,
    LogisticRegression,
    MultilayerPerceptron,
    NotFittedError,
)
from homemade.exceptions import ConvergenceWarning, DataConversionWarning

# Small settings: the checks fit on a few hundred rows at most, and the whole file must
# stay fast on a busy machine. The MLP needs mini-batches of 32 to learn scikit-learn's
# blobs to > 83 % training accuracy (check_classifiers_train) within 50 epochs.
ESTIMATORS = [
    # Every estimator as a learner first meets it, default-constructed ...
    LinearRegression(),
    LogisticRegression(),
    KMeans(),
    MultilayerPerceptron(),
    GaussianAnomalyDetector(),
    PCA(),
    # ... and the variants that take another code path.
    LinearRegression(solver="normal_equation", polynomial_degree=2),
    LogisticRegression(max_iter=200),
    LogisticRegression(multi_class="softmax", max_iter=200),
    LogisticRegression(multi_class="softmax", max_iter=200, dtype="float32"),
    KMeans(n_clusters=3, n_init=2, max_iter=50, random_state=0),
    MultilayerPerceptron(hidden_layer_sizes=(16,), batch_size=32, max_iter=50, random_state=0),
    GaussianAnomalyDetector(covariance="full"),
    PCA(n_components=0.9, dtype="float32"),
]

_COURSE_LABELS = (
    "predict follows the course: 1 = anomaly, 0 = normal (scikit-learn's outlier detectors "
    "return -1/+1)"
)
EXPECTED_FAILURES = {
    GaussianAnomalyDetector: {
        "check_outliers_train": (
            f"{_COURSE_LABELS}; and score_samples is the density p(x) as in the course, "
            "not decision_function + offset_"
        ),
        "check_outliers_fit_predict": (
            f"{_COURSE_LABELS}; and ε is a density threshold, not a contamination share"
        ),
    },
}


def expected_failed_checks(estimator):
    failures = dict(EXPECTED_FAILURES.get(type(estimator), {}))
    if isinstance(estimator, LinearRegression) and estimator.solver == "normal_equation":
        failures["check_non_transformer_estimators_n_iter"] = (
            "the normal equation is solved in closed form: it takes no iterations, so "
            "n_iter_ is 0 and max_iter (a gradient-descent setting) is unused"
        )
    return failures


# parametrize_with_checks warns, while collecting, that our estimators do not inherit
# from sklearn.base.BaseEstimator: that is the point of this repository (the base class
# is written from scratch), so the warning is silenced here and only here.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base")
    _sklearn_checks = parametrize_with_checks(
        ESTIMATORS, expected_failed_checks=expected_failed_checks, xfail_strict=True
    )


@_sklearn_checks
@pytest.mark.filterwarnings("ignore::homemade.exceptions.ConvergenceWarning")
@pytest.mark.filterwarnings("ignore:.*does not inherit from `sklearn.base")
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# ------------------------------------------------------------------ NotFittedError


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_not_fitted_error_is_ours_and_sklearns(estimator):
    X = np.ones((3, 2))
    # PCA is a transformer: it has no predict.
    method = getattr(estimator, "predict", None) or estimator.transform
    with pytest.raises(NotFittedError, match="not fitted yet") as caught:
        method(X)
    # sklearn is imported (by this file), so the error is also scikit-learn's own.
    assert isinstance(caught.value, SklearnNotFittedError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, AttributeError)
    assert type(caught.value).__name__ == "NotFittedError"


def test_library_does_not_import_sklearn():
    # Without scikit-learn loaded, the error is the plain homemade one and nothing pulls
    # scikit-learn in: it is a test dependency only.
    code = textwrap.dedent(
        """
        import sys
        import numpy as np
        import homemade
        from homemade import LinearRegression, NotFittedError
        try:
            LinearRegression().predict(np.ones((2, 2)))
        except NotFittedError as error:
            assert type(error) is NotFittedError, type(error).__mro__
        else:
            raise SystemExit("no error")
        LinearRegression().fit(np.eye(3), [1.0, 2.0, 3.0]).predict(np.eye(3))
        assert "sklearn" not in sys.modules, "homemade imported scikit-learn"
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ------------------------------------------------- clone, Pipeline, GridSearchCV, CV


def _regression_data():
    X, y = make_regression(n_samples=120, n_features=3, noise=5.0, random_state=0)
    # Columns on very different scales, so that the StandardScaler step does something.
    return X * [1.0, 100.0, 0.01], y


def _blobs(n_samples=150):
    centers = [[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]]
    X, y = make_blobs(n_samples=n_samples, centers=centers, cluster_std=1.0, random_state=0)
    return X * [1.0, 50.0], y


def _anomaly_data():
    rng = np.random.default_rng(0)
    normal = rng.normal(0.0, 1.0, size=(200, 2))
    anomalies = rng.uniform(6.0, 9.0, size=(20, 2)) * rng.choice([-1, 1], size=(20, 2))
    X = np.vstack([normal, anomalies]) * [1.0, 1000.0]
    y = np.r_[np.zeros(200, dtype=int), np.ones(20, dtype=int)]
    return X, y


# Each case: an estimator, its data, a small grid, scoring and cross-validation for the
# searches, and the least mean cross-validated score a working model reaches.
CASES = {
    "linear_regression": (
        LinearRegression(),
        _regression_data,
        {"model__regularization": [0.0, 1000.0]},
        None,
        5,
        0.95,
    ),
    "logistic_regression": (
        LogisticRegression(),
        _blobs,
        {"model__regularization": [0.1, 50.0]},
        None,
        5,
        0.9,
    ),
    "k_means": (
        KMeans(n_clusters=3, n_init=3, random_state=0),
        _blobs,
        {"model__n_clusters": [2, 3]},
        "adjusted_rand_score",
        5,
        0.8,
    ),
    "multilayer_perceptron": (
        MultilayerPerceptron(hidden_layer_sizes=(16,), batch_size=32, max_iter=30,
                             random_state=0),
        _blobs,
        {"model__hidden_layer_sizes": [(4,), (16,)]},
        None,
        5,
        0.9,
    ),
    # Choosing ε by F1 on labelled data is what the course does with select_threshold;
    # GridSearchCV does the same with scikit-learn's tools. Stratified folds put anomalies
    # in every test fold, so F1 is always defined.
    "anomaly_detection": (
        GaussianAnomalyDetector(epsilon=1e-3),
        _anomaly_data,
        {"model__epsilon": [1e-5, 1e-3, 1e-1]},
        "f1",
        StratifiedKFold(5, shuffle=True, random_state=0),
        0.8,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_clone(name):
    estimator = CASES[name][0]
    data = CASES[name][1]
    fitted = clone(estimator).fit(*data())
    copy = clone(fitted)
    assert copy is not fitted
    assert type(copy) is type(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "n_features_in_")
    assert repr(copy) == repr(estimator)


@pytest.mark.parametrize("name", sorted(CASES))
def test_pipeline_with_standard_scaler(name):
    estimator, data = CASES[name][:2]
    X, y = data()
    pipe = Pipeline([("scale", StandardScaler()), ("model", clone(estimator))]).fit(X, y)
    model = pipe.named_steps["model"]
    assert model.n_features_in_ == X.shape[1]
    predicted = pipe.predict(X)
    assert predicted.shape == (len(X),)
    # The model saw scaled data: its predictions through the pipeline equal its own
    # predictions on the data scaled by the fitted scaler.
    scaled = pipe.named_steps["scale"].transform(X)
    np.testing.assert_array_equal(predicted, model.predict(scaled))


@pytest.mark.parametrize("name", sorted(CASES))
def test_grid_search(name):
    estimator, data, grid, scoring, cv, least = CASES[name]
    X, y = data()
    pipe = Pipeline([("scale", StandardScaler()), ("model", clone(estimator))])
    search = GridSearchCV(pipe, grid, scoring=scoring, cv=cv).fit(X, y)
    (parameter, values), = grid.items()
    assert search.best_params_[parameter] in values
    scores = search.cv_results_["mean_test_score"]
    assert len(scores) == len(values)
    assert np.all(np.isfinite(scores))
    assert search.best_score_ >= least
    # refit=True: the best setting is refitted on all the data and predicts.
    assert search.best_estimator_.named_steps["model"].get_params()[
        parameter.removeprefix("model__")
    ] == search.best_params_[parameter]
    assert search.predict(X).shape == (len(X),)


@pytest.mark.parametrize("name", sorted(CASES))
def test_cross_val_score(name):
    estimator, data, _grid, scoring, cv, least = CASES[name]
    X, y = data()
    pipe = Pipeline([("scale", StandardScaler()), ("model", clone(estimator))])
    scores = cross_val_score(pipe, X, y, scoring=scoring, cv=cv)
    assert scores.shape == (5,)
    assert np.all(np.isfinite(scores))
    assert scores.mean() >= least


def test_grid_search_best_choices_are_the_expected_ones():
    # Beyond "it runs": the search picks what the data call for.
    X, y = _blobs()
    pipe = Pipeline([("scale", StandardScaler()), ("model", KMeans(n_init=3, random_state=0))])
    search = GridSearchCV(
        pipe, {"model__n_clusters": [2, 3, 4]}, scoring="adjusted_rand_score", cv=5
    ).fit(X, y)
    assert search.best_params_ == {"model__n_clusters": 3}

    X, y = _anomaly_data()
    pipe = Pipeline([("scale", StandardScaler()), ("model", GaussianAnomalyDetector())])
    # ε = 0 flags nothing (F1 = 0); ε = 1 flags everything.
    grid = {"model__epsilon": [0.0, 1e-3, 1.0]}
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        # F1 with nothing flagged is reported as 0 with scikit-learn's warning; expected.
        warnings.filterwarnings("ignore", message=".*Precision is ill-defined")
        search = GridSearchCV(pipe, grid, scoring="f1", cv=cv).fit(X, y)
    assert search.best_params_ == {"model__epsilon": 1e-3}


def test_convergence_warning_is_not_silenced_by_sklearn():
    # Through a pipeline, our ConvergenceWarning still reaches the user.
    X, y = _regression_data()
    pipe = Pipeline([("scale", StandardScaler()), ("model", LinearRegression(max_iter=2))])
    with pytest.warns(ConvergenceWarning, match="max_iter=2"):
        pipe.fit(X, y)


@pytest.mark.parametrize("name", ["linear_regression", "logistic_regression",
                                  "multilayer_perceptron"])
def test_column_vector_y_warns_and_fits_the_same(name):
    estimator, data = CASES[name][:2]
    X, y = data()
    expected = clone(estimator).fit(X, y).predict(X)
    with pytest.warns(DataConversionWarning, match=r"column-vector y .*y\.ravel\(\)"):
        model = clone(estimator).fit(X, y.reshape(-1, 1))
    np.testing.assert_array_equal(model.predict(X), expected)

"""Bad input, everywhere: every public method of every estimator, and the loaders.

One table of bad inputs (CONTRIBUTING.md, "The estimator shape") is fed to every public entry
point that reads data. Each must raise the documented exception type with a message that
names the problem; nothing may slip through to a NumPy error or a wrong answer.
"""

import functools
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse

from homemade import (
    PCA,
    GaussianAnomalyDetector,
    KMeans,
    LinearRegression,
    LogisticRegression,
    MultilayerPerceptron,
    NotFittedError,
)
from homemade.datasets import fetch, load_mnist, read_idx
from homemade.exceptions import ConvergenceWarning

N_SAMPLES, N_FEATURES = 30, 2

# Small, quick settings: only the input checks are under test here.
FACTORIES = {
    "LinearRegression": lambda: LinearRegression(),
    "LogisticRegression": lambda: LogisticRegression(),
    "KMeans": lambda: KMeans(n_clusters=2, n_init=1, random_state=0),
    "MultilayerPerceptron": lambda: MultilayerPerceptron(
        hidden_layer_sizes=(4,), max_iter=2, random_state=0
    ),
    "GaussianAnomalyDetector": lambda: GaussianAnomalyDetector(),
    "PCA": lambda: PCA(n_components=2),
}
TARGETS = {
    "LinearRegression": "continuous",
    "LogisticRegression": "classes",
    "KMeans": None,
    "MultilayerPerceptron": "classes",
    "GaussianAnomalyDetector": "anomaly",
    "PCA": None,
}

# Every public method that reads data: (needs a fitted model, takes y).
METHODS = {
    "LinearRegression": {
        "fit": (False, True),
        "predict": (True, False),
        "score": (True, True),
        "cost": (True, True),
    },
    "LogisticRegression": {
        "fit": (False, True),
        "predict": (True, False),
        "predict_proba": (True, False),
        "predict_log_proba": (True, False),
        "decision_function": (True, False),
        "score": (True, True),
    },
    "KMeans": {
        "fit": (False, False),
        "fit_predict": (False, False),
        "fit_transform": (False, False),
        "predict": (True, False),
        "transform": (True, False),
        "score": (True, False),
    },
    "MultilayerPerceptron": {
        "fit": (False, True),
        "predict": (True, False),
        "predict_proba": (True, False),
        "score": (True, True),
    },
    "GaussianAnomalyDetector": {
        "fit": (False, False),
        "fit_predict": (False, False),
        "predict": (True, False),
        "score_samples": (True, False),
        "log_density": (True, False),
        "decision_function": (True, False),
        "select_threshold": (True, True),
    },
    "PCA": {
        "fit": (False, False),
        "fit_transform": (False, False),
        "transform": (True, False),
        "inverse_transform": (True, False),
    },
}
# Public methods that take no data.
NO_DATA = {"get_params", "set_params"}


def good_X(n_samples=N_SAMPLES, n_features=N_FEATURES):
    return np.random.default_rng(0).normal(size=(n_samples, n_features))


def good_y(name, n_samples=N_SAMPLES):
    kind = TARGETS[name]
    if kind == "continuous":
        return np.linspace(0.0, 1.0, n_samples)
    if kind == "classes":
        return np.arange(n_samples) % 2
    if kind == "anomaly":
        return (np.arange(n_samples) % 10 == 0).astype(int)
    return None


@functools.cache
def fitted(name):
    # Shared between tests: the methods under test only read the fitted model (a bad
    # input is rejected before select_threshold changes anything).
    return FACTORIES[name]().fit(good_X(), good_y(name))


def call(estimator, method, X, y, takes_y):
    if takes_y:
        return getattr(estimator, method)(X, y)
    return getattr(estimator, method)(X)


# --------------------------------------------------------------------- the bad inputs
# Each: name -> (which methods it applies to, builder(name) -> (X, y), exception, regex).
# "any": every method; "fitted": methods that need a fitted model; "y": methods that read
# y; "fit": the fit of a supervised estimator. The regex may use {name}, the class name.


def _with(value):
    X = good_X()
    X[3, 1] = value
    return X


def _strings():
    return np.array([["a", "b"]] * N_SAMPLES)


def _objects():
    X = good_X().astype(object)
    X[0, 0] = {"not": "a number"}
    return X


def _frame_with_text():
    frame = pd.DataFrame(good_X(), columns=["size", "rooms"])
    frame["city"] = "Paris"
    return frame


BAD_X = {
    "1d_X": (lambda: good_X()[:, 0], ValueError,
             r"Expected 2D array, got 1D array.*reshape\(-1, 1\)"),
    "3d_X": (lambda: good_X().reshape(N_SAMPLES, 1, N_FEATURES), ValueError,
             r"Expected 2D array, got 3D array.*reshape\(len\(array\), -1\)"),
    "nan_X": (lambda: _with(np.nan), ValueError, r"Input X(_val)? contains NaN"),
    "inf_X": (lambda: _with(np.inf), ValueError, r"Input X(_val)? contains infinity"),
    "minus_inf_X": (lambda: _with(-np.inf), ValueError, r"Input X(_val)? contains infinity"),
    "empty_X": (lambda: np.empty((0, N_FEATURES)), ValueError,
                r"Found array with 0 sample\(s\) \(shape=\(0, 2\)\)"),
    "no_features_X": (lambda: np.empty((N_SAMPLES, 0)), ValueError,
                      r"Found array with 0 feature\(s\) \(shape=\(30, 0\)\)"),
    "strings_X": (_strings, ValueError, r"not numbers \(e\.g\. strings\)"),
    "objects_X": (_objects, TypeError, r"not numbers.*not 'dict'"),
    "text_column_X": (_frame_with_text, ValueError, r"non-numeric column\(s\) 'city'"),
    "complex_X": (lambda: good_X() + 1j, ValueError, r"Complex data not supported"),
    "sparse_X": (lambda: scipy.sparse.csr_matrix(good_X()), TypeError,
                 r"sparse matrix.*X\.toarray\(\)"),
    "string_as_X": (lambda: "data.csv", TypeError, r"must be an array-like.*string"),
}


def _mismatch(name):
    return good_y(name)[:-1]


def _y_with(name, value):
    y = good_y(name).astype(float if value is not None else object)
    y[3] = value
    return y


BAD_Y = {
    # score compares y with predict(X) through the metrics, which word it their own way.
    "mismatched_lengths": (_mismatch, ValueError,
                           r"inconsistent numbers of samples: X(_val)? has 30 rows but "
                           r"y(_val)? has 29|y_true has 29 values but y_pred has 30"),
    "nan_y": (lambda name: _y_with(name, np.nan), ValueError, r"Input y(_val|_true)? contains NaN"),
    "complex_y": (lambda name: good_y(name) + 1j, ValueError,
                  r"Complex data not supported: y(_val|_true)? holds complex numbers"),
    "2d_y": (lambda name: np.column_stack([good_y(name)] * 2), ValueError,
             r"y(_val|_true)? should be a 1D array, got an array of shape \(30, 2\)"),
}


def _cases():
    for name, methods in METHODS.items():
        for method, (needs_fit, takes_y) in methods.items():
            for bad in BAD_X:
                yield name, method, bad
            if needs_fit:
                yield name, method, "wrong_n_features"
                yield name, method, "not_fitted"
            if takes_y:
                for bad in BAD_Y:
                    yield name, method, bad
                if TARGETS[name] == "continuous":
                    yield name, method, "strings_y"


CASES = list(_cases())


@pytest.mark.parametrize(("name", "method", "bad"), CASES,
                         ids=["-".join(case) for case in CASES])
def test_bad_input_is_a_clear_error(name, method, bad):
    needs_fit, takes_y = METHODS[name][method]
    estimator = fitted(name) if needs_fit else FACTORIES[name]()
    X, y = good_X(), good_y(name)
    if bad in BAD_X:
        build, error, pattern = BAD_X[bad]
        X = build()
    elif bad in BAD_Y:
        build, error, pattern = BAD_Y[bad]
        y = build(name)
    elif bad == "wrong_n_features":
        X = good_X(n_features=3)
        error = ValueError
        pattern = rf"X has 3 features, but {name} is expecting 2 features as input"
    elif bad == "not_fitted":
        estimator = FACTORIES[name]()
        error = NotFittedError
        pattern = rf"This {name} instance is not fitted yet\. Call 'fit'"
    elif bad == "strings_y":
        y = np.array(["low", "high"] * (N_SAMPLES // 2))
        error = ValueError
        pattern = r"y(_true)? holds values that are not numbers"
    with pytest.raises(error, match=pattern):
        call(estimator, method, X, y, takes_y)


def test_the_table_covers_every_public_method():
    # A new public method must be added to METHODS (and so gets every bad input).
    for name, factory in FACTORIES.items():
        estimator = factory()
        public = {
            attribute
            for attribute in dir(estimator)
            if not attribute.startswith("_") and callable(getattr(estimator, attribute))
        }
        assert public - NO_DATA == set(METHODS[name]), name


def test_predict_after_a_failed_fit_still_says_not_fitted():
    # A fit that rejects its input leaves no half-fitted model behind.
    for name, factory in FACTORIES.items():
        estimator = factory()
        with pytest.raises(ValueError, match="NaN"):
            estimator.fit(_with(np.nan), good_y(name))
        # PCA is a transformer: it has no predict.
        method = getattr(estimator, "predict", None) or estimator.transform
        with pytest.raises(NotFittedError, match=f"This {name} instance is not fitted yet"):
            method(good_X())


# A fit that fails after the input checks, in the algorithm itself: gradient descent that
# diverges, a feature with no spread.
_DIVERGING = {
    "LinearRegression": lambda: LinearRegression(solver="gradient_descent", learning_rate=100.0),
    "LogisticRegression": lambda: LogisticRegression(solver="gradient_descent",
                                                     learning_rate=1e6),
}


@pytest.mark.parametrize("name", sorted(_DIVERGING))
def test_a_fit_that_fails_in_the_algorithm_leaves_the_model_as_it_was(name):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_SAMPLES, N_FEATURES)) * 10
    y = X @ [1.0, -2.0] if name == "LinearRegression" else (X[:, 0] > 0).astype(int)
    estimator = _DIVERGING[name]()
    with pytest.raises(ValueError, match="diverged"):
        estimator.fit(X, y)
    with pytest.raises(NotFittedError, match=f"This {name} instance is not fitted yet"):
        estimator.predict(X)
    # After a good fit, a failed refit on other data (other means and spreads, so another
    # standardization) keeps the good model whole.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # 5 steps: quick, not converged
        good = estimator.set_params(learning_rate=1e-3, max_iter=5).fit(X, y)
    before = good.predict(X)
    with pytest.raises(ValueError, match="diverged"):
        good.set_params(learning_rate=1e6, max_iter=50).fit(X[::-1] * 3 + 20, y[::-1])
    np.testing.assert_array_equal(good.predict(X), before)


def test_a_detector_refit_rejected_for_a_constant_feature_keeps_the_old_model():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_SAMPLES, N_FEATURES))
    detector = GaussianAnomalyDetector().fit(X)
    before = (detector.mean_.copy(), detector.predict(X), detector.score_samples(X))
    constant = np.column_stack([rng.normal(size=N_SAMPLES) + 5, np.ones(N_SAMPLES)])
    with pytest.raises(ValueError, match="constant|variance"):
        detector.fit(constant)
    np.testing.assert_array_equal(detector.mean_, before[0])
    np.testing.assert_array_equal(detector.predict(X), before[1])
    np.testing.assert_array_equal(detector.score_samples(X), before[2])


# ------------------------------------------------------------- data-specific errors


@pytest.mark.parametrize("name", ["LogisticRegression", "MultilayerPerceptron"])
def test_a_classifier_needs_two_classes(name):
    with pytest.raises(ValueError, match=r"at least 2 classes.*only one class: 7"):
        FACTORIES[name]().fit(good_X(), np.full(N_SAMPLES, 7))


@pytest.mark.parametrize("name", ["LogisticRegression", "MultilayerPerceptron"])
def test_a_classifier_rejects_a_continuous_target(name):
    with pytest.raises(ValueError, match=r"Unknown label type: y looks continuous"):
        FACTORIES[name]().fit(good_X(), np.linspace(0.0, 1.0, N_SAMPLES))


def test_k_means_needs_more_samples_than_clusters():
    with pytest.raises(ValueError, match=r"n_clusters=5 is larger than the number of samples"
                                         r" \(3\).*n_clusters <= 3"):
        KMeans(n_clusters=5).fit(good_X(n_samples=3))


def test_anomaly_detector_needs_two_samples():
    with pytest.raises(ValueError, match=r"needs at least 2 samples.*got 1 sample"):
        GaussianAnomalyDetector().fit(good_X(n_samples=1))


def test_supervised_fit_needs_y():
    for name in ("LinearRegression", "LogisticRegression", "MultilayerPerceptron"):
        with pytest.raises(ValueError, match=rf"{name} requires y to be passed"):
            FACTORIES[name]().fit(good_X(), None)


# ------------------------------------------------------------------------- loaders


@pytest.mark.parametrize("subset", ["bad", "Sample", "", None, 5, ["sample"]])
def test_load_mnist_names_the_valid_subsets(subset):
    with pytest.raises(ValueError, match=re.escape(f"subset must be 'sample' or 'full'; "
                                                   f"got {subset!r}")):
        load_mnist(subset=subset)


@pytest.mark.parametrize("file", ["nope.csv", "", "../microchips-tests.csv"])
def test_fetch_names_the_registered_files(file):
    with pytest.raises(ValueError, match=rf"Unknown data file {re.escape(repr(file))}; the "
                                         r"registered files are: .*microchips-tests\.csv"):
        fetch(file)


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        (b"", r" is not an IDX file: only 0 bytes"),
        (b"PK\x03\x04 a zip file", r" is not an IDX file: its magic number starts with "
                                   r"bytes 0x50 0x4b instead of 0x00 0x00"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x00", r": unknown IDX data type 0x07"),
        (b"\x1f\x8b\x08\x00 cut", r": damaged or truncated gzip data"),
    ],
    ids=["empty", "not_idx", "unknown_type", "broken_gzip"],
)
def test_read_idx_names_the_problem_and_the_file(tmp_path, content, pattern):
    path = tmp_path / "broken-idx1-ubyte"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=re.escape(str(path)) + pattern):
        read_idx(path)

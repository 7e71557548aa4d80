"""Every input check (CONTRIBUTING.md, "The estimator shape"), as the learner reads it."""


import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from homemade._parameters import (
    Boolean,
    Interval,
    NoneValue,
    Options,
    RandomState,
    check_option,
    check_random_state,
    check_scalar,
)
from homemade._validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_target,
    check_X_y,
)
from homemade.base import BaseEstimator
from homemade.exceptions import NotFittedError


class Foo(BaseEstimator):
    def __init__(self, k=1):
        self.k = k


# check_array: accepted input ---------------------------------------------------------


@pytest.mark.parametrize(
    "X",
    [
        [[1, 2], [3, 4]],
        np.array([[1, 2], [3, 4]], dtype=np.int32),
        np.array([[1, 2], [3, 4]], dtype=np.float32),
        np.array([[True, False], [False, True]]),
        pd.DataFrame({"a": [1, 3], "b": [2.0, 4.0]}),
    ],
)
def test_check_array_returns_contiguous_float64(X):
    out = check_array(X)
    assert out.dtype == np.float64
    assert out.shape == (2, 2)
    assert out.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(out, np.asarray(X, dtype=np.float64))


def test_check_array_numeric_strings_are_converted():
    np.testing.assert_array_equal(check_array([["1", "2.5"]]), [[1.0, 2.5]])


def test_check_array_fortran_order_becomes_c_order():
    X = np.asfortranarray(np.arange(6.0).reshape(3, 2))
    out = check_array(X)
    assert out.flags["C_CONTIGUOUS"]
    np.testing.assert_array_equal(out, X)


# check_array: errors -----------------------------------------------------------------


def test_1d_X_says_expected_2d_and_gives_the_reshape_hint():
    with pytest.raises(ValueError, match=r"Expected 2D array, got 1D array instead") as info:
        check_array([1.0, 2.0, 3.0])
    message = str(info.value)
    assert "reshape(-1, 1)" in message
    assert "reshape(1, -1)" in message
    assert "(3,)" in message


def test_scalar_X():
    with pytest.raises(ValueError, match=r"Expected 2D array, got scalar array.*reshape\(1, -1\)"):
        check_array(5.0)


def test_3d_X():
    with pytest.raises(
        ValueError, match=r"Expected 2D array, got 3D array instead.*\(2, 3, 4\).*reshape"
    ):
        check_array(np.zeros((2, 3, 4)))


@pytest.mark.parametrize("bad", [np.nan, None])
def test_nan_in_X(bad):
    X = np.array([[1.0, 2.0], [bad, 4.0]], dtype=object if bad is None else float)
    with pytest.raises(ValueError, match=r"Input X contains NaN"):
        check_array(X)


@pytest.mark.parametrize("bad", [np.inf, -np.inf])
def test_inf_in_X(bad):
    with pytest.raises(ValueError, match=r"Input X contains infinity"):
        check_array([[1.0, bad]])


def test_float32_overflow_to_inf_is_caught():
    # 1e300 does not fit in float32: the cast makes it inf, which must not slip through.
    with pytest.raises(ValueError, match=r"Input X contains infinity"):
        check_array([[1e300]], dtype=np.float32)


def test_nan_message_names_the_argument():
    with pytest.raises(ValueError, match=r"Input X_test contains NaN"):
        check_array([[np.nan]], name="X_test")


def test_empty_X():
    with pytest.raises(ValueError, match=r"Found array with 0 sample\(s\) \(shape=\(0, 3\)\)"):
        check_array(np.empty((0, 3)))
    with pytest.raises(ValueError, match=r"0 feature\(s\) \(shape=\(3, 0\)\)"):
        check_array(np.empty((3, 0)))
    # [] is 1-D: the learner is told to reshape.
    with pytest.raises(ValueError, match=r"Expected 2D array"):
        check_array([])


def test_min_samples_names_the_estimator():
    with pytest.raises(ValueError, match=r"minimum of 2 is required by Foo\."):
        check_array([[1.0]], estimator=Foo(), min_samples=2)
    with pytest.raises(ValueError, match=r"minimum of 2 is required by Foo\."):
        check_array([[1.0]], estimator="Foo", min_samples=2)
    with pytest.raises(ValueError, match=r"minimum of 2 is required by Foo\."):
        check_array([[1.0]], estimator=Foo, min_samples=2)
    # With no estimator the wording stays generic (not the name of None's type).
    with pytest.raises(ValueError, match=r"required by this function\.") as info:
        check_array([[1.0]], min_samples=2)
    assert "NoneType" not in str(info.value)


def test_strings_in_X():
    with pytest.raises(ValueError, match=r"X holds values that are not numbers"):
        check_array([["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match=r"not numbers"):
        check_array(np.array([[1.0, "x"]], dtype=object))
    with pytest.raises(TypeError, match=r"X must be an array-like of numbers, got a string"):
        check_array("1, 2, 3")


def test_dataframe_non_numeric_column_is_named():
    df = pd.DataFrame({"gdp": [1.0, 2.0], "country": ["Norway", "Chad"], "year": [2017, 2017]})
    with pytest.raises(ValueError, match=r"X has non-numeric column\(s\) 'country'\.") as info:
        check_array(df)
    assert "gdp" not in str(info.value)
    assert "year" not in str(info.value)


def test_dataframe_several_non_numeric_columns_are_all_named():
    df = pd.DataFrame(
        {"a": ["x", "y"], "b": [1.0, 2.0], "c": pd.Categorical(["u", "v"])}
    )
    with pytest.raises(ValueError, match=r"non-numeric column\(s\) 'a', 'c'\."):
        check_array(df)


def test_complex_X():
    with pytest.raises(ValueError, match=r"Complex data not supported"):
        check_array(np.array([[1 + 2j, 3.0]]))
    with pytest.raises(ValueError, match=r"Complex data not supported"):
        check_array([[1.0], [2j]])


def test_sparse_X():
    X = sp.csr_matrix(np.eye(3))
    with pytest.raises(TypeError, match=r"X is a sparse matrix; Foo needs a dense array.*toarray"):
        check_array(X, estimator=Foo())
    with pytest.raises(TypeError, match=r"sparse matrix; this estimator needs a dense array"):
        check_array(sp.csr_array(np.eye(3)))


def test_ragged_X():
    with pytest.raises(ValueError, match=r"X could not be converted to an array"):
        check_array([[1.0, 2.0], [3.0]])


# check_target and check_X_y ----------------------------------------------------------


def test_check_target_flattens_a_column_vector():
    y = check_target(np.array([[1], [2], [3]]))
    assert y.shape == (3,)
    assert y.dtype == np.float64


def test_check_target_rejects_2d_and_scalar():
    with pytest.raises(ValueError, match=r"y should be a 1D array, got an array of shape \(2, 2\)"):
        check_target(np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"y should be a 1D array.*shape \(\)"):
        check_target(3.0)
    with pytest.raises(TypeError, match=r"y must be an array-like, got a string"):
        check_target("abc")


def test_check_target_numeric_errors():
    with pytest.raises(ValueError, match=r"Input y contains NaN"):
        check_target([1.0, np.nan])
    with pytest.raises(ValueError, match=r"Input y contains infinity"):
        check_target([1.0, np.inf])
    with pytest.raises(ValueError, match=r"y holds values that are not numbers"):
        check_target(["cat", "dog"])
    with pytest.raises(ValueError, match=r"Complex data not supported: y"):
        check_target([1j, 2.0])


def test_check_target_labels_keep_their_type():
    y = check_target(np.array(["cat", "dog"]), numeric=False)
    assert y.tolist() == ["cat", "dog"]
    y = check_target([0, 1, 1], numeric=False)
    assert y.dtype.kind == "i"
    with pytest.raises(ValueError, match=r"Input y contains NaN"):
        check_target([0.0, np.nan], numeric=False)
    with pytest.raises(ValueError, match=r"Input y contains NaN"):
        check_target(np.array(["a", None], dtype=object), numeric=False)
    with pytest.raises(ValueError, match=r"Input y contains infinity"):
        check_target([0.0, np.inf], numeric=False)


def test_check_X_y_length_mismatch():
    with pytest.raises(
        ValueError,
        match=r"inconsistent numbers of samples: X has 3 rows but y has 2 values",
    ):
        check_X_y(np.zeros((3, 2)), [1.0, 2.0])


def test_check_X_y_missing_y():
    with pytest.raises(ValueError, match=r"Foo requires y to be passed"):
        check_X_y(np.zeros((3, 2)), None, estimator=Foo())
    with pytest.raises(ValueError, match=r"^This estimator requires y to be passed"):
        check_X_y(np.zeros((3, 2)), None)


def test_check_X_y_validates_both():
    with pytest.raises(ValueError, match=r"Input X contains NaN"):
        check_X_y([[np.nan]], [1.0])
    with pytest.raises(ValueError, match=r"Input y contains NaN"):
        check_X_y([[1.0]], [np.nan])
    X, y = check_X_y([[1, 2], [3, 4]], ["a", "b"], numeric_y=False)
    assert X.dtype == np.float64
    assert y.tolist() == ["a", "b"]


# classification targets --------------------------------------------------------------


def test_classification_targets_encodes_sorted_classes():
    classes, encoded = check_classification_targets(np.array(["dog", "cat", "dog", "emu"]))
    assert classes.tolist() == ["cat", "dog", "emu"]
    assert encoded.tolist() == [1, 0, 1, 2]
    classes, encoded = check_classification_targets(np.array([1.0, 0.0, 1.0]))
    assert classes.tolist() == [0.0, 1.0]
    assert encoded.tolist() == [1, 0, 1]


def test_continuous_target_is_called_a_regression_target():
    with pytest.raises(ValueError, match=r"Unknown label type.*regression target") as info:
        check_classification_targets(np.array([0.5, 1.0, 2.25]), estimator=Foo())
    assert "Foo needs class labels" in str(info.value)
    with pytest.raises(ValueError, match=r"A classifier needs class labels"):
        check_classification_targets(np.array([0.5, 1.0]))


def test_single_class_is_an_error():
    with pytest.raises(
        ValueError, match=r"Foo needs samples of at least 2 classes.*only one class: 1"
    ):
        check_classification_targets(np.array([1, 1, 1]), estimator=Foo())
    with pytest.raises(ValueError, match=r"only one class: 'cat'"):
        check_classification_targets(np.array(["cat", "cat"]))


# fitted state ------------------------------------------------------------------------


def test_predict_before_fit():
    with pytest.raises(NotFittedError, match=r"This Foo instance is not fitted yet\. Call 'fit'"):
        check_is_fitted(Foo())
    # The error is catchable both ways, as scikit-learn's is.
    with pytest.raises(AttributeError):
        check_is_fitted(Foo())
    with pytest.raises(ValueError):
        check_is_fitted(Foo())
    fitted = Foo()
    fitted.n_features_in_ = 2
    check_is_fitted(fitted)
    with pytest.raises(NotFittedError):
        check_is_fitted(fitted, attribute="coef_")


def test_feature_count_mismatch_wording():
    model = Foo()
    model.n_features_in_ = 2
    with pytest.raises(
        ValueError, match=r"^X has 3 features, but Foo is expecting 2 features as input\.$"
    ):
        check_n_features(model, np.zeros((4, 3)))
    check_n_features(model, np.zeros((4, 2)))


# hyperparameters ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 5, np.int64(3)])
def test_check_scalar_int_accepts_integers(value):
    assert check_scalar(value, "max_iter", int, low=0) == value


@pytest.mark.parametrize("value", [0.5, 1, np.float32(2.0), np.int64(4)])
def test_check_scalar_number_accepts_reals(value):
    assert check_scalar(value, "learning_rate", float) == value


@pytest.mark.parametrize(
    "value, kind, match",
    [
        (1.5, int, r"max_iter must be an integer, got 1\.5 \(float\)\."),
        ("10", int, r"max_iter must be an integer, got '10' \(str\)\."),
        (True, int, r"max_iter must be an integer, got True \(bool\)\."),
        (None, float, r"max_iter must be a number, got None \(NoneType\)\."),
        (False, float, r"max_iter must be a number, got False \(bool\)\."),
        (1j, float, r"max_iter must be a number"),
    ],
)
def test_check_scalar_type_errors(value, kind, match):
    with pytest.raises(TypeError, match=match):
        check_scalar(value, "max_iter", kind)


def test_check_scalar_range():
    with pytest.raises(ValueError, match=r"^tol must be >= 0, got -1\.0\.$"):
        check_scalar(-1.0, "tol", float, low=0)
    with pytest.raises(ValueError, match=r"^learning_rate must be > 0, got 0\.$"):
        check_scalar(0, "learning_rate", float, low=0, low_inclusive=False)
    with pytest.raises(ValueError, match=r"^p must be <= 1, got 2\.$"):
        check_scalar(2, "p", float, high=1)
    with pytest.raises(ValueError, match=r"^p must be < 1, got 1\.0\.$"):
        check_scalar(1.0, "p", float, high=1, high_inclusive=False)
    with pytest.raises(ValueError, match=r"^alpha must be finite, got nan\.$"):
        check_scalar(float("nan"), "alpha", float)
    with pytest.raises(ValueError, match=r"must be finite, got inf"):
        check_scalar(float("inf"), "alpha", float, low=0)
    # Bounds are inclusive by default.
    assert check_scalar(0, "tol", float, low=0) == 0
    assert check_scalar(1, "p", float, high=1) == 1


def test_check_option():
    assert check_option("gd", "solver", ("gd", "normal_equation")) == "gd"
    with pytest.raises(
        ValueError, match=r"^solver must be one of 'gd', 'normal_equation'; got 'sgd'\.$"
    ):
        check_option("sgd", "solver", ("gd", "normal_equation"))
    with pytest.raises(ValueError, match=r"got None"):
        check_option(None, "solver", ("gd",))


# randomness --------------------------------------------------------------------------


def test_check_random_state_seed_is_reproducible():
    a = check_random_state(42).random(5)
    b = check_random_state(42).random(5)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, check_random_state(43).random(5))
    np.testing.assert_array_equal(
        check_random_state(np.int64(7)).random(3), np.random.default_rng(7).random(3)
    )


def test_check_random_state_passes_a_generator_through():
    rng = np.random.default_rng(0)
    assert check_random_state(rng) is rng


def test_check_random_state_none_and_legacy():
    assert isinstance(check_random_state(None), np.random.Generator)
    a = check_random_state(np.random.RandomState(3)).random(4)
    b = check_random_state(np.random.RandomState(3)).random(4)
    np.testing.assert_array_equal(a, b)


def test_check_random_state_never_touches_the_global_state():
    # The legacy global state is exactly what must stay untouched, hence the noqa.
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    check_random_state(None).random(10)
    check_random_state(5).random(10)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


@pytest.mark.parametrize("bad", ["42", 1.5, [1, 2], True, False])
def test_check_random_state_rejects_other_types(bad):
    # True is an integer to Python, but as a seed it is surely a mistake.
    with pytest.raises(TypeError, match=r"random_state must be None, an integer >= 0, a "
                       r"numpy.random.Generator or a numpy.random.RandomState, got"):
        check_random_state(bad)


def test_check_random_state_rejects_a_negative_seed_in_its_own_words():
    with pytest.raises(ValueError, match=r"random_state must be >= 0 \(a seed\), got -1\."):
        check_random_state(-1)


def test_check_random_state_seeds_from_a_legacy_random_state():
    # The same RandomState gives the same Generator, so results stay reproducible.
    first = check_random_state(np.random.RandomState(3)).random(3)
    np.testing.assert_array_equal(first, check_random_state(np.random.RandomState(3)).random(3))


# --------------------------------------------------------------------------------------
# The declarative parameter table
# --------------------------------------------------------------------------------------


class Tabled(BaseEstimator):
    _parameter_constraints = {
        "rate": Interval(float, low=0, low_inclusive=False),
        "solver": Options(("gradient_descent", "normal_equation")),
        "normalize": Boolean(),
        "epsilon": [NoneValue(), Interval(float, low=0)],
        "init": [Options(("k-means++", "random")), Interval(int, low=1)],
        "random_state": RandomState(),
    }

    def __init__(
        self, *, rate=0.1, solver="gradient_descent", normalize=True, epsilon=None,
        init="random", random_state=None,
    ):
        self.rate = rate
        self.solver = solver
        self.normalize = normalize
        self.epsilon = epsilon
        self.init = init
        self.random_state = random_state


@pytest.mark.parametrize(
    "params",
    [{}, {"epsilon": 0.5}, {"init": 3}, {"normalize": np.True_}, {"random_state": 4}],
)
def test_check_params_accepts_every_documented_value(params):
    Tabled(**params)._validate_params()


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"rate": 0}, ValueError, r"rate must be > 0, got 0\."),
        ({"rate": "fast"}, TypeError, r"rate must be a number, got 'fast'"),
        ({"solver": "sgd"}, ValueError, r"solver must be one of 'gradient_descent', "),
        ({"normalize": 1}, TypeError, r"normalize must be True or False, got 1 \(int\)"),
        ({"epsilon": -1.0}, ValueError, r"epsilon must be >= 0, got -1\.0"),
        ({"epsilon": "x"}, TypeError, r"epsilon must be None or a number, got 'x'"),
        ({"init": "kmeans"}, ValueError, r"init must be one of 'k-means\+\+', 'random'"),
        ({"init": 0}, ValueError, r"init must be >= 1, got 0"),
        ({"random_state": "seed"}, TypeError, r"random_state must be None, an integer"),
    ],
)
def test_check_params_names_the_problem(params, error, match):
    with pytest.raises(error, match=match):
        Tabled(**params)._validate_params()


def test_validate_data_checks_fitted_array_and_columns():
    model = Tabled()
    with pytest.raises(NotFittedError):
        model._validate_data([[1.0, 2.0]])
    X = model._validate_data([[1, 2], [3, 4]], fitting=True)
    assert X.dtype == np.float64 and X.shape == (2, 2)
    model.n_features_in_ = 2
    with pytest.raises(ValueError, match="X has 3 features, but Tabled is expecting 2"):
        model._validate_data([[1.0, 2.0, 3.0]])
    assert model._validate_data([[1, 2]], dtype=np.float32).dtype == np.float32

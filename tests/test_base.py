"""The estimator base: parameters read off ``__init__``, and scikit-learn interop."""

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_clusterer, is_outlier_detector, is_regressor

from homemade.base import (
    BaseEstimator,
    ClassifierMixin,
    ClusterMixin,
    OutlierMixin,
    RegressorMixin,
)
from homemade.exceptions import ConvergenceWarning, NotFittedError


class Dummy(BaseEstimator):
    def __init__(self, alpha=1.0, max_iter=100, name="plain", weights=None):
        self.alpha = alpha
        self.max_iter = max_iter
        self.name = name
        self.weights = weights


class MeanRegressor(RegressorMixin, BaseEstimator):
    def __init__(self, shift=0.0):
        self.shift = shift

    def fit(self, X, y):
        self.mean_ = float(np.mean(y))
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_ + self.shift)


class FirstColumnClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, threshold=0.0):
        self.threshold = threshold

    def fit(self, X, y):
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def predict(self, X):
        return (np.asarray(X)[:, 0] > self.threshold).astype(int)


class Clusterer(ClusterMixin, BaseEstimator):
    def __init__(self, n_clusters=2):
        self.n_clusters = n_clusters

    def fit(self, X, y=None):
        self.labels_ = np.arange(len(X)) % self.n_clusters
        self.n_features_in_ = np.asarray(X).shape[1]
        return self


class Outliers(OutlierMixin, BaseEstimator):
    def __init__(self, epsilon=0.1):
        self.epsilon = epsilon

    def fit(self, X, y=None):
        self.n_features_in_ = np.asarray(X).shape[1]
        return self

    def predict(self, X):
        return np.ones(len(X), dtype=int)


# get_params / set_params / repr ------------------------------------------------------


def test_get_params_reads_the_init_signature():
    d = Dummy(alpha=0.5, name="x")
    assert d.get_params() == {"alpha": 0.5, "max_iter": 100, "name": "x", "weights": None}
    assert d.get_params(deep=False) == d.get_params(deep=True)


def test_set_params_sets_and_returns_self():
    d = Dummy()
    assert d.set_params(alpha=3.0, max_iter=7) is d
    assert (d.alpha, d.max_iter) == (3.0, 7)
    assert d.get_params()["alpha"] == 3.0


def test_set_params_unknown_name_is_an_error_listing_valid_names():
    d = Dummy()
    with pytest.raises(ValueError, match=r"Invalid parameter 'alpah' for Dummy\. Valid parameters "
                       r"are: alpha, max_iter, name, weights\."):
        d.set_params(alpah=1.0)
    # Nothing was half-applied.
    assert not hasattr(d, "alpah")


def test_repr_shows_only_changed_parameters():
    assert repr(Dummy()) == "Dummy()"
    assert repr(Dummy(alpha=0.5, name="y")) == "Dummy(alpha=0.5, name='y')"
    # A value equal to the default but of another type counts as changed (1 vs 1.0).
    assert repr(Dummy(alpha=1)) == "Dummy(alpha=1)"
    assert repr(Dummy(weights=np.array([1.0, 2.0]))) == "Dummy(weights=array([1., 2.]))"


def test_repr_of_a_mixin_estimator():
    assert repr(MeanRegressor()) == "MeanRegressor()"
    assert repr(FirstColumnClassifier(threshold=2)) == "FirstColumnClassifier(threshold=2)"


# scikit-learn interop ----------------------------------------------------------------


def test_sklearn_clone_copies_parameters_not_fitted_state():
    X = np.arange(6.0).reshape(3, 2)
    original = MeanRegressor(shift=2.5).fit(X, [1.0, 2.0, 3.0])
    copy = clone(original)
    assert copy is not original
    assert type(copy) is MeanRegressor
    assert copy.get_params() == {"shift": 2.5}
    assert not hasattr(copy, "mean_")

    d = Dummy(alpha=0.1, weights=[1, 2])
    d_copy = clone(d)
    assert d_copy.get_params() == d.get_params()
    assert d_copy.weights is not d.weights


def test_sklearn_estimator_type_helpers():
    assert is_regressor(MeanRegressor())
    assert not is_classifier(MeanRegressor())
    assert is_classifier(FirstColumnClassifier())
    assert not is_regressor(FirstColumnClassifier())
    assert is_clusterer(Clusterer())
    assert is_outlier_detector(Outliers())
    assert not is_classifier(Dummy()) and not is_regressor(Dummy())


def test_sklearn_tags():
    from sklearn.utils import get_tags

    assert get_tags(MeanRegressor()).target_tags.required
    assert get_tags(FirstColumnClassifier()).classifier_tags is not None
    assert get_tags(MeanRegressor()).regressor_tags is not None
    assert not get_tags(Dummy()).target_tags.required
    assert get_tags(Clusterer()).estimator_type == "clusterer"


def test_sklearn_check_is_fitted_understands_our_estimators():
    from sklearn.exceptions import NotFittedError as SkNotFittedError
    from sklearn.utils.validation import check_is_fitted

    model = MeanRegressor()
    with pytest.raises(SkNotFittedError):
        check_is_fitted(model)
    check_is_fitted(model.fit(np.ones((2, 1)), [0.0, 1.0]))


def test_score_of_the_mixins():
    X = np.array([[-1.0], [1.0], [2.0], [-3.0]])
    assert FirstColumnClassifier().fit(X, [0, 1, 1, 1]).score(X, [0, 1, 1, 1]) == 0.75
    y = np.array([1.0, 2.0, 3.0, 6.0])
    # Predicting the mean scores R² = 0.
    assert MeanRegressor().fit(X, y).score(X, y) == pytest.approx(0.0, abs=1e-12)
    assert Clusterer(n_clusters=2).fit_predict(X).tolist() == [0, 1, 0, 1]
    assert Outliers().fit_predict(X).tolist() == [1, 1, 1, 1]


# exceptions --------------------------------------------------------------------------


def test_not_fitted_error_is_value_and_attribute_error():
    assert issubclass(NotFittedError, ValueError)
    assert issubclass(NotFittedError, AttributeError)
    with pytest.raises(AttributeError):
        raise NotFittedError("not fitted")
    with pytest.raises(ValueError):
        raise NotFittedError("not fitted")


def test_convergence_warning_is_a_user_warning():
    assert issubclass(ConvergenceWarning, UserWarning)
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        import warnings

        warnings.warn("stopped at max_iter", ConvergenceWarning, stacklevel=1)

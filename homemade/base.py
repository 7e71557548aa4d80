"""The small estimator base every algorithm shares.

It gives scikit-learn's conventions without importing scikit-learn: hyperparameters are
the keyword arguments of ``__init__`` (``get_params``/``set_params``/``repr`` are read
off its signature), learned state ends in ``_``. ``__sklearn_tags__`` imports
scikit-learn lazily, only when scikit-learn itself asks (``clone``, ``Pipeline``,
``GridSearchCV``, ``check_estimator``).
"""

import functools
import inspect
import sys

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` (or similar) is called before ``fit``."""


def _not_fitted_error(message):
    """A ``NotFittedError`` to raise; when the caller uses scikit-learn (it is already
    imported), one that is also scikit-learn's ``NotFittedError``, so that sklearn's
    pipelines, searches and ``check_estimator`` recognise it. The library never imports
    scikit-learn itself."""
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError(message)
    return _sklearn_compatible_not_fitted(sklearn_exceptions.NotFittedError)(message)


@functools.cache
def _sklearn_compatible_not_fitted(sklearn_not_fitted):
    return type("NotFittedError", (NotFittedError, sklearn_not_fitted), {"__module__": __name__})


class ConvergenceWarning(UserWarning):
    """Raised when an iterative solver stops at ``max_iter`` before reaching ``tol``."""


class DataConversionWarning(UserWarning):
    """Raised when input had to be reshaped, e.g. a column-vector ``y`` flattened to 1-D."""


class BaseEstimator:
    """Parameters from the ``__init__`` signature; nothing else happens in ``__init__``."""

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(
            name
            for name, p in signature.parameters.items()
            if name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
        )

    def get_params(self, deep=True):
        """The hyperparameters as a dict (``deep`` is accepted for scikit-learn)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set hyperparameters by name; unknown names are an error."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}. "
                    f"Valid parameters are: {', '.join(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        # Only the hyperparameters that differ from their defaults, like scikit-learn.
        signature = inspect.signature(type(self).__init__)
        changed = []
        for name in self._param_names():
            value = getattr(self, name)
            default = signature.parameters[name].default
            if not _same(value, default):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self):
        from sklearn.utils import Tags, TargetTags, TransformerTags

        tags = Tags(estimator_type=None, target_tags=TargetTags(required=False))
        if hasattr(self, "transform"):
            tags.transformer_tags = TransformerTags()
        return tags

    def __sklearn_is_fitted__(self):
        return hasattr(self, "n_features_in_")


def _same(value, default):
    if value is default:
        return True
    if isinstance(value, np.ndarray) or isinstance(default, np.ndarray):
        return False
    try:
        return bool(value == default) and type(value) is type(default)
    except (TypeError, ValueError):
        return False


class RegressorMixin:
    """``score`` is the coefficient of determination R² of ``predict``."""

    _estimator_type = "regressor"

    def score(self, X, y, sample_weight=None):
        from homemade.metrics import r2_score

        return r2_score(y, self.predict(X), sample_weight=sample_weight)

    def __sklearn_tags__(self):
        from sklearn.utils import RegressorTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "regressor"
        tags.regressor_tags = RegressorTags()
        tags.target_tags.required = True
        return tags


class ClassifierMixin:
    """``score`` is the accuracy of ``predict``."""

    _estimator_type = "classifier"

    def score(self, X, y, sample_weight=None):
        from homemade.metrics import accuracy_score

        return accuracy_score(y, self.predict(X), sample_weight=sample_weight)

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags


class ClusterMixin:
    """``fit_predict`` fits and returns ``labels_``."""

    _estimator_type = "clusterer"

    def fit_predict(self, X, y=None):
        return self.fit(X).labels_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        return tags


class OutlierMixin:
    """``fit_predict`` fits and returns ``predict`` on the same rows."""

    _estimator_type = "outlier_detector"

    def fit_predict(self, X, y=None):
        return self.fit(X).predict(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "outlier_detector"
        return tags

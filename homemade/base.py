"""The small estimator base every algorithm shares.

It gives scikit-learn's conventions without importing scikit-learn: hyperparameters are
the keyword arguments of ``__init__`` (``get_params``/``set_params``/``repr`` are read
off its signature), learned state ends in ``_``. ``__sklearn_tags__`` imports
scikit-learn lazily, only when scikit-learn itself asks (``clone``, ``Pipeline``,
``GridSearchCV``, ``check_estimator``).
"""

import inspect

import numpy as np

from homemade._parameters import check_params
from homemade._validation import check_array, check_is_fitted, check_n_features
from homemade.metrics import accuracy_score, r2_score


class BaseEstimator:
    """Parameters from the ``__init__`` signature; nothing else happens in ``__init__``.

    A subclass declares its hyperparameters' accepted values in ``_parameter_constraints``
    (specs from ``homemade._parameters``); ``_validate_params`` checks them all at the start
    of ``fit``, and ``_validate_data`` checks the data of every public method.
    """

    _parameter_constraints: dict = {}

    def _validate_params(self):
        """Check every hyperparameter against ``_parameter_constraints``."""
        check_params(self, self._parameter_constraints)

    def _validate_data(self, X, *, fitting=False, dtype=np.float64, name="X"):
        """``X`` as a finite 2-D float array; outside ``fit`` also: fitted? same columns?

        Parameters
        ----------
        X : array-like of shape (m, n)
            The data passed by the user.
        fitting : bool, default=False
            True in ``fit``: there is no fitted state to compare with yet.
        dtype : numpy dtype, default=np.float64
            The floating-point type the algorithm computes in.
        name : str, default="X"
            The argument's name, for the error messages.

        Returns
        -------
        X : ndarray of shape (m, n)
        """
        if not fitting:
            check_is_fitted(self)
        X = check_array(X, estimator=self, dtype=dtype, name=name)
        if not fitting:
            check_n_features(self, X)
        return X

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(
            name
            for name, p in signature.parameters.items()
            if name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
        )

    def get_params(self, deep=True):
        """The hyperparameters, read off the ``__init__`` signature.

        Parameters
        ----------
        deep : bool, default=True
            Accepted for scikit-learn; ignored.

        Returns
        -------
        dict
            ``{name: value}`` for every keyword argument of ``__init__``.
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set hyperparameters by name; unknown names are an error.

        The values are stored unchanged; ``fit`` checks them.

        Parameters
        ----------
        **params
            ``name=value`` for hyperparameters of ``__init__``.

        Returns
        -------
        self : estimator
        """
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
        """R² of ``predict(X)`` against ``y`` (see ``homemade.metrics.r2_score``).

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : array-like of shape (m,)
            The true targets.
        sample_weight : array-like of shape (m,), default=None
            Weight of each row; None weighs them all 1.

        Returns
        -------
        float
            1 is perfect, 0 is as good as predicting the mean of ``y``.
        """
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
        """The accuracy of ``predict(X)`` against ``y`` (see ``homemade.metrics.accuracy_score``).

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : array-like of shape (m,)
            The true labels.
        sample_weight : array-like of shape (m,), default=None
            Weight of each row; None weighs them all 1.

        Returns
        -------
        float
            The (weighted) fraction of rows predicted right, between 0 and 1.
        """
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
        """``fit(X)``, then the cluster of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : None
            Ignored; accepted for scikit-learn's pipelines.

        Returns
        -------
        labels : ndarray of shape (m,)
            ``labels_``, the index of each row's cluster.
        """
        return self.fit(X).labels_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "clusterer"
        return tags


class OutlierMixin:
    """``fit_predict`` fits and returns ``predict`` on the same rows."""

    _estimator_type = "outlier_detector"

    def fit_predict(self, X, y=None):
        """``fit(X)``, then ``predict(X)`` on the same rows.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : None
            Ignored; accepted for scikit-learn's pipelines.

        Returns
        -------
        ndarray of shape (m,)
            What ``predict`` returns for each row.
        """
        return self.fit(X).predict(X)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "outlier_detector"
        return tags

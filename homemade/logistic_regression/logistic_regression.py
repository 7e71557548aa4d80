"""Logistic regression: one-vs-all (as the course teaches) or softmax, regularized log-loss.

The functions at the top are the math of ``README.md`` beside this file, and ``solvers.py``
holds the two ways to minimize J; ``LogisticRegression`` checks its input, maps the
features, calls them and keeps the results."""

import warnings
from functools import partial

import numpy as np

from homemade._parameters import FLOAT_TYPE, Interval, Options
from homemade._validation import check_classification_targets, check_X_y
from homemade.activations import log_sigmoid, log_softmax, sigmoid
from homemade.base import BaseEstimator, ClassifierMixin
from homemade.descent import STOPS
from homemade.exceptions import ConvergenceWarning
from homemade.features import FEATURE_MAP_CONSTRAINTS, FeatureMap, design_matrix
from homemade.logistic_regression.solvers import gradient_descent, lbfgs


# ------------------------------------------------------------------------------ the math
def binary_cost_gradient(theta, X, y, regularization):
    """The regularized log-loss J(θ) of one yes/no classifier, and its gradient ∇J(θ).

    J(θ) = 1/m Σᵢ [log(1 + e^zᵢ) − yᵢzᵢ] + λ/(2m) Σ_{j≥1} θⱼ², with z = Xθ. The bracket is
    −y log g(z) − (1 − y) log(1 − g(z)) (g the sigmoid) rewritten so that it never takes
    the log of 0. ∇J(θ) = 1/m Xᵀ(g(Xθ) − y) + λ/m θ, where θ₀ (the intercept) is not regularized.

    Parameters
    ----------
    theta : ndarray of shape (n + 1,)
    X : ndarray of shape (m, n + 1)
        The design matrix: a column of ones, then the features.
    y : ndarray of shape (m,)
        1 for "this class", 0 for "another class".
    regularization : float
        λ ≥ 0.

    Returns
    -------
    cost : float
    gradient : ndarray of shape (n + 1,)
    """
    m = len(y)
    z = X @ theta
    cost = np.mean(np.logaddexp(0, z) - y * z) + regularization / (2 * m) * (theta[1:] @ theta[1:])
    gradient = X.T @ (sigmoid(z) - y) / m
    gradient[1:] += regularization / m * theta[1:]
    return cost, gradient


def softmax_cost_gradient(theta, X, Y, regularization):
    """The regularized cross-entropy J(Θ) of the softmax model, and its gradient ∇J(Θ).

    J(Θ) = −1/m Σᵢ Σₖ Yᵢₖ log softmax(XΘ)ᵢₖ + λ/(2m) Σ_{j≥1} Σₖ Θⱼₖ²;
    ∇J(Θ) = 1/m Xᵀ(softmax(XΘ) − Y) + λ/m Θ, row 0 (the intercepts) not regularized.

    Parameters
    ----------
    theta : ndarray of shape (n + 1, K)
        One column of parameters per class.
    X, regularization
        As for :func:`binary_cost_gradient`.
    Y : ndarray of shape (m, K)
        The one-hot labels.

    Returns
    -------
    cost : float
    gradient : ndarray of shape (n + 1, K)
    """
    m = len(Y)
    log_p = log_softmax(X @ theta)
    cost = -np.sum(Y * log_p) / m + regularization / (2 * m) * np.sum(theta[1:] ** 2)
    gradient = X.T @ (np.exp(log_p) - Y) / m
    gradient[1:] += regularization / m * theta[1:]
    return cost, gradient


def one_vs_all(solve, X, Y, regularization):
    """Train one yes/no classifier per class, "class k" against all others.

    Parameters
    ----------
    solve : callable
        :func:`lbfgs` or :func:`gradient_descent` with their options set.
    X, Y : ndarrays of shape (m, n + 1) and (m, K)
        The design matrix, and the targets: column k is 1 where the label is class k, else 0.
    regularization : float
        λ ≥ 0.

    Returns
    -------
    theta : ndarray of shape (n + 1, K), classifier k in column k
    cost_history : ndarray of shape (steps + 1,)
        The sum of the K costs before the first step and after every step; a classifier
        that stopped early keeps its final cost.
    stop : {"converged", "max_iter", "diverged"}
        The worst of the K solvers' reasons to stop (``STOPS`` runs from best to worst).
    """
    results = []
    for k in range(Y.shape[1]):
        # Classifier k, from θ = 0: "class k" (y = 1) against every other class (y = 0).
        start = np.zeros(X.shape[1], dtype=X.dtype)
        results.append(solve(binary_cost_gradient, start, (X, Y[:, k], regularization)))
    thetas, histories, stops = zip(*results, strict=True)
    steps = max(len(h) for h in histories)
    cost_history = sum(np.pad(h, (0, steps - len(h)), mode="edge") for h in histories)
    return np.column_stack(thetas), cost_history, max(stops, key=STOPS.index)


def predict_class(theta, X):
    """The most likely class of every row: the k whose score θₖᵀx is largest.

    The sigmoid g is increasing, so the largest score is also the largest g(θₖᵀx) (one-vs-all) and
    the largest softmax probability.

    Parameters
    ----------
    theta : ndarray of shape (n + 1, K)
        One column of parameters per class.
    X : ndarray of shape (m, n + 1)
        The design matrix.

    Returns
    -------
    ndarray of shape (m,)
        Class indices 0 … K − 1.
    """
    return np.argmax(X @ theta, axis=1)


# ------------------------------------------------------------------------ the estimator
class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Logistic regression classifier for two or more classes, trained from scratch.

    Parameters
    ----------
    multi_class : {"ovr", "softmax"}, default="ovr"
        ``"ovr"`` (one-vs-all, as the course teaches): one sigmoid classifier per class, "this
        class vs all others", one after the other; the most confident one wins. Two classes
        need a single classifier. ``"softmax"``: one multinomial model for all classes.
    solver : {"lbfgs", "gradient_descent"}, default="lbfgs"
        ``"lbfgs"``: SciPy's L-BFGS-B on our cost and gradient; no learning rate to tune,
        tens of iterations where ``"gradient_descent"``, the course's loop, needs thousands.
    learning_rate : float, default=0.1
        Step α > 0 of gradient descent (not used by ``"lbfgs"``).
    regularization : float, default=1.0
        λ ≥ 0 in the penalty λ/(2m) Σ_{j≥1} θⱼ² (θ₀ is not penalized); 1 as in the course
        and in scikit-learn (λ = 1/C).
    max_iter : int, default=1000
        Most iterations (≥ 1) per classifier: gradient-descent steps or L-BFGS-B iterations.
    tol : float ≥ 0, default=1e-6
        Stop once an iteration lowers the cost J by less than ``tol`` times J. An iteration
        is one gradient-descent step or one L-BFGS-B iteration (SciPy divides by max(J, 1),
        and also stops once every component of ∇J is at most ``tol``). 1e-6: further
        iterations no longer change the predictions on the course's data.
    polynomial_degree : int ≥ 1, default=1
        Expand the features to all monomials up to this degree (1 = plain features).
    sinusoid_degree : int ≥ 0, default=0
        Add sin(k·x) features for k = 1 … this degree (0 = none).
    normalize : bool, default=True
        Standardize the features before and after the expansion (statistics from ``fit``).
    dtype : {"float64", "float32"} or numpy.float64, numpy.float32, default="float64"
        The type of the training computations and of ``coef_``, ``intercept_``.
        ``"float32"`` is faster on wide data (SciPy keeps its own vectors in float64).

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The class labels, sorted; any label type (strings too).
    coef_ : ndarray of shape (n_models, n_features_expanded)
        θ₁ … θₙ of each classifier on the (expanded, standardized) features; ``n_models``
        is 1 for two classes one-vs-all, else K.
    intercept_ : ndarray of shape (n_models,)
        θ₀ of each classifier.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        J before the first and after every iteration (one-vs-all: the classifiers' sum).
    n_iter_ : int
        Iterations taken (one-vs-all: the most of any classifier).
    n_features_in_ : int
        Number of columns of ``X`` seen in ``fit``.
    feature_map_ : FeatureMap
        The fitted standardize → expand → standardize pipeline.

    Examples
    --------
    >>> from homemade.logistic_regression import LogisticRegression
    >>> X, y = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]], [0, 0, 0, 1, 1, 1]
    >>> model = LogisticRegression().fit(X, y)
    >>> model.predict([[0.5], [4.5]])
    array([0, 1])
    >>> model.predict_proba([[2.5]]).round(2)
    array([[0.5, 0.5]])
    """

    _parameter_constraints = {
        **FEATURE_MAP_CONSTRAINTS,
        "multi_class": Options(("ovr", "softmax")),
        "solver": Options(("lbfgs", "gradient_descent")),
        "learning_rate": Interval(float, low=0, low_inclusive=False),
        "regularization": Interval(float, low=0),
        "max_iter": Interval(int, low=1),
        "tol": Interval(float, low=0),
        "dtype": FLOAT_TYPE,
    }

    def __init__(self, *, multi_class="ovr", solver="lbfgs", learning_rate=0.1,
                 regularization=1.0, max_iter=1000, tol=1e-6, polynomial_degree=1,
                 sinusoid_degree=0, normalize=True, dtype="float64"):
        self.multi_class = multi_class
        self.solver = solver
        self.learning_rate = learning_rate
        self.regularization = regularization
        self.max_iter = max_iter
        self.tol = tol
        self.polynomial_degree = polynomial_degree
        self.sinusoid_degree = sinusoid_degree
        self.normalize = normalize
        self.dtype = dtype

    def fit(self, X, y):
        """Learn θ of every class from the rows of ``X`` and their labels ``y``.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : array-like of shape (m,)
            Class labels of any type (numbers, strings); at least two classes.

        Returns
        -------
        self : LogisticRegression
        """
        self._validate_params()
        X, y = check_X_y(X, y, estimator=self, numeric_y=False)
        classes, y_index = check_classification_targets(y, estimator=self)
        feature_map = FeatureMap(polynomial_degree=self.polynomial_degree,
                                 sinusoid_degree=self.sinusoid_degree,
                                 normalize=self.normalize)
        design = design_matrix(feature_map.fit_transform(X).astype(self.dtype, copy=False))
        Y = np.eye(len(classes), dtype=self.dtype)[y_index]
        if self.solver == "lbfgs":
            solve = partial(lbfgs, max_iter=self.max_iter, tol=self.tol)
        else:
            solve = partial(gradient_descent, learning_rate=self.learning_rate,
                            max_iter=self.max_iter, tol=self.tol)
        if self.multi_class == "softmax":
            start = np.zeros((design.shape[1], Y.shape[1]), dtype=self.dtype)
            theta, history, stop = solve(softmax_cost_gradient, start,
                                         (design, Y, self.regularization))
        else:
            # Two classes need one classifier, "class 1 vs class 0", as in scikit-learn.
            targets = Y[:, 1:] if len(classes) == 2 else Y
            theta, history, stop = one_vs_all(solve, design, targets, self.regularization)
        if stop == "diverged":
            raise ValueError("Gradient descent diverged: a step raised the cost J instead of "
                             f"lowering it. learning_rate={self.learning_rate} is too large: "
                             "use a smaller learning_rate, normalize=True, or solver='lbfgs'.")
        # The model changes only now: a fit that failed above leaves it as it was.
        self.classes_, self.feature_map_, self.n_features_in_ = classes, feature_map, X.shape[1]
        self.intercept_, self.coef_ = theta[0].copy(), np.ascontiguousarray(theta[1:].T)
        self.cost_history_, self.n_iter_ = history, len(history) - 1
        if stop == "max_iter":
            hint = "a larger learning_rate, " if self.solver == "gradient_descent" else ""
            warnings.warn(f"LogisticRegression ({self.solver}) did not converge in max_iter="
                          f"{self.max_iter} iterations: the cost still fell by more than "
                          f"tol={self.tol} times itself. Try {hint}a larger max_iter or a "
                          "larger regularization.", ConvergenceWarning, stacklevel=2)
        return self

    def decision_function(self, X):
        """The scores z = θᵀx of every classifier.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m,) for two classes (> 0 means ``classes_[1]``), else (m, K)
        """
        Z = self._scores(X)
        if Z.shape[1] == 1:
            return Z[:, 0]
        if len(self.classes_) == 2:
            # Two-class softmax: only the difference of the two scores matters.
            return Z[:, 1] - Z[:, 0]
        return Z

    def predict_log_proba(self, X):
        """The log of :meth:`predict_proba`, computed without ever taking log 0.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, K), columns in the order of ``classes_``
        """
        Z = self._scores(X)
        if Z.shape[1] == 1:
            return np.column_stack([log_sigmoid(-Z[:, 0]), log_sigmoid(Z[:, 0])])
        if self.multi_class == "softmax":
            return log_softmax(Z)
        # One-vs-all: the K sigmoids need not sum to 1, so they are divided by their sum,
        # in log space, so that K tiny sigmoids do not become 0/0.
        return log_softmax(log_sigmoid(Z))

    def predict_proba(self, X):
        """The probability of every class: softmax(z), or g(θₖᵀx) / Σⱼ g(θⱼᵀx) for one-vs-all.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, K)
            Columns in the order of ``classes_``; every row sums to 1.
        """
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        """The most likely class of every row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m,), values from ``classes_``
        """
        theta, design = self._theta_and_design(X)
        if theta.shape[1] == 1:  # two classes, one classifier: z > 0 means classes_[1]
            return self.classes_[(design @ theta[:, 0] > 0).astype(int)]
        return self.classes_[predict_class(theta, design)]

    def _scores(self, X):
        theta, design = self._theta_and_design(X)
        return design @ theta  # z = θᵀx for every classifier, shape (m, n_models)

    def _theta_and_design(self, X):
        # θ with the intercepts as row 0, and the design matrix of X's mapped features.
        X = self._validate_data(X)
        features = self.feature_map_.transform(X).astype(self.dtype, copy=False)
        return np.vstack([self.intercept_, self.coef_.T]), design_matrix(features)

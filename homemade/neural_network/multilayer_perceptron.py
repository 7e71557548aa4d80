"""Multilayer perceptron: a feed-forward neural network for classification.

Layers of neurons (sigmoid or ReLU) end in a softmax over the classes; the cost is the
cross-entropy plus an L2 penalty on the weights. The network itself (forward and
back-propagation, the cost) is in ``network.py``, the optimizers in ``optimizers.py``,
the gradient check in ``gradient_check.py``; this module holds the estimator and its
training loop. The math is in ``README.md`` beside this file.
"""

import warnings

import numpy as np
from tqdm.auto import tqdm

from homemade._parameters import (
    FLOAT_TYPE,
    Boolean,
    Custom,
    Interval,
    NoneValue,
    Options,
    RandomState,
    check_float_type,
    check_random_state,
)
from homemade._validation import check_classification_targets, check_X_y
from homemade.base import BaseEstimator, ClassifierMixin
from homemade.exceptions import ConvergenceWarning
from homemade.neural_network.network import (
    cost,
    cost_and_gradient,
    forward_propagation,
    initialize_parameters,
    roll,
)
from homemade.neural_network.optimizers import make_optimizer
from homemade.neural_network.preprocessing import (
    apply_scaling,
    hidden_sizes,
    learn_scaling,
    validation_split,
)

# A learning rate that works out of the box for each solver on inputs scaled to about [0, 1]:
# Adam normalizes its steps, so it needs a small α; plain gradient descent needs a large one.
DEFAULT_LEARNING_RATE = {"adam": 0.003, "momentum": 0.05, "gradient_descent": 0.5}


class MultilayerPerceptron(ClassifierMixin, BaseEstimator):
    """A neural network classifier trained by back-propagation.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int or int, default=(256,)
        Neurons in each hidden layer, any depth: ``(25,)`` is the one hidden layer of
        Andrew Ng's course (its exercise 4), ``(64, 32)`` two layers. A single int means
        one layer.
    activation : {"relu", "sigmoid"}, default="relu"
        Activation g of the hidden layers. The output layer is always a softmax.
    solver : {"adam", "momentum", "gradient_descent"}, default="adam"
        ``"adam"`` and ``"momentum"`` take one step per mini-batch of ``batch_size``
        samples; ``"gradient_descent"`` is full-batch gradient descent, as the original
        trekhleb/homemade-machine-learning repository trains its network (one step per
        epoch).
    learning_rate : float > 0 or None, default=None
        Step size α. ``None`` picks 0.003 for Adam, 0.05 for momentum, 0.5 for
        ``"gradient_descent"``.
    batch_size : int >= 1, default=256
        Samples per mini-batch (clipped to the number of training samples; unused by
        ``"gradient_descent"``).
    max_iter : int >= 1, default=20
        Epochs: full passes over the training data.
    regularization : float >= 0, default=1.0
        λ of the L2 penalty λ/(2m)·Σ‖W‖² on the weights (not the biases), m the number of
        training samples. 0 turns it off.
    momentum : float in [0, 1), default=0.9
        β of the ``"momentum"`` solver.
    tol : float >= 0 or None, default=None
        Stop once an iteration lowers the cost J by less than ``tol`` times J. An
        iteration is an epoch, and J the epoch's cost as ``cost_history_`` records it: the
        mean of the epoch's mini-batch costs, each taken before its step (exactly J before
        the epoch's one step for ``"gradient_descent"``). Training stops once
        ``n_iter_no_change`` epoch costs in a row each fail to go below the lowest earlier
        epoch cost by more than ``tol`` times that cost, and warns
        (``ConvergenceWarning``) if ``max_iter`` runs out first.
        ``None`` (the default): train exactly ``max_iter`` epochs, the fixed budget usual
        for neural networks, whose cost falls slowly for a long time. With
        ``early_stopping``, ``tol`` means something else: the validation accuracy must
        rise by more than ``tol`` (0 when ``None``) to count as an improvement.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified), stop when its
        accuracy stops improving and keep the weights of the best epoch.
    validation_fraction : float in (0, 1), default=0.1
        Share of the training data held out when ``early_stopping`` is on.
    n_iter_no_change : int >= 1, default=10
        Epochs without improvement before training stops (with ``tol`` or
        ``early_stopping``).
    normalize : {"max", "standard", True, False, None}, default="max"
        Input scaling learned in ``fit`` and reused in ``predict``. ``"max"`` divides every
        feature by one number, the largest absolute value in the training data (pixels
        0–255 become 0–1; data already in [0, 1] is left as it is). ``"standard"``
        standardizes each feature to mean 0, deviation 1 (for columns on different
        scales). ``True`` means ``"max"`` here, unlike ``LinearRegression`` and
        ``LogisticRegression``, where ``normalize=True`` standardizes (``"standard"``
        here). ``False`` and ``None`` use the input as given.
    dtype : {"float32", "float64"} or numpy.float32, numpy.float64, default="float32"
        Precision of training and prediction (``np.dtype("float32")`` works too).
        float32 is about twice as fast and accurate enough for training;
        ``check_gradients`` always works in float64.
    random_state : None, int ≥ 0, numpy.random.Generator or numpy.random.RandomState, default=None
        Seeds the initial weights, the shuffling of mini-batches and the validation split.
    verbose : bool, default=False
        Show a progress bar over the epochs with the current cost (tqdm).

    Attributes
    ----------
    classes_ : ndarray of shape (K,)
        The class labels, in the order of the columns of ``predict_proba``.
    coefs_ : list of ndarray
        ``coefs_[l]`` is the weight matrix W from layer l to layer l + 1, of shape
        (neurons in l, neurons in l + 1).
    intercepts_ : list of ndarray
        ``intercepts_[l]`` is the bias vector b of layer l + 1.
    cost_history_ : ndarray of shape (n_iter_ + 1,)
        The cost of each epoch on the (scaled) training data: the mean of its mini-batch
        costs J, each taken by the forward pass of its step (with full-batch gradient
        descent, exactly J before the step); then, after the last epoch, J of the final
        weights on the whole training set. For ``solver="gradient_descent"`` they are J
        before the first step and after every step. With ``early_stopping``, the training
        set excludes the validation hold-out, and the last entry is J of the last epoch's
        weights, not of the best epoch's weights that are kept. On an axis of epochs
        trained, epoch e's mean belongs at e − ½ (gradient descent's J at e − 1) and the
        last entry at ``n_iter_``: ``homemade.plotting.neural_network.plot_cost_curves``.
    n_iter_ : int
        Epochs run.
    validation_scores_ : list of float or None
        Validation accuracy after each epoch when ``early_stopping`` is on.
    best_validation_score_ : float or None
        The best of ``validation_scores_``.
    input_offset_, input_scale_ : ndarray of shape (n_features,)
        The learned input scaling: the network sees ``(X - input_offset_) / input_scale_``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Examples
    --------
    >>> from sklearn.datasets import make_blobs
    >>> X, y = make_blobs(n_samples=200, centers=3, random_state=0)
    >>> model = MultilayerPerceptron(hidden_layer_sizes=(8,), max_iter=30, batch_size=20,
    ...                              normalize="standard", random_state=0).fit(X, y)
    >>> model.n_iter_, model.cost_history_.shape
    (30, (31,))
    >>> bool(model.cost_history_[-1] < model.cost_history_[0])
    True
    >>> round(model.score(X, y), 1)
    0.9
    """

    _parameter_constraints = {
        "hidden_layer_sizes": Custom(hidden_sizes, "a tuple of positive integers"),
        "activation": Options(("relu", "sigmoid")),
        "solver": Options(("adam", "momentum", "gradient_descent")),
        "learning_rate": [NoneValue(), Interval(float, low=0, low_inclusive=False)],
        "batch_size": Interval(int, low=1),
        "max_iter": Interval(int, low=1),
        "regularization": Interval(float, low=0),
        "momentum": Interval(float, low=0, high=1, high_inclusive=False),
        "tol": [NoneValue(), Interval(float, low=0)],
        "early_stopping": Boolean(),
        "validation_fraction": Interval(float, low=0, high=1, low_inclusive=False,
                                        high_inclusive=False),
        "n_iter_no_change": Interval(int, low=1),
        "normalize": [Options(("max", "standard")), Boolean(), NoneValue()],
        "dtype": FLOAT_TYPE,
        "random_state": RandomState(),
        "verbose": Boolean(),
    }

    def __init__(self, *, hidden_layer_sizes=(256,), activation="relu", solver="adam",
                 learning_rate=None, batch_size=256, max_iter=20, regularization=1.0,
                 momentum=0.9, tol=None, early_stopping=False, validation_fraction=0.1,
                 n_iter_no_change=10, normalize="max", dtype="float32", random_state=None,
                 verbose=False):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.regularization = regularization
        self.momentum = momentum
        self.tol = tol
        self.early_stopping = early_stopping
        self.validation_fraction = validation_fraction
        self.n_iter_no_change = n_iter_no_change
        self.normalize = normalize
        self.dtype = dtype
        self.random_state = random_state
        self.verbose = verbose

    def fit(self, X, y):
        """Learn the weights: epochs of shuffled mini-batches, one optimizer step each.

        Parameters
        ----------
        X : array-like of shape (m, n)
        y : array-like of shape (m,), class labels of any type

        Returns
        -------
        self
        """
        self._validate_params()
        rng = check_random_state(self.random_state)
        X, y, classes, offset, scale = self._training_data(X, y)
        X_valid = y_valid = None
        if self.early_stopping:
            X, X_valid, y, y_valid = validation_split(X, y, self.validation_fraction, rng)
        sizes = [X.shape[1], *hidden_sizes(self.hidden_layer_sizes), len(classes)]
        theta = initialize_parameters(sizes, self.activation, rng, X.dtype)
        alpha = self.learning_rate
        if alpha is None:
            alpha = DEFAULT_LEARNING_RATE[self.solver]
        optimizer = make_optimizer(self.solver, alpha, self.momentum, theta)
        batch_size = len(X) if self.solver == "gradient_descent" else self.batch_size
        cost_history, validation_scores, best_theta = [], [], theta
        stopped = False
        epochs = tqdm(range(self.max_iter), desc="epochs", disable=not self.verbose)
        for epoch in epochs:
            theta, epoch_cost = train_epoch(theta, sizes, X, y, self.activation,
                                            self.regularization, optimizer, batch_size, rng)
            _check_finite_cost(epoch_cost, f"in epoch {epoch + 1}", alpha)
            cost_history.append(epoch_cost)
            epochs.set_postfix(cost=f"{epoch_cost:.4g}", refresh=False)
            if self.early_stopping:
                score = self._accuracy(theta, sizes, X_valid, y_valid)
                if score > max(validation_scores, default=-1.0):
                    best_theta = theta  # each step makes a new θ: no copy needed
                validation_scores.append(score)
                stopped = _stalled([-s for s in validation_scores], self.n_iter_no_change,
                                   self.tol or 0.0, relative=False)
            elif self.tol is not None:
                stopped = _stalled(cost_history, self.n_iter_no_change, self.tol, relative=True)
            if stopped:
                break
        epochs.close()
        cost_history.append(self._final_cost(theta, sizes, X, y, alpha))
        if (self.early_stopping or self.tol is not None) and not stopped:
            self._warn_not_converged()

        weights, biases = roll(best_theta if self.early_stopping else theta, sizes)
        self.coefs_, self.intercepts_ = [W.copy() for W in weights], [b.copy() for b in biases]
        self.classes_ = classes
        self.input_offset_, self.input_scale_ = offset, scale
        self.cost_history_ = np.array(cost_history)
        self.n_iter_ = len(cost_history) - 1
        self.validation_scores_ = validation_scores if self.early_stopping else None
        self.best_validation_score_ = max(validation_scores) if self.early_stopping else None
        self.n_features_in_ = X.shape[1]
        return self

    def _warn_not_converged(self):
        watched = "validation accuracy" if self.early_stopping else "cost"
        warnings.warn(
            f"{type(self).__name__} ran all max_iter={self.max_iter} epochs and the "
            f"{watched} was still improving by more than tol={self.tol or 0:g}. Increase "
            "max_iter to train longer.", ConvergenceWarning, stacklevel=3)

    def _training_data(self, X, y):
        """Checked, scaled X in ``dtype``, y as class indices, the class labels, and the
        learned input offset and scale."""
        dtype = check_float_type(self.dtype)
        X, y = check_X_y(X, y, estimator=self, dtype=dtype, numeric_y=False)
        classes, y_encoded = check_classification_targets(y, estimator=self)
        offset, scale = learn_scaling(X, self.normalize)
        return apply_scaling(X, offset, scale, dtype), y_encoded, classes, offset, scale

    def _final_cost(self, theta, sizes, X, y, alpha):
        """J of the final weights on all the training data, checked for overflow.

        The mini-batch costs are each measured before their step, so the last steps were
        never evaluated: they can leave weights so large that the forward pass overflows
        (a hidden layer at -inf still gives finite outputs once ReLU turns it into 0, so
        overflow itself counts), and predict would return NaN or warn.
        """
        try:
            with np.errstate(over="raise", invalid="raise", divide="ignore"):
                J = cost(theta, sizes, X, y, self.activation, self.regularization, len(X))
        except FloatingPointError:
            J = np.inf
        _check_finite_cost(J, "with the final weights, whose outputs overflow,", alpha)
        return J

    def _accuracy(self, theta, sizes, X, y):
        weights, biases = roll(theta, sizes)
        _, probabilities = forward_propagation(weights, biases, X, self.activation)
        return float(np.mean(np.argmax(probabilities, axis=1) == y))

    def predict_proba(self, X):
        """The softmax output: P(class k | x) for each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m, K), float64, columns in the order of ``classes_``
        """
        X = self._validate_data(X)
        X = apply_scaling(X, self.input_offset_, self.input_scale_, self.coefs_[0].dtype)
        _, probabilities = forward_propagation(self.coefs_, self.intercepts_, X, self.activation)
        return probabilities.astype(np.float64)

    def predict(self, X):
        """The most probable class of each row of ``X``.

        Parameters
        ----------
        X : array-like of shape (m, n)

        Returns
        -------
        ndarray of shape (m,), labels from ``classes_``
        """
        probabilities = self.predict_proba(X)  # checks first that the model is fitted
        return self.classes_[np.argmax(probabilities, axis=1)]


def train_epoch(theta, sizes, X, y, activation, regularization, optimizer, batch_size, rng):
    """One epoch: for each shuffled mini-batch, ∇J by back-propagation and one step.

    Parameters
    ----------
    theta : ndarray of shape (n_parameters,)
    sizes : list of int
        Neurons per layer, input first, classes last.
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,), class indices
    activation : {"relu", "sigmoid"}
    regularization : float
        λ.
    optimizer : GradientDescent, Momentum or Adam
    batch_size : int
        B; the last batch holds what is left.
    rng : numpy.random.Generator
        Shuffles the samples.

    Returns
    -------
    theta : ndarray of shape (n_parameters,)
        θ after the epoch.
    epoch_cost : float
        The mean of the mini-batch costs J, each taken by the forward pass of its step
        (for one full batch: J before the step).
    """
    m = len(X)
    order = rng.permutation(m) if batch_size < m else np.arange(m)
    total = 0.0
    # A diverging epoch is reported once, by its non-finite cost, with advice.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for start in range(0, m, batch_size):
            batch = order[start : start + batch_size]
            J, g = cost_and_gradient(theta, sizes, X[batch], y[batch], activation,
                                     regularization, m)
            theta = optimizer.step(theta, g)
            total += J * len(batch)
    return theta, total / m


def _check_finite_cost(J, when, alpha):
    """Stop with advice when the cost became NaN or infinite: the steps were too large."""
    if not np.isfinite(J):
        raise ValueError(
            f"Training diverged: the cost J became {J} {when} (the network's outputs "
            f"overflow). The learning_rate ({alpha:g}) is too large for this data; try a "
            f"smaller learning_rate, e.g. learning_rate={alpha / 10:g}.")


def _stalled(history, patience, tol, relative):
    """Whether the last ``patience`` values of ``history`` (lower is better) each failed to
    go below the lowest earlier value by more than ``tol`` (times that value if
    ``relative``)."""
    if len(history) <= patience:
        return False
    best_before = min(history[:-patience])
    margin = tol * abs(best_before) if relative else tol
    return min(history[-patience:]) >= best_before - margin



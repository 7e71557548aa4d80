"""Multilayer perceptron: a feed-forward neural network for classification.

Layers of neurons (sigmoid or ReLU) end in a softmax over the classes; the cost is the
cross-entropy plus an L2 penalty on the weights. Forward and back-propagation are written
by hand, vectorized over a batch of samples. All weights and biases live in one flat
vector θ (the course's "unrolled parameters"): the optimizers update it in a few array
operations, and the gradient check perturbs it one entry at a time.

The math, with the name of the function that implements each equation, is in
``README.md`` beside this file.
"""

import numbers
import warnings

import numpy as np

from homemade._validation import (
    check_array,
    check_classification_targets,
    check_is_fitted,
    check_n_features,
    check_option,
    check_random_state,
    check_scalar,
    check_X_y,
)
from homemade.base import BaseEstimator, ClassifierMixin
from homemade.exceptions import ConvergenceWarning

_ACTIVATIONS = ("relu", "sigmoid")
_SOLVERS = ("adam", "momentum", "gd")
_NORMALIZE = ("max", "standard", True, False, None)
# A learning rate that works out of the box for each solver on inputs scaled to about [0, 1]:
# Adam normalizes its steps, so it needs a small α; plain gradient descent needs a large one.
_DEFAULT_LEARNING_RATE = {"adam": 0.003, "momentum": 0.05, "gd": 0.5}
_ADAM_BETA1, _ADAM_BETA2, _ADAM_EPSILON = 0.9, 0.999, 1e-8


class MultilayerPerceptron(ClassifierMixin, BaseEstimator):
    """A neural network classifier trained by back-propagation.

    Parameters
    ----------
    hidden_layer_sizes : tuple of int, default=(256,)
        Neurons in each hidden layer, any depth: ``(25,)`` is the course's one hidden
        layer, ``(64, 32)`` two layers. A single int means one layer.
    activation : {"relu", "sigmoid"}, default="relu"
        Activation of the hidden layers. The output layer is always a softmax.
    solver : {"adam", "momentum", "gd"}, default="adam"
        ``"adam"`` and ``"momentum"`` update θ after every mini-batch of ``batch_size``
        samples; ``"gd"`` is the course's full-batch gradient descent (one step per epoch).
    learning_rate : float or None, default=None
        Step size α. ``None`` picks 0.003 for Adam, 0.05 for momentum, 0.5 for ``"gd"``.
    batch_size : int, default=256
        Samples per mini-batch (clipped to the number of training samples; unused by
        ``"gd"``).
    max_iter : int, default=20
        Epochs: full passes over the training data. With ``tol=None`` (and no early
        stopping) training runs exactly this many epochs.
    regularization : float, default=1.0
        λ of the L2 penalty λ/(2m)·Σ‖W‖² on the weights (not the biases), m the number of
        training samples. 0 turns it off.
    momentum : float, default=0.9
        Momentum μ of the ``"momentum"`` solver.
    tol : float or None, default=None
        ``None``: train for ``max_iter`` epochs, a fixed budget, as is usual for neural
        networks. A number: stop when the loss has not improved by at least ``tol`` for
        ``n_iter_no_change`` epochs, and warn (``ConvergenceWarning``) if ``max_iter``
        runs out first. With ``early_stopping`` the validation accuracy must improve by
        more than ``tol`` (0 when ``None``) instead, and the warning means it was still
        improving at ``max_iter``.
    early_stopping : bool, default=False
        Hold out ``validation_fraction`` of the training data (stratified), stop when its
        accuracy stops improving and keep the weights of the best epoch.
    validation_fraction : float, default=0.1
        Share of the training data held out when ``early_stopping`` is on.
    n_iter_no_change : int, default=10
        Epochs without improvement before training stops.
    normalize : {"max", "standard", True, False}, default="max"
        Input scaling learned in ``fit`` and reused in ``predict``. ``"max"`` divides every
        feature by one number, the largest absolute value in the training data (pixels
        0–255 become 0–1 and keep their relative intensities; data already in [0, 1] is
        left as it is). ``"standard"`` standardizes each feature to mean 0, deviation 1
        (better for columns on different scales). ``True`` means ``"max"``, the default
        scaling, so the bool that the other estimators take works here too. ``False``
        uses the input as given.
    dtype : {"float32", "float64"}, default="float32"
        Precision of training and prediction. float32 is about twice as fast and accurate
        enough for training; ``check_gradients`` always works in float64.
    random_state : int, numpy.random.Generator or None, default=None
        Seeds the initial weights, the shuffling of mini-batches and the validation split.
    verbose : bool, default=False
        Show a progress bar over the epochs with the current loss (tqdm).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, in the order of the columns of ``predict_proba``.
    coefs_ : list of ndarray
        ``coefs_[l]`` is the weight matrix W from layer l to layer l + 1, of shape
        (neurons in l, neurons in l + 1).
    intercepts_ : list of ndarray
        ``intercepts_[l]`` is the bias vector b of layer l + 1.
    loss_curve_ : list of float
        The cost J(θ) of each epoch: the mean of the mini-batch costs seen during it.
    validation_scores_ : list of float or None
        Validation accuracy after each epoch when ``early_stopping`` is on.
    best_validation_score_ : float or None
        The best of ``validation_scores_``.
    n_iter_ : int
        Epochs run.
    input_offset_, input_scale_ : ndarray of shape (n_features,)
        The learned input scaling: a model sees ``(X - input_offset_) / input_scale_``.
    n_features_in_ : int
        Number of features seen in ``fit``.
    """

    def __init__(
        self,
        hidden_layer_sizes=(256,),
        activation="relu",
        solver="adam",
        learning_rate=None,
        batch_size=256,
        max_iter=20,
        regularization=1.0,
        momentum=0.9,
        tol=None,
        early_stopping=False,
        validation_fraction=0.1,
        n_iter_no_change=10,
        normalize="max",
        dtype="float32",
        random_state=None,
        verbose=False,
    ):
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

    # ------------------------------------------------------------------ fit

    def fit(self, X, y):
        """Learn the weights from ``X`` (m × n) and the class labels ``y`` (m,)."""
        hidden = _check_hidden_layer_sizes(self.hidden_layer_sizes)
        check_option(self.activation, "activation", _ACTIVATIONS)
        check_option(self.solver, "solver", _SOLVERS)
        check_option(self.normalize, "normalize", _NORMALIZE)
        dtype = _check_dtype(self.dtype)
        alpha = self.learning_rate
        if alpha is None:
            alpha = _DEFAULT_LEARNING_RATE[self.solver]
        check_scalar(alpha, "learning_rate", "number", low=0, low_inclusive=False)
        check_scalar(self.batch_size, "batch_size", int, low=1)
        check_scalar(self.max_iter, "max_iter", int, low=1)
        check_scalar(self.regularization, "regularization", "number", low=0)
        check_scalar(self.momentum, "momentum", "number", low=0, high=1, high_inclusive=False)
        if self.tol is not None:
            check_scalar(self.tol, "tol", "number", low=0)
        tol = 0.0 if self.tol is None else self.tol
        watch = self.early_stopping or self.tol is not None
        check_scalar(
            self.validation_fraction, "validation_fraction", "number",
            low=0, high=1, low_inclusive=False, high_inclusive=False,
        )
        check_scalar(self.n_iter_no_change, "n_iter_no_change", int, low=1)
        rng = check_random_state(self.random_state)

        X, y = check_X_y(X, y, estimator=self, dtype=dtype, numeric_y=False)
        classes, y_encoded = check_classification_targets(y, estimator=self)
        offset, scale = _learn_scaling(X, self.normalize)
        X = _apply_scaling(X, offset, scale, dtype)

        X_valid = y_valid = None
        if self.early_stopping:
            X, X_valid, y_encoded, y_valid = _validation_split(
                X, y_encoded, self.validation_fraction, rng
            )

        sizes = [X.shape[1], *hidden, len(classes)]
        network = _Network(sizes, self.activation, dtype)
        theta = network.initialize(rng)
        optimizer = _make_optimizer(self.solver, alpha, self.momentum, theta)
        batch_size = len(X) if self.solver == "gd" else min(self.batch_size, len(X))

        loss_curve, validation_scores = [], []
        best_theta, best_score, best_loss = None, -np.inf, np.inf
        epochs_without_improvement = 0
        converged = False
        epochs = _progress(self.max_iter, self.verbose)
        # Divergence shows up as a non-finite loss, checked below with a clear error; the
        # overflow warnings on the way there would only hide that message.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in epochs:
                loss = network.train_epoch(
                    theta, X, y_encoded, batch_size, self.regularization, optimizer, rng
                )
                if not np.isfinite(loss):
                    raise ValueError(
                        f"Training diverged: the loss became {loss} in epoch {epoch + 1}. "
                        f"The learning_rate ({alpha:g}) is too large for this data; try a "
                        f"smaller learning_rate, e.g. learning_rate={alpha / 10:g}."
                    )
                loss_curve.append(loss)
                if self.verbose:
                    epochs.set_postfix(loss=f"{loss:.4g}")

                if self.early_stopping:
                    score = float(np.mean(network.predict(theta, X_valid) == y_valid))
                    validation_scores.append(score)
                    improved = score > best_score + tol
                    if score > best_score:
                        best_score, best_theta = score, theta.copy()
                else:
                    improved = loss < best_loss - tol
                    best_loss = min(best_loss, loss)
                epochs_without_improvement = 0 if improved else epochs_without_improvement + 1
                if watch and epochs_without_improvement >= self.n_iter_no_change:
                    converged = True
                    break
        if self.verbose:
            epochs.close()
        if best_theta is not None:
            theta = best_theta
        # Each mini-batch cost is taken before its step, so the weights after the last
        # steps were never evaluated: a step can leave them finite but so large that the
        # next forward pass overflows, which predict would return as NaN probabilities.
        if not network.outputs_finite(theta, X):
            raise ValueError(
                f"Training diverged: after epoch {len(loss_curve)} the weights are so large "
                "that the network's outputs on the training data overflow. The learning_rate "
                f"({alpha:g}) is too large for this data; try a smaller learning_rate, e.g. "
                f"learning_rate={alpha / 10:g}."
            )
        if watch and not converged:
            watched = "validation accuracy" if self.early_stopping else "loss"
            warnings.warn(
                f"{type(self).__name__} ran all max_iter={self.max_iter} epochs and the "
                f"{watched} was still improving by more than tol={tol:g}. Increase max_iter "
                "to train longer.",
                ConvergenceWarning,
                stacklevel=2,
            )

        weights, biases = network.unpack(theta)
        self.coefs_ = [W.copy() for W in weights]
        self.intercepts_ = [b.copy() for b in biases]
        self.classes_ = classes
        self.loss_curve_ = loss_curve
        self.validation_scores_ = validation_scores if self.early_stopping else None
        self.best_validation_score_ = best_score if self.early_stopping else None
        self.n_iter_ = len(loss_curve)
        self.input_offset_, self.input_scale_ = offset, scale
        self.n_features_in_ = X.shape[1]
        return self

    # -------------------------------------------------------------- predict

    def predict_proba(self, X):
        """The softmax output: P(class k | x) for each row of ``X``, columns in ``classes_``."""
        return self._forward(X).astype(np.float64)

    def predict(self, X):
        """The most probable class of each row of ``X``."""
        probabilities = self._forward(X)
        return self.classes_[np.argmax(probabilities, axis=1)]

    def _forward(self, X):
        check_is_fitted(self)
        dtype = self.coefs_[0].dtype
        X = check_array(X, estimator=self, dtype=dtype)
        check_n_features(self, X)
        X = _apply_scaling(X, self.input_offset_, self.input_scale_, dtype)
        _, probabilities = _forward(self.coefs_, self.intercepts_, X, self.activation)
        return probabilities


# ---------------------------------------------------------------------------- network


class _Network:
    """Layer sizes + activation, and the maps between the flat θ and the layers.

    θ holds all weight matrices first, then all bias vectors, so that the L2 penalty
    (weights only) is one contiguous slice ``theta[:n_weights]``.
    """

    def __init__(self, sizes, activation, dtype):
        self.sizes = list(sizes)
        self.activation = activation
        self.dtype = dtype
        self.weight_shapes = list(zip(self.sizes[:-1], self.sizes[1:], strict=True))
        self.n_weights = sum(a * b for a, b in self.weight_shapes)
        self.n_params = self.n_weights + sum(self.sizes[1:])

    def unpack(self, theta):
        """Views of θ as the weight matrices W⁽ˡ⁾ and bias vectors b⁽ˡ⁾ (no copy)."""
        weights, biases = [], []
        start = 0
        for rows, cols in self.weight_shapes:
            weights.append(theta[start : start + rows * cols].reshape(rows, cols))
            start += rows * cols
        for size in self.sizes[1:]:
            biases.append(theta[start : start + size])
            start += size
        return weights, biases

    def pack(self, weights, biases):
        return np.concatenate([np.ravel(a) for a in (*weights, *biases)]).astype(self.dtype)

    def initialize(self, rng):
        """Random weights and biases scaled to the layer size (``_initial_weights``).

        The biases are random too (as in scikit-learn), not 0: a ReLU neuron whose inputs
        are all 0 then does not sit exactly on its kink at z = 0, where the derivative
        is undefined and a gradient check would disagree with back-propagation.
        """
        theta = np.zeros(self.n_params, dtype=self.dtype)
        weights, biases = self.unpack(theta)
        last = len(weights) - 1
        for index, (W, b) in enumerate(zip(weights, biases, strict=True)):
            kind = "xavier" if index == last or self.activation == "sigmoid" else "he"
            values = _initial_weights(W.shape[0] + 1, W.shape[1], kind, rng)
            W[...] = values[1:]
            b[...] = values[0]
        return theta

    def cost(self, theta, X, y, regularization, m_total):
        """J(θ) alone: forward propagation, no gradient (used by ``check_gradients``)."""
        weights, biases = self.unpack(theta)
        _, probabilities = _forward(weights, biases, X, self.activation)
        return self._cost(theta, probabilities, y, regularization, m_total)

    def _cost(self, theta, probabilities, y, regularization, m_total):
        """J = −(1/m_batch)·Σ log P(y⁽ⁱ⁾ | x⁽ⁱ⁾) + λ/(2m)·Σ‖W‖²."""
        picked = probabilities[np.arange(len(probabilities)), y]
        # A probability that underflowed to 0 is clipped to the float's tiny, not log(0).
        data_cost = -np.mean(np.log(np.maximum(picked, np.finfo(probabilities.dtype).tiny)))
        weights = theta[: self.n_weights]
        penalty = regularization / (2 * m_total) * float(np.dot(weights, weights))
        return float(data_cost) + penalty

    def cost_and_gradient(self, theta, X, y, regularization, m_total, gradient=None):
        """J(θ) on the rows ``X, y`` and its gradient by back-propagation.

        The data term is the mean cross-entropy over these rows; the penalty is
        λ/(2m)·Σ‖W‖² with m the size of the whole training set, so that a mini-batch
        gives an unbiased estimate of the full cost and its gradient.
        """
        weights, biases = self.unpack(theta)
        activations, probabilities = _forward(weights, biases, X, self.activation)
        cost = self._cost(theta, probabilities, y, regularization, m_total)
        if gradient is None:
            gradient = np.empty_like(theta)
        grad_weights, grad_biases = self.unpack(gradient)
        _backward(
            weights, activations, probabilities, y, self.activation, grad_weights, grad_biases
        )
        if regularization:
            gradient[: self.n_weights] += (regularization / m_total) * theta[: self.n_weights]
        return cost, gradient

    def train_epoch(self, theta, X, y, batch_size, regularization, optimizer, rng):
        """One pass over the data in shuffled mini-batches; returns the mean batch cost."""
        m = len(X)
        gradient = np.empty_like(theta)
        if batch_size >= m:
            loss, _ = self.cost_and_gradient(theta, X, y, regularization, m, gradient)
            optimizer.step(theta, gradient)
            return loss
        order = rng.permutation(m)
        total = 0.0
        for start in range(0, m, batch_size):
            index = order[start : start + batch_size]
            loss, _ = self.cost_and_gradient(
                theta, X[index], y[index], regularization, m, gradient
            )
            if not np.isfinite(loss):
                return loss
            total += loss * len(index)
            optimizer.step(theta, gradient)
        return total / m

    def outputs_finite(self, theta, X, block=4096):
        """Whether forward propagation with θ runs on every row of ``X`` without overflow
        and gives finite probabilities (in blocks of rows, so no more memory than a large
        mini-batch). A hidden layer can overflow to -inf and still give finite outputs
        once ReLU turns it into 0, so overflow itself counts too."""
        weights, biases = self.unpack(theta)
        try:
            with np.errstate(over="raise", invalid="raise"):
                for start in range(0, len(X), block):
                    _, probabilities = _forward(
                        weights, biases, X[start : start + block], self.activation
                    )
                    if not np.isfinite(probabilities).all():
                        return False
        except FloatingPointError:
            return False
        return True

    def predict(self, theta, X):
        weights, biases = self.unpack(theta)
        _, probabilities = _forward(weights, biases, X, self.activation)
        return np.argmax(probabilities, axis=1)


def _initial_weights(fan_in, fan_out, kind, rng):
    """He (ReLU): N(0, 2/fan_in). Xavier (sigmoid, softmax): U(±√(6/(fan_in + fan_out)))."""
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def _sigmoid(z):
    # 1/(1 + e^(−z)) written with tanh: the same function, and no overflow for large |z|.
    out = np.multiply(z, 0.5)
    np.tanh(out, out=out)
    out += 1
    out *= 0.5
    return out


def _forward(weights, biases, X, activation):
    """Forward propagation: a⁽ˡ⁺¹⁾ = g(a⁽ˡ⁾W⁽ˡ⁾ + b⁽ˡ⁾) for the hidden layers, softmax last.

    Returns the list of layer activations (the input first) and the output probabilities.
    """
    activations = [X]
    a = X
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = a @ W
        z += b
        if activation == "relu":
            a = np.maximum(z, 0, out=z)
        else:
            a = _sigmoid(z)
        activations.append(a)
    z = a @ weights[-1]
    z += biases[-1]
    return activations, _softmax(z)


def _softmax(z):
    """Row-wise softmax, in place. Subtracting the row maximum first keeps exp() ≤ 1."""
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _backward(weights, activations, probabilities, y, activation, grad_weights, grad_biases):
    """Back-propagation of the mean cross-entropy; writes ∂J/∂W, ∂J/∂b in place.

    δ of the output layer is (P − Y)/m; each layer passes δ⁽ˡ⁾ = (δ⁽ˡ⁺¹⁾ W⁽ˡ⁾ᵀ) ⊙ g′(z⁽ˡ⁾)
    back, and ∂J/∂W⁽ˡ⁾ = a⁽ˡ⁾ᵀ δ⁽ˡ⁺¹⁾, ∂J/∂b⁽ˡ⁾ = Σ rows of δ⁽ˡ⁺¹⁾.
    """
    m = len(probabilities)
    delta = probabilities  # reused in place: the probabilities are not needed any more
    delta[np.arange(m), y] -= 1
    delta /= m
    for layer in range(len(weights) - 1, -1, -1):
        a = activations[layer]
        np.matmul(a.T, delta, out=grad_weights[layer])
        np.sum(delta, axis=0, out=grad_biases[layer])
        if layer == 0:
            break  # the input needs no δ
        delta = delta @ weights[layer].T
        if activation == "relu":
            # g′(z) is 1 where the neuron fired and 0 elsewhere, and it fired where a > 0.
            np.multiply(delta, a > 0, out=delta)
        else:
            # g′(z) = g(z)(1 − g(z)) = a(1 − a) for the sigmoid.
            delta *= a
            delta *= 1 - a


# -------------------------------------------------------------------------- optimizers


class _GradientDescent:
    """θ ← θ − α∇J."""

    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def step(self, theta, gradient):
        gradient *= self.learning_rate
        theta -= gradient


class _Momentum:
    """v ← μv − α∇J, θ ← θ + v: steps build up speed along directions that agree."""

    def __init__(self, learning_rate, momentum, theta):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity = np.zeros_like(theta)

    def step(self, theta, gradient):
        self.velocity *= self.momentum
        gradient *= self.learning_rate
        self.velocity -= gradient
        theta += self.velocity


class _Adam:
    """Adam: momentum on the gradient (first moment s) divided by the root of a running
    mean of its square (second moment r), both corrected for their start at zero:

    s ← β₁s + (1−β₁)g, r ← β₂r + (1−β₂)g², θ ← θ − α·ŝ/(√r̂ + ε) with ŝ = s/(1−β₁ᵗ),
    r̂ = r/(1−β₂ᵗ).

    To spend fewer passes over θ per step, it keeps S = s/(1−β₁) and R = r/(1−β₂)
    (then S ← β₁S + g and R ← β₂R + g² need no multiplication of g) and folds all the
    constant factors into one scalar step and one ε.
    """

    def __init__(self, learning_rate, theta):
        self.learning_rate = learning_rate
        self.first = np.zeros_like(theta)
        self.second = np.zeros_like(theta)
        self.scratch = np.empty_like(theta)
        self.t = 0

    def step(self, theta, gradient):
        self.t += 1
        S, R, tmp = self.first, self.second, self.scratch
        S *= _ADAM_BETA1
        S += gradient
        np.multiply(gradient, gradient, out=tmp)
        R *= _ADAM_BETA2
        R += tmp
        # ŝ/(√r̂ + ε) = c·S/(√R + ε/k) with k = √((1−β₂)/(1−β₂ᵗ)), c = (1−β₁)/(1−β₁ᵗ)/k.
        k = np.sqrt((1 - _ADAM_BETA2) / (1 - _ADAM_BETA2**self.t))
        c = (1 - _ADAM_BETA1) / (1 - _ADAM_BETA1**self.t) / k
        np.sqrt(R, out=tmp)
        tmp += _ADAM_EPSILON / k
        np.divide(S, tmp, out=tmp)
        tmp *= self.learning_rate * c
        theta -= tmp


def _make_optimizer(solver, learning_rate, momentum, theta):
    if solver == "adam":
        return _Adam(learning_rate, theta)
    if solver == "momentum":
        return _Momentum(learning_rate, momentum, theta)
    return _GradientDescent(learning_rate)


# ----------------------------------------------------------------------------- helpers


def _check_hidden_layer_sizes(hidden_layer_sizes):
    sizes = hidden_layer_sizes
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(
            f"hidden_layer_sizes must be a tuple of positive integers, e.g. (128,) or "
            f"(64, 32); got {hidden_layer_sizes!r}."
        )
    sizes = list(sizes)
    if not sizes:
        raise ValueError(
            "hidden_layer_sizes is empty; a multilayer perceptron needs at least one hidden "
            "layer, e.g. hidden_layer_sizes=(128,)."
        )
    for size in sizes:
        if not isinstance(size, numbers.Integral) or isinstance(size, bool):
            raise TypeError(
                f"hidden_layer_sizes must contain integers (neurons per layer), got "
                f"{size!r} in {hidden_layer_sizes!r}."
            )
        if size < 1:
            raise ValueError(
                f"hidden_layer_sizes must contain positive integers, got {size!r} in "
                f"{hidden_layer_sizes!r}; every hidden layer needs at least one neuron."
            )
    return [int(s) for s in sizes]


def _check_dtype(dtype):
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        resolved = None
    if resolved not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise ValueError(f"dtype must be 'float32' or 'float64'; got {dtype!r}.")
    return resolved.type


def _learn_scaling(X, normalize):
    """The offset and scale of every feature, per ``normalize`` (``MultilayerPerceptron``)."""
    n = X.shape[1]
    # True is the bool alias of "max"; ``in`` compares with ==, as check_option does.
    if normalize in ("max", True):
        largest = max(float(X.max()), -float(X.min()))  # max |x| without a copy of X
        return np.zeros(n), np.full(n, largest if largest > 0 else 1.0)
    if normalize == "standard":
        from homemade.features import Standardizer

        standardizer = Standardizer().fit(X)
        return standardizer.mean_, standardizer.scale_
    return np.zeros(n), np.ones(n)


def _apply_scaling(X, offset, scale, dtype):
    if not offset.any() and np.all(scale == 1):
        return X.astype(dtype, copy=False)
    if not offset.any() and np.all(scale == scale[0]):
        # One number for all features (normalize="max"): a single cheap pass.
        return np.multiply(X, np.dtype(dtype).type(1 / scale[0]), dtype=dtype)
    return ((X - offset) / scale).astype(dtype)


def _validation_split(X, y, fraction, rng):
    from homemade.model_selection import train_test_split

    counts = np.bincount(y)
    stratify = y if counts[counts > 0].min() >= 2 else None
    try:
        return train_test_split(X, y, test_size=fraction, stratify=stratify, random_state=rng)
    except ValueError as error:
        raise ValueError(
            f"early_stopping could not hold out validation_fraction={fraction} of "
            f"{len(X)} samples: {error}"
        ) from None


def _progress(n_epochs, verbose):
    if not verbose:
        return range(n_epochs)
    from tqdm.auto import tqdm

    return tqdm(range(n_epochs), desc="epochs", unit="epoch")


# ----------------------------------------------------------------------- gradient check


def check_gradients(model, X, y, *, epsilon=1e-4, n_checks=None, random_state=0):
    """Compare back-propagation with central finite differences; return the max relative error.

    For every weight matrix and bias vector of ``model`` (its learned weights if it is
    fitted, otherwise fresh initial weights from its hyperparameters and
    ``random_state``), the gradient of the cost J(θ) on ``(X, y)`` — cross-entropy plus
    the L2 penalty with the model's ``regularization`` — is computed twice, in float64:

    * by back-propagation, and
    * numerically, (J(θ + εeᵢ) − J(θ − εeᵢ)) / (2ε) for each entry i.

    The relative error of a parameter block is ‖g_backprop − g_numeric‖ /
    (‖g_backprop‖ + ‖g_numeric‖); the largest over the blocks is returned. Correct
    back-propagation gives about 1e-9 or less; a bug gives something near 1.

    ``n_checks`` limits the finite differences to that many random entries per block
    (the numeric gradient costs two forward passes per entry); ``None`` checks them all.
    """
    if not isinstance(model, MultilayerPerceptron):
        raise TypeError(
            f"check_gradients expects a MultilayerPerceptron, got {type(model).__name__}."
        )
    check_scalar(epsilon, "epsilon", "number", low=0, low_inclusive=False)
    if n_checks is not None:
        check_scalar(n_checks, "n_checks", int, low=1)
    rng = check_random_state(random_state)
    regularization = check_scalar(model.regularization, "regularization", "number", low=0)
    check_option(model.activation, "activation", _ACTIVATIONS)
    X, y = check_X_y(X, y, estimator=model, numeric_y=False)

    if hasattr(model, "coefs_"):
        check_n_features(model, X)
        classes = model.classes_
        known = np.isin(y, classes)
        if not known.all():
            raise ValueError(
                f"y holds labels the model was not trained on: {np.unique(y[~known])!r}."
            )
        y_encoded = np.searchsorted(classes, y)
        X = _apply_scaling(X, model.input_offset_, model.input_scale_, np.float64)
        network = _Network(
            [model.n_features_in_, *[len(b) for b in model.intercepts_]],
            model.activation, np.float64,
        )
        theta = network.pack(model.coefs_, model.intercepts_)
    else:
        hidden = _check_hidden_layer_sizes(model.hidden_layer_sizes)
        check_option(model.normalize, "normalize", _NORMALIZE)
        classes, y_encoded = check_classification_targets(y, estimator=model)
        offset, scale = _learn_scaling(X, model.normalize)
        X = _apply_scaling(X, offset, scale, np.float64)
        network = _Network([X.shape[1], *hidden, len(classes)], model.activation, np.float64)
        theta = network.initialize(check_random_state(model.random_state))

    m = len(X)
    _, backprop = network.cost_and_gradient(theta, X, y_encoded, regularization, m)
    blocks = []
    start = 0
    for rows, cols in network.weight_shapes:
        blocks.append((start, start + rows * cols))
        start += rows * cols
    for size in network.sizes[1:]:
        blocks.append((start, start + size))
        start += size

    worst = 0.0
    for first, last in blocks:
        entries = np.arange(first, last)
        if n_checks is not None and n_checks < len(entries):
            entries = np.sort(rng.choice(entries, size=n_checks, replace=False))
        numeric = np.empty(len(entries))
        for k, i in enumerate(entries):
            saved = theta[i]
            theta[i] = saved + epsilon
            plus = network.cost(theta, X, y_encoded, regularization, m)
            theta[i] = saved - epsilon
            minus = network.cost(theta, X, y_encoded, regularization, m)
            theta[i] = saved
            numeric[k] = (plus - minus) / (2 * epsilon)
        analytic = backprop[entries]
        denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
        if denominator > 0:
            worst = max(worst, float(np.linalg.norm(analytic - numeric) / denominator))
    return worst

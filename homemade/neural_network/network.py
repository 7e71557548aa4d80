"""The network: forward propagation, the cost, and back-propagation.

Every function works on a whole batch at once (rows are samples), one matrix product per
layer. The parameters travel as one flat vector θ, the "unrolled parameters" of Andrew
Ng's course: all weight matrices first, then all bias vectors (``unroll`` and ``roll``),
so that the optimizers update one array and the gradient check perturbs one entry at a
time.

The math, with the name of the function that implements each equation, is in
``README.md`` beside this file.
"""

import numpy as np

from homemade.activations import log_softmax, sigmoid, softmax


def roll(theta, sizes):
    """Views of θ as the weight matrices W⁽ˡ⁾ and the bias vectors b⁽ˡ⁾ (no copy).

    Parameters
    ----------
    theta : ndarray of shape (n_parameters,)
        All weights, then all biases.
    sizes : list of int
        Neurons per layer, the input first and the classes last: ``[n, s₂, …, K]``.

    Returns
    -------
    weights : list of ndarray, ``weights[l]`` of shape (sizes[l], sizes[l + 1])
    biases : list of ndarray, ``biases[l]`` of shape (sizes[l + 1],)
    """
    weights, biases = [], []
    start = 0
    for rows, cols in zip(sizes[:-1], sizes[1:], strict=True):
        weights.append(theta[start : start + rows * cols].reshape(rows, cols))
        start += rows * cols
    for size in sizes[1:]:
        biases.append(theta[start : start + size])
        start += size
    return weights, biases


def unroll(weights, biases):
    """The weight matrices and bias vectors as one flat vector θ (the inverse of ``roll``).

    Parameters
    ----------
    weights, biases : lists of ndarray, as returned by ``roll``

    Returns
    -------
    theta : ndarray of shape (n_parameters,)
    """
    return np.concatenate([np.ravel(a) for a in (*weights, *biases)])


def n_weights(sizes):
    """How many entries of θ are weights (the rest are biases), for the L2 penalty.

    Parameters
    ----------
    sizes : list of int
        Neurons per layer, the input first and the classes last: ``[n, s₂, …, K]``.

    Returns
    -------
    int
        Σ sizes[l]·sizes[l + 1]: the length of the weights at the start of θ.
    """
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def initial_weights(fan_in, fan_out, kind, rng):
    """He (ReLU): N(0, 2/fan_in). Xavier (sigmoid, softmax): U(±√(6/(fan_in + fan_out))).

    Parameters
    ----------
    fan_in, fan_out : int
        Inputs and outputs of the layer.
    kind : {"he", "xavier"}
    rng : numpy.random.Generator

    Returns
    -------
    ndarray of shape (fan_in, fan_out), float64
    """
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


def initialize_parameters(sizes, activation, rng, dtype=np.float64):
    """Random weights and biases scaled to the layer size, unrolled into θ.

    Each layer draws an (s_l + 1) × s_{l+1} matrix from ``initial_weights`` (the bias counts
    as one more input): its first row are the biases, the rest the weights. The biases
    are random too (as in scikit-learn), not 0, so that no ReLU starts exactly at its
    kink at z = 0, where a gradient check would disagree with back-propagation.

    Parameters
    ----------
    sizes : list of int
        Neurons per layer, input first, classes last.
    activation : {"relu", "sigmoid"}
        He initialization for ReLU layers, Xavier for sigmoid layers and the softmax layer.
    rng : numpy.random.Generator
    dtype : numpy float type, default=np.float64

    Returns
    -------
    theta : ndarray of shape (n_parameters,)
    """
    weights, biases = [], []
    last = len(sizes) - 2
    for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        kind = "xavier" if index == last or activation == "sigmoid" else "he"
        values = initial_weights(fan_in + 1, fan_out, kind, rng)
        biases.append(values[0])
        weights.append(values[1:])
    return unroll(weights, biases).astype(dtype)


def forward_logits(weights, biases, X, activation):
    """Forward propagation up to the output layer's logits z⁽ᴸ⁾, before the softmax.

    a⁽ˡ⁺¹⁾ = g(a⁽ˡ⁾W⁽ˡ⁾ + b⁽ˡ⁾) for the hidden layers, then z⁽ᴸ⁾ = a⁽ᴸ⁻¹⁾W⁽ᴸ⁻¹⁾ + b⁽ᴸ⁻¹⁾.

    Parameters
    ----------
    weights, biases : lists of ndarray, as returned by ``roll``
    X : ndarray of shape (B, n)
    activation : {"relu", "sigmoid"}
        g of the hidden layers.

    Returns
    -------
    activations : list of ndarray
        The input ``X`` and the output a⁽ˡ⁾ of every hidden layer, shape (B, s_l).
    logits : ndarray of shape (B, K)
        z⁽ᴸ⁾, the output layer's input: ŷ = softmax(z⁽ᴸ⁾), log ŷ = log_softmax(z⁽ᴸ⁾).
    """
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = activations[-1] @ W + b
        activations.append(np.maximum(z, 0) if activation == "relu" else sigmoid(z))
    return activations, activations[-1] @ weights[-1] + biases[-1]


def forward_propagation(weights, biases, X, activation):
    """a⁽ˡ⁺¹⁾ = g(a⁽ˡ⁾W⁽ˡ⁾ + b⁽ˡ⁾) for the hidden layers, softmax for the output layer.

    Parameters
    ----------
    weights, biases : lists of ndarray, as returned by ``roll``
    X : ndarray of shape (B, n)
    activation : {"relu", "sigmoid"}
        g of the hidden layers.

    Returns
    -------
    activations : list of ndarray
        The input ``X`` and the output a⁽ˡ⁾ of every hidden layer, shape (B, s_l).
    probabilities : ndarray of shape (B, K)
        The softmax output: row i holds P(class k | x⁽ⁱ⁾).
    """
    activations, logits = forward_logits(weights, biases, X, activation)
    return activations, softmax(logits)


def activation_derivative(a, activation):
    """g′(z), the slope of the hidden layers' activation, from its output a = g(z).

    For the sigmoid g′(z) = g(z)(1 − g(z)) = a(1 − a); for the ReLU it is 1 where it fired
    (a > 0) and 0 elsewhere. Computing it from a saves keeping z.

    Parameters
    ----------
    a : ndarray of shape (B, s)
        A hidden layer's output.
    activation : {"relu", "sigmoid"}

    Returns
    -------
    ndarray of shape (B, s), of a's type
    """
    if activation == "relu":
        return (a > 0).astype(a.dtype)
    return a * (1 - a)


def back_propagation(weights, activations, probabilities, y, activation):
    """∂J/∂W⁽ˡ⁾ and ∂J/∂b⁽ˡ⁾ of the mean cross-entropy over the batch (no penalty).

    δ of the output layer is (P − Y)/B; then, from the last layer down,
    ∂J/∂W⁽ˡ⁾ = a⁽ˡ⁾ᵀ δ⁽ˡ⁺¹⁾, ∂J/∂b⁽ˡ⁾ = Σ rows of δ⁽ˡ⁺¹⁾ and δ⁽ˡ⁾ = (δ⁽ˡ⁺¹⁾ W⁽ˡ⁾ᵀ) ⊙ g′(z⁽ˡ⁾).

    Parameters
    ----------
    weights : list of ndarray, as returned by ``roll``
    activations, probabilities : the outputs of ``forward_propagation`` (left unchanged)
    y : ndarray of shape (B,)
        Class indices 0 … K − 1.
    activation : {"relu", "sigmoid"}

    Returns
    -------
    weight_gradients, bias_gradients : lists of ndarray, shaped like the weights and biases
    """
    B, K = probabilities.shape
    Y = np.eye(K, dtype=probabilities.dtype)[y]  # one-hot labels
    delta = (probabilities - Y) / B
    weight_gradients, bias_gradients = [], []
    for layer in range(len(weights) - 1, -1, -1):
        a = activations[layer]
        weight_gradients.insert(0, a.T @ delta)
        bias_gradients.insert(0, delta.sum(axis=0))
        if layer > 0:  # the input layer needs no δ
            delta = (delta @ weights[layer].T) * activation_derivative(a, activation)
    return weight_gradients, bias_gradients


def cross_entropy(log_probabilities, y):
    """−(1/B)·Σ log ŷ⁽ⁱ⁾ of the right class y⁽ⁱ⁾, the data term of the cost.

    It takes log ŷ = log_softmax(z⁽ᴸ⁾), never the log of ŷ: a probability that rounds to
    0 has a finite log (z_y − log Σⱼ e^(zⱼ)), so a network that is wrong with confidence
    pays its true cost, and a diverged one an infinite or NaN cost, not a clipped one.

    Parameters
    ----------
    log_probabilities : ndarray of shape (B, K)
        log ŷ, row-wise ``log_softmax`` of the output layer's logits.
    y : ndarray of shape (B,), class indices

    Returns
    -------
    float
    """
    return -float(np.mean(log_probabilities[np.arange(len(y)), y]))


def penalty(theta, sizes, regularization, m):
    """λ/(2m)·Σ‖W‖², the L2 penalty on the weights (the biases are not penalized).

    Parameters
    ----------
    theta : ndarray of shape (n_parameters,)
        All weights, then all biases; only the weights count.
    sizes : list of int
        Neurons per layer, input first, classes last.
    regularization : float
        λ.
    m : int
        Size of the whole training set (also for a mini-batch, as in ``cost``).

    Returns
    -------
    float
    """
    w = theta[: n_weights(sizes)]
    return regularization / (2 * m) * float(w @ w)


def cost(theta, sizes, X, y, activation, regularization, m):
    """J(θ) = −(1/B)·Σ log P(y⁽ⁱ⁾ | x⁽ⁱ⁾) + λ/(2m)·Σ‖W‖², the biases not penalized.

    The log-probabilities come from the logits by ``log_softmax`` (see ``cross_entropy``).

    Parameters
    ----------
    theta : ndarray of shape (n_parameters,)
    sizes : list of int
    X : ndarray of shape (B, n)
    y : ndarray of shape (B,), class indices
    activation : {"relu", "sigmoid"}
    regularization : float
        λ.
    m : int
        Size of the whole training set: a mini-batch's J estimates the full J.

    Returns
    -------
    float
    """
    weights, biases = roll(theta, sizes)
    _, logits = forward_logits(weights, biases, X, activation)
    return cross_entropy(log_softmax(logits), y) + penalty(theta, sizes, regularization, m)


def cost_and_gradient(theta, sizes, X, y, activation, regularization, m):
    """J(θ) and ∇J(θ) from one forward and one backward pass; the penalty adds λ/m·W.

    One ``log_softmax`` of the logits serves both: the cost reads log ŷ, back-propagation
    gets ŷ = e^(log ŷ), which is ``softmax`` (so ŷ − Y is the output layer's error).

    Parameters
    ----------
    theta, sizes, X, y, activation, regularization, m : as for ``cost``

    Returns
    -------
    J : float
    gradient : ndarray of shape (n_parameters,), unrolled like θ
    """
    weights, biases = roll(theta, sizes)
    activations, logits = forward_logits(weights, biases, X, activation)
    log_probabilities = log_softmax(logits)
    J = cross_entropy(log_probabilities, y) + penalty(theta, sizes, regularization, m)
    probabilities = np.exp(log_probabilities)
    weight_gradients, bias_gradients = back_propagation(
        weights, activations, probabilities, y, activation
    )
    gradient = unroll(weight_gradients, bias_gradients)
    weights_part = slice(0, n_weights(sizes))  # θ holds the weights first; biases get no λ
    gradient[weights_part] += regularization / m * theta[weights_part]
    return J, gradient

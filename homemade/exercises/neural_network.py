"""Multilayer perceptron exercises: the activation's derivative, forward propagation and
back-propagation here; the rest of Andrew Ng's ex4 in ``neural_network_ex4.py``; the penalty
and one Adam step in ``neural_network_training.py``; in the order of
``homemade/neural_network/README.md``."""

import numpy as np

from homemade.activations import sigmoid, softmax
from homemade.exercises import neural_network_ex4, neural_network_training
from homemade.exercises._checker import Exercise, Mistake
from homemade.neural_network.network import (
    activation_derivative,
    back_propagation,
    forward_propagation,
)

PAGE = "homemade/neural_network/README.md"


def _network(rng, sizes):
    weights = [
        rng.normal(scale=0.5, size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    biases = [rng.normal(scale=0.5, size=b) for b in sizes[1:]]
    return weights, biases


# ---------------------------------------------------------- the activation's slope
def _derivative_cases(rng):
    cases = []
    for activation in ("sigmoid", "relu"):
        z = np.array([[-2.0, 0.5], [1.0, -0.1]])
        a = sigmoid(z) if activation == "sigmoid" else np.maximum(z, 0)
        cases.append(dict(a=a, activation=activation))
        z = rng.normal(size=(20, 5))
        cases.append(
            dict(
                a=sigmoid(z) if activation == "sigmoid" else np.maximum(z, 0), activation=activation
            )
        )
    return cases


def _derivative_sigmoid_twice(a, activation):
    if activation == "relu":
        return (a > 0).astype(float)
    return sigmoid(a) * (1 - sigmoid(a))


def _derivative_relu_output(a, activation):
    return a if activation == "relu" else a * (1 - a)


# -------------------------------------------------------------------- forward pass
def _forward_cases(rng):
    cases = []
    for sizes, m, activation in (
        ([2, 3, 2], 4, "sigmoid"),
        ([4, 5, 3], 10, "relu"),
        ([6, 8, 5, 4], 30, "relu"),
    ):
        weights, biases = _network(rng, sizes)
        cases.append(
            dict(
                weights=weights,
                biases=biases,
                X=rng.normal(size=(m, sizes[0])),
                activation=activation,
            )
        )
    # Large logits (hundreds): a softmax without the largest logit subtracted overflows.
    weights, biases = _network(rng, [3, 4, 3])
    weights[-1] *= 300.0
    biases[-1] += 800.0  # the same probabilities; e^z alone overflows (e^710 is ∞)
    X = 3.0 * rng.normal(size=(5, 3))
    cases.append(dict(weights=weights, biases=biases, X=X, activation="relu"))
    return cases


def _hidden(z, activation):
    return np.maximum(z, 0) if activation == "relu" else sigmoid(z)


def _forward_softmax_columns(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_hidden(activations[-1] @ W + b, activation))
    z = activations[-1] @ weights[-1] + biases[-1]
    e = np.exp(z - z.max(axis=0))
    return activations, e / e.sum(axis=0)


def _forward_no_activation(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(activations[-1] @ W + b)
    return activations, softmax(activations[-1] @ weights[-1] + biases[-1])


def _forward_no_bias(weights, biases, X, activation):
    activations = [X]
    for W in weights[:-1]:
        activations.append(_hidden(activations[-1] @ W, activation))
    return activations, softmax(activations[-1] @ weights[-1])


def _forward_sigmoid_output(weights, biases, X, activation):
    # Andrew Ng's ex4 network ends in K sigmoids; this one ends in a softmax.
    activations, _ = forward_propagation(weights, biases, X, activation)
    return activations, sigmoid(activations[-1] @ weights[-1] + biases[-1])


# ------------------------------------------------------------------ back-propagation
def _backward_cases(rng):
    cases = []
    for case in _forward_cases(rng):
        activations, probabilities = forward_propagation(**case)
        y = rng.integers(probabilities.shape[1], size=len(case["X"]))
        cases.append(
            dict(
                weights=case["weights"],
                activations=activations,
                probabilities=probabilities,
                y=y,
                activation=case["activation"],
            )
        )
    return cases


def _backward(
    weights,
    activations,
    probabilities,
    y,
    activation,
    *,
    slope=activation_derivative,
    batch_mean=True,
    one_hot=True,
):
    B, K = probabilities.shape
    targets = np.eye(K)[y] if one_hot else y[:, None]
    delta = (probabilities - targets) / (B if batch_mean else 1)
    weight_gradients, bias_gradients = [], []
    for layer in range(len(weights) - 1, -1, -1):
        a = activations[layer]
        weight_gradients.insert(0, a.T @ delta)
        bias_gradients.insert(0, delta.sum(axis=0))
        if layer > 0:
            delta = delta @ weights[layer].T
            if slope:
                delta = delta * slope(a, activation)
    return weight_gradients, bias_gradients


def _backward_without_slope(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation, slope=None)


def _backward_sigmoid_twice(weights, activations, probabilities, y, activation):
    # The mistake of activation_derivative, made inside back-propagation.
    slope = _derivative_sigmoid_twice
    return _backward(weights, activations, probabilities, y, activation, slope=slope)


def _backward_relu_output(weights, activations, probabilities, y, activation):
    slope = _derivative_relu_output
    return _backward(weights, activations, probabilities, y, activation, slope=slope)


def _backward_not_averaged(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation, batch_mean=False)


def _backward_labels_as_numbers(weights, activations, probabilities, y, activation):
    # P − y with y the class numbers, broadcast along each row: Ng's ex4 recodes y first.
    return _backward(weights, activations, probabilities, y, activation, one_hot=False)


_SIGMOID_TWICE = (
    "the sigmoid applied twice: g(a)(1 − g(a)) where a is already g(z)",
    "a = g(z) is the layer's output, so g′(z) = a(1 − a): no second sigmoid.",
)
_RELU_OUTPUT = (
    "the ReLU's output instead of its slope",
    "the ReLU's slope is 1 where it fired (a > 0) and 0 elsewhere.",
)

EXERCISES = [
    Exercise(
        name="neural_network.activation_derivative",
        reference=activation_derivative,
        cases=_derivative_cases,
        page=f"{PAGE}, section 'The gradient: back-propagation'",
        mistakes=[
            Mistake(*_SIGMOID_TWICE, _derivative_sigmoid_twice),
            Mistake(*_RELU_OUTPUT, _derivative_relu_output),
        ],
    ),
    Exercise(
        name="neural_network.forward_propagation",
        reference=forward_propagation,
        cases=_forward_cases,
        page=f"{PAGE}, section 'The hypothesis: forward propagation'",
        mistakes=[
            Mistake(
                "the softmax over the wrong axis (each class over the batch)",
                "each sample's K probabilities sum to 1: normalise along axis=1.",
                _forward_softmax_columns,
            ),
            Mistake(
                "no activation in the hidden layers",
                "every hidden layer applies g: a = g(a_previous @ W + b).",
                _forward_no_activation,
            ),
            Mistake(
                "forgetting the biases",
                "every layer adds its bias: a_previous @ W + b.",
                _forward_no_bias,
            ),
            Mistake(
                "K sigmoids at the output (Andrew Ng's ex4 network) instead of the softmax",
                "this network's output layer is a softmax: each row's K probabilities sum "
                "to 1 (softmax(z) along axis=1).",
                _forward_sigmoid_output,
            ),
        ],
    ),
    Exercise(
        name="neural_network.back_propagation",
        reference=back_propagation,
        cases=_backward_cases,
        page=f"{PAGE}, section 'The gradient: back-propagation'",
        mistakes=[
            Mistake(
                "back-propagation without the activation's derivative",
                "δ⁽ˡ⁾ = (δ⁽ˡ⁺¹⁾ W⁽ˡ⁾ᵀ) ⊙ g′(z⁽ˡ⁾): multiply by activation_derivative(a, ...).",
                _backward_without_slope,
            ),
            Mistake(*_SIGMOID_TWICE, _backward_sigmoid_twice),
            Mistake(*_RELU_OUTPUT, _backward_relu_output),
            Mistake(
                "a sum over the batch where the cost has a mean",
                "the output layer's δ is (P − Y) / B, B the number of rows in the batch.",
                _backward_not_averaged,
            ),
            Mistake(
                "the class numbers y where the one-hot Y is needed: P − y",
                "the output layer's δ is (P − Y) / B with Y = np.eye(K)[y], one row of 0s "
                "with a 1 at the class (Andrew Ng's ex4 recodes y the same way).",
                _backward_labels_as_numbers,
            ),
        ],
    ),
]

# In the order of the notebook: forward, backward, the rest of Ng's ex4 (gradient
# checking, random initialization: neural_network_ex4.py), then training.
_ORDER = [
    "forward_propagation",
    "activation_derivative",
    "back_propagation",
    "numerical_gradient",
    "relative_error",
    "initial_weights",
    "penalty",
    "adam_step",
]
EXERCISES = sorted(
    EXERCISES + neural_network_ex4.EXERCISES + neural_network_training.EXERCISES,
    key=lambda e: _ORDER.index(e.name.split(".")[1]),
)

"""Multilayer perceptron exercises: the activation's derivative, forward propagation,
back-propagation and one Adam step, in the order of ``homemade/neural_network/README.md``."""

import numpy as np

from homemade.activations import sigmoid, softmax
from homemade.exercises import neural_network_ex4
from homemade.exercises._checker import Exercise, Mistake
from homemade.neural_network.network import (
    activation_derivative,
    back_propagation,
    forward_propagation,
    n_weights,
    penalty,
    roll,
)
from homemade.neural_network.optimizers import adam_step

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


# --------------------------------------------------------------------- the penalty
def _penalty_cases(rng):
    cases = []
    for sizes, lam, m in (([2, 3, 2], 1.0, 10), ([4, 5, 3], 0.5, 100), ([6, 8, 5, 4], 2.0, 1000)):
        cases.append(
            dict(
                theta=rng.normal(size=n_weights(sizes) + sum(sizes[1:])),
                sizes=sizes,
                regularization=lam,
                m=m,
            )
        )
    return cases


def _penalty_with_biases(theta, sizes, regularization, m):
    return regularization / (2 * m) * float(theta @ theta)


def _penalty_over_m(theta, sizes, regularization, m):
    weights, _ = roll(theta, sizes)
    return regularization / m * sum(float((W**2).sum()) for W in weights)


# ---------------------------------------------------------------------- Adam's step
def _adam_cases(rng):
    cases = [
        dict(
            theta=np.array([1.0, -2.0]),
            gradient=np.array([0.5, 0.1]),
            u=np.zeros(2),
            r=np.zeros(2),
            t=1,
            learning_rate=0.1,
            beta1=0.9,
            beta2=0.999,
            epsilon=1e-8,
        )
    ]
    for n, t in ((5, 3), (40, 10)):
        cases.append(
            dict(
                theta=rng.normal(size=n),
                gradient=rng.normal(scale=1e-3, size=n),
                u=rng.normal(scale=1e-3, size=n),
                r=rng.uniform(0, 1e-6, size=n),
                t=t,
                learning_rate=1e-3,
                beta1=0.9,
                beta2=0.999,
                epsilon=1e-8,
            )
        )
    return cases


def _adam_no_correction(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    return theta - learning_rate * u / (np.sqrt(r) + epsilon), u, r


def _adam_swapped_betas(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    return adam_step(theta, gradient, u, r, t, learning_rate, beta2, beta1, epsilon)


def _adam_gradient_not_squared(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * np.abs(gradient)
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


# Mistakes that can be made in more than one exercise: one name and fix for each.
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
    Exercise(
        name="neural_network.penalty",
        reference=penalty,
        cases=_penalty_cases,
        page=f"{PAGE}, section 'Regularization'",
        mistakes=[
            Mistake(
                "regularizing the bias weights",
                "the penalty sums the squares of the weights W only: weights, biases = "
                "roll(theta, sizes), then leave the biases out.",
                _penalty_with_biases,
            ),
            Mistake(
                "dividing by m where the penalty needs 2m",
                "the penalty is λ/(2m)·Σ‖W‖², so that its gradient is λ/m·W.",
                _penalty_over_m,
            ),
        ],
    ),
    Exercise(
        name="neural_network.adam_step",
        reference=adam_step,
        cases=_adam_cases,
        page=f"{PAGE}, section 'Mini-batches and the optimizer'",
        mistakes=[
            Mistake(
                "no bias correction",
                "u and r start at 0: divide by (1 − β₁ᵗ) and (1 − β₂ᵗ) before the step.",
                _adam_no_correction,
            ),
            Mistake(
                "β₁ and β₂ swapped",
                "β₁ (0.9) averages the gradient u, β₂ (0.999) its square r.",
                _adam_swapped_betas,
            ),
            Mistake(
                "the second moment from |∇J| instead of ∇J⊙∇J",
                "r averages the squared gradient: gradient * gradient (element-wise).",
                _adam_gradient_not_squared,
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
    EXERCISES + neural_network_ex4.EXERCISES, key=lambda e: _ORDER.index(e.name.split(".")[1])
)

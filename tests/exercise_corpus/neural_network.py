"""Learner functions for the multilayer perceptron exercises."""

import numpy as np
import scipy.special

from exercise_corpus import CHANGED_INPUT, SEEDED, Corpus

corpus = Corpus()
FORWARD, SLOPE = "neural_network.forward_propagation", "neural_network.activation_derivative"
BACKWARD, PENALTY = "neural_network.back_propagation", "neural_network.penalty"
ADAM = "neural_network.adam_step"
NUMERIC, RELATIVE = "neural_network.numerical_gradient", "neural_network.relative_error"
INIT = "neural_network.initial_weights"
SECOND_SIGMOID = ("second sigmoid", "already", "a(1 − a)", "sigmoid twice", "g(z)")


def _g(z, activation):
    return np.maximum(z, 0) if activation == "relu" else scipy.special.expit(z)


def _stable_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------- forward propagation


@corpus.correct(FORWARD)
def forward_loop(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    return activations, _stable_softmax(activations[-1] @ weights[-1] + biases[-1])


@corpus.correct(FORWARD)
def forward_scipy_softmax(Ws, bs, inputs, g):
    layers, a = [inputs], inputs
    for layer, (W, b) in enumerate(zip(Ws, bs, strict=True)):
        z = a @ W + b
        if layer == len(Ws) - 1:
            return layers, scipy.special.softmax(z, axis=1)
        a = np.where(z > 0, z, 0.0) if g == "relu" else 1 / (1 + np.exp(-z))
        layers.append(a)


@corpus.correct(FORWARD)
def forward_dictionary_of_activations(weights, biases, X, activation):
    g = {"relu": lambda z: z * (z > 0), "sigmoid": scipy.special.expit}[activation]
    activations = [X]
    for W, b in list(zip(weights, biases, strict=True))[:-1]:
        activations.append(g(np.dot(activations[-1], W) + b))
    z = np.dot(activations[-1], weights[-1]) + biases[-1]
    return activations, np.exp(z - scipy.special.logsumexp(z, axis=1, keepdims=True))


@corpus.wrong(FORWARD, "axis", "each sample", "sum to 1", "rows", "axis=1")
def forward_softmax_over_columns(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    z = activations[-1] @ weights[-1] + biases[-1]
    e = np.exp(z - z.max(axis=0))
    return activations, e / e.sum(axis=0)


@corpus.wrong(FORWARD, "activation", "g(", "hidden layer", "non-linear")
def forward_without_activation(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(activations[-1] @ W + b)
    return activations, _stable_softmax(activations[-1] @ weights[-1] + biases[-1])


@corpus.wrong(FORWARD, "bias", "+ b")
def forward_without_biases(weights, biases, X, activation):
    activations = [X]
    for W in weights[:-1]:
        activations.append(_g(activations[-1] @ W, activation))
    return activations, _stable_softmax(activations[-1] @ weights[-1])


@corpus.wrong(FORWARD, "overflow", "max", "large", "inf")
def forward_softmax_without_max(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    e = np.exp(activations[-1] @ weights[-1] + biases[-1])
    return activations, e / e.sum(axis=1, keepdims=True)


# Andrew Ng's ex4 network ends with sigmoids; the course's network ends with a softmax.
@corpus.wrong(FORWARD, "softmax", "sum to 1", "probabilit", "output layer")
def forward_sigmoid_output(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    return activations, scipy.special.expit(activations[-1] @ weights[-1] + biases[-1])


@corpus.wrong(FORWARD, "output layer", "softmax of", "last layer", "logits")
def forward_activation_before_softmax(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights, biases, strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    return activations[:-1], _stable_softmax(activations[-1])


@corpus.wrong(FORWARD, "transpos", "W.T", "shape", "a @ W")
def forward_transposed_weights(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W.T + b, activation))
    return activations, _stable_softmax(activations[-1] @ weights[-1].T + biases[-1])


@corpus.wrong(FORWARD, "list of", "arrays", "hidden", "without the output")
def forward_keeps_output_in_list(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        activations.append(_g(activations[-1] @ W + b, activation))
    activations.append(_stable_softmax(activations[-1] @ weights[-1] + biases[-1]))
    return activations, activations[-1]


# np.max(z, 0) is the maximum along axis 0, not the element-wise max(z, 0).
@corpus.wrong(FORWARD, "np.maximum", "np.max", "element-wise", "shape", "broadcast")
def forward_relu_with_np_max(weights, biases, X, activation):
    activations = [X]
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = activations[-1] @ W + b
        activations.append(np.max(z, 0) if activation == "relu" else scipy.special.expit(z))
    return activations, _stable_softmax(activations[-1] @ weights[-1] + biases[-1])


# ------------------------------------------------------------ the activation's slope


@corpus.correct(SLOPE)
def slope_textbook(a, activation):
    return a * (1 - a) if activation == "sigmoid" else (a > 0).astype(float)


@corpus.correct(SLOPE)
def slope_heaviside(a, activation):
    if activation == "relu":
        return np.heaviside(a, 0.0)
    return a - a**2


@corpus.correct(SLOPE)
def slope_where(output, kind):
    return np.where(output > 0, 1.0, 0.0) if kind == "relu" else output * (1.0 - output)


@corpus.wrong(SLOPE, *SECOND_SIGMOID)
def slope_sigmoid_twice(a, activation):
    if activation == "relu":
        return (a > 0).astype(float)
    g = scipy.special.expit(a)
    return g * (1 - g)


@corpus.wrong(SLOPE, "slope", "a > 0", "1 where", "derivative")
def slope_relu_output(a, activation):
    return a if activation == "relu" else a * (1 - a)


@corpus.wrong(SLOPE, "a > 0", "strict", "where it fired", "0 elsewhere", "at 0", "kink")
def slope_relu_at_zero(a, activation):
    return (a >= 0).astype(float) if activation == "relu" else a * (1 - a)


@corpus.wrong(SLOPE, *CHANGED_INPUT)
def slope_in_place(a, activation):
    if activation == "relu":
        return (a > 0).astype(float)
    a *= 1 - a
    return a


@corpus.wrong(SLOPE, "a(1 − a)", "tanh", "sigmoid's", "1 − a²")
def slope_tanh_formula(a, activation):
    return 1 - a**2 if activation == "sigmoid" else (a > 0).astype(float)


@corpus.wrong(SLOPE, "relu", "activation", "both", "ReLU")
def slope_always_sigmoid(a, activation):
    return a * (1 - a)


# ------------------------------------------------------------------- back-propagation


def _backward(weights, activations, P, y, activation, *, slope=None, sign=1.0, scale=None):
    B, K = P.shape
    delta = sign * (P - np.eye(K)[y]) / (B if scale is None else scale)
    slope = slope or (lambda a: a * (1 - a) if activation == "sigmoid" else (a > 0) * 1.0)
    dW, db = [], []
    for layer in range(len(weights) - 1, -1, -1):
        dW.insert(0, activations[layer].T @ delta)
        db.insert(0, delta.sum(axis=0))
        if layer > 0:
            delta = (delta @ weights[layer].T) * slope(activations[layer])
    return dW, db


@corpus.correct(BACKWARD)
def backward_loop(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation)


@corpus.correct(BACKWARD)
def backward_appended_then_reversed(Ws, layers, P, labels, g):
    Y = (labels[:, None] == np.arange(P.shape[1])).astype(float)
    delta, grads_W, grads_b = (P - Y) / len(P), [], []
    for W, a in zip(reversed(Ws), reversed(layers), strict=True):
        grads_W.append(a.T @ delta)
        grads_b.append(np.sum(delta, axis=0))
        derivative = (a > 0) if g == "relu" else a * (1 - a)
        delta = delta @ W.T * derivative
    return grads_W[::-1], grads_b[::-1]


@corpus.wrong(BACKWARD, "derivative", "g′", "activation_derivative", "slope")
def backward_without_slope(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation, slope=lambda a: 1.0)


@corpus.wrong(BACKWARD, "mean", "/ B", "batch", "1/m", "divide", "factor")
def backward_not_averaged(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation, scale=1.0)


@corpus.wrong(BACKWARD, *SECOND_SIGMOID)
def backward_second_sigmoid(weights, activations, probabilities, y, activation):
    def slope(a):
        if activation == "relu":
            return (a > 0) * 1.0
        return scipy.special.expit(a) * (1 - scipy.special.expit(a))

    return _backward(weights, activations, probabilities, y, activation, slope=slope)


@corpus.wrong(BACKWARD, "bias", "twice", "sum over the batch", "B²")
def backward_bias_mean_of_mean(weights, activations, probabilities, y, activation):
    dW, db = _backward(weights, activations, probabilities, y, activation)
    return dW, [g / len(probabilities) for g in db]


@corpus.wrong(BACKWARD, "sign", "P − Y", "minus", "opposite")
def backward_y_minus_p(weights, activations, probabilities, y, activation):
    return _backward(weights, activations, probabilities, y, activation, sign=-1.0)


@corpus.wrong(BACKWARD, "transpos", "aᵀδ", "shape", "a.T @ delta")
def backward_transposed_weight_gradients(weights, activations, probabilities, y, activation):
    dW, db = _backward(weights, activations, probabilities, y, activation)
    return [g.T for g in dW], db


@corpus.wrong(BACKWARD, "one-hot", "np.eye", "labels as", "class indices")
def backward_labels_not_one_hot(weights, activations, probabilities, y, activation):
    B = len(probabilities)
    delta = (probabilities - y[:, None]) / B
    dW, db = [], []
    for layer in range(len(weights) - 1, -1, -1):
        a = activations[layer]
        dW.insert(0, a.T @ delta)
        db.insert(0, delta.sum(axis=0))
        if layer > 0:
            slope = a * (1 - a) if activation == "sigmoid" else (a > 0) * 1.0
            delta = delta @ weights[layer].T * slope
    return dW, db


@corpus.wrong(BACKWARD, "layer", "W⁽ˡ⁾", "which activation", "a⁽ˡ⁾", "shape")
def backward_slope_of_previous_layer(weights, activations, probabilities, y, activation):
    B, K = probabilities.shape
    delta = (probabilities - np.eye(K)[y]) / B
    dW, db = [], []
    for layer in range(len(weights) - 1, -1, -1):
        dW.insert(0, activations[layer].T @ delta)
        db.insert(0, delta.sum(axis=0))
        if layer > 0:
            a = activations[layer - 1]  # one layer too far back
            slope = a * (1 - a) if activation == "sigmoid" else (a > 0) * 1.0
            delta = (delta @ weights[layer].T) * slope
    return dW, db


# -------------------------------------------------------------------------- penalty


def _weights(theta, sizes):
    blocks, start = [], 0
    for a, b in zip(sizes[:-1], sizes[1:], strict=True):
        blocks.append(theta[start : start + a * b].reshape(a, b))
        start += a * b
    return blocks


@corpus.correct(PENALTY)
def penalty_blocks(theta, sizes, regularization, m):
    return regularization / (2 * m) * sum(np.sum(W**2) for W in _weights(theta, sizes))


@corpus.correct(PENALTY)
def penalty_slice(theta, sizes, regularization, m):
    n = sum(a * b for a, b in zip(sizes, sizes[1:]))  # noqa: B905 (sizes[1:] is shorter)
    return regularization * np.dot(theta[:n], theta[:n]) / (2 * m)


@corpus.correct(PENALTY)
def penalty_renamed(params, layer_sizes, lam, n_samples):
    count = int(np.sum(np.array(layer_sizes[:-1]) * np.array(layer_sizes[1:])))
    return float(lam / 2 / n_samples * np.linalg.norm(params[:count]) ** 2)


@corpus.wrong(PENALTY, "bias", "weights W only", "leave the biases out")
def penalty_with_biases(theta, sizes, regularization, m):
    return regularization / (2 * m) * np.sum(theta**2)


@corpus.wrong(PENALTY, "2m", "½", "half", "λ/(2m)", "factor 2")
def penalty_over_m(theta, sizes, regularization, m):
    return regularization / m * sum(np.sum(W**2) for W in _weights(theta, sizes))


@corpus.wrong(PENALTY, "2m", "divide", "factor", "/ m", "1/m")
def penalty_not_divided(theta, sizes, regularization, m):
    return regularization / 2 * sum(np.sum(W**2) for W in _weights(theta, sizes))


@corpus.wrong(PENALTY, "square", "‖W‖²", "norm", "squared")
def penalty_norms_not_squared(theta, sizes, regularization, m):
    return regularization / (2 * m) * sum(np.linalg.norm(W) for W in _weights(theta, sizes))


@corpus.wrong(PENALTY, "every layer", "all layers", "each weight matrix", "layers")
def penalty_first_layer_only(theta, sizes, regularization, m):
    return regularization / (2 * m) * np.sum(_weights(theta, sizes)[0] ** 2)


# Ng's ex4 skips Theta(:, 1), the bias column (r/NeuralNetwork "In Andrew Ng's machine
# learning course ... Why do we need to replace the first column in theta"); here the
# biases are separate vectors, so dropping W's first row drops real weights.
@corpus.wrong(PENALTY, "bias", "first row", "W[0]", "Ng", "real weights", "every weight")
def penalty_skips_first_row(theta, sizes, regularization, m):
    return regularization / (2 * m) * sum(np.sum(W[1:] ** 2) for W in _weights(theta, sizes))


@corpus.wrong(PENALTY, "bias", "theta[1:]", "θ₀", "weights W only", "n_weights")
def penalty_linear_regression_habit(theta, sizes, regularization, m):
    return regularization / (2 * m) * np.sum(theta[1:] ** 2)


# ------------------------------------------------------------------------ Adam's step


@corpus.correct(ADAM)
def adam_textbook(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


@corpus.correct(ADAM)
def adam_renamed(w, g, m, v, step, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return w - lr * (m / (1 - b1**step)) / ((v / (1 - b2**step)) ** 0.5 + eps), m, v


@corpus.correct(ADAM)
def adam_on_copies(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    theta, u, r = theta.copy(), u.copy(), r.copy()
    u *= beta1
    u += (1 - beta1) * gradient
    r *= beta2
    r += (1 - beta2) * np.square(gradient)
    theta -= learning_rate * (u / (1 - beta1**t)) / (np.sqrt(r / (1 - beta2**t)) + epsilon)
    return theta, u, r


@corpus.wrong(ADAM, "bias correction", "1 − β", "(1 − β₁ᵗ)", "corrected")
def adam_no_correction(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    return theta - learning_rate * u / (np.sqrt(r) + epsilon), u, r


@corpus.wrong(ADAM, "β₁", "β₂", "swapped", "beta1", "beta2")
def adam_swapped_betas(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta2 * u + (1 - beta2) * gradient
    r = beta1 * r + (1 - beta1) * gradient**2
    u_hat, r_hat = u / (1 - beta2**t), r / (1 - beta1**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


@corpus.wrong(ADAM, "square", "∇J⊙∇J", "gradient * gradient", "g⊙g", "|∇J|")
def adam_absolute_gradient(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * np.abs(gradient)
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


@corpus.wrong(ADAM, "ε", "epsilon", "outside", "inside the square root")
def adam_epsilon_inside_root(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / np.sqrt(r_hat + epsilon), u, r


@corpus.wrong(ADAM, "u_hat", "bias-corrected", "uncorrected", "return u", "moments")
def adam_returns_corrected_moments(theta, gradient, u, r, t, learning_rate, beta1, beta2,
                                   epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u_hat, r_hat


@corpus.wrong(ADAM, "off by one", "β₁ᵗ", "power t", "t − 1", "step number")
def adam_power_t_minus_1(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1 ** (t + 1)), r / (1 - beta2 ** (t + 1))
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


@corpus.wrong(ADAM, *CHANGED_INPUT)
def adam_updates_theta_in_place(theta, gradient, u, r, t, learning_rate, beta1, beta2,
                                epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    theta -= learning_rate * (u / (1 - beta1**t)) / (np.sqrt(r / (1 - beta2**t)) + epsilon)
    return theta, u, r


@corpus.wrong(ADAM, "uphill", "sign", "minus", "against")
def adam_uphill(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta + learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


# ------------------------------------------------------------ the numerical gradient


@corpus.correct(NUMERIC)
def numeric_copies(J, theta, entries, epsilon):
    result = []
    for i in entries:
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        result.append((J(plus) - J(minus)) / (2 * epsilon))
    return np.array(result)


# Andrew Ng's ex4 computeNumericalGradient: a perturbation vector, set and reset.
@corpus.correct(NUMERIC)
def numeric_perturbation_vector(cost, params, indices, eps):
    numgrad, perturb = np.zeros(len(indices)), np.zeros_like(params)
    for k, i in enumerate(indices):
        perturb[i] = eps
        numgrad[k] = (cost(params + perturb) - cost(params - perturb)) / (2 * eps)
        perturb[i] = 0
    return numgrad


@corpus.correct(NUMERIC)
def numeric_restores_entry(J, theta, entries, epsilon):
    grad = np.empty(len(entries))
    for k, i in enumerate(entries):
        saved = theta[i]
        theta[i] = saved + epsilon
        up = J(theta)
        theta[i] = saved - epsilon
        down = J(theta)
        theta[i] = saved  # put it back exactly
        grad[k] = (up - down) / (2 * epsilon)
    return grad


@corpus.correct(NUMERIC)
def numeric_identity_rows(J, theta, entries, epsilon):
    steps = epsilon * np.eye(len(theta))[entries]
    return np.array([(J(theta + e) - J(theta - e)) / (2 * epsilon) for e in steps])


@corpus.wrong(NUMERIC, "two-sided", "central", "one-sided", "2ε", "θ − εeᵢ", "ε²")
def numeric_one_sided(J, theta, entries, epsilon):
    base, result = J(theta), []
    for i in entries:
        plus = theta.copy()
        plus[i] += epsilon
        result.append((J(plus) - base) / epsilon)
    return np.array(result)


@corpus.wrong(NUMERIC, "2ε", "2 * epsilon", "factor 2", "half", "twice")
def numeric_over_epsilon(J, theta, entries, epsilon):
    result = []
    for i in entries:
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        result.append((J(plus) - J(minus)) / epsilon)
    return np.array(result)


@corpus.wrong(NUMERIC, "one entry", "eᵢ", "each entry", "all entries", "every entry at once")
def numeric_all_entries_at_once(J, theta, entries, epsilon):
    value = (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)
    return np.full(len(entries), value)


@corpus.wrong(NUMERIC, *CHANGED_INPUT, "restore", "put back")
def numeric_never_restores(J, theta, entries, epsilon):
    result = []
    for i in entries:
        theta[i] += epsilon
        up = J(theta)
        theta[i] -= 2 * epsilon
        result.append((up - J(theta)) / (2 * epsilon))  # θᵢ stays at θᵢ − ε
    return np.array(result)


@corpus.wrong(NUMERIC, "entries", "len(entries)", "shape", "only the entries")
def numeric_every_entry(J, theta, entries, epsilon):
    result = np.zeros(len(theta))
    for i in range(len(theta)):
        e = np.zeros(len(theta))
        e[i] = epsilon
        result[i] = (J(theta + e) - J(theta - e)) / (2 * epsilon)
    return result


@corpus.wrong(NUMERIC, "alias", "copy", "same array", "zero")
def numeric_aliases(J, theta, entries, epsilon):
    theta = theta.copy()  # the caller's θ is safe; plus and minus are not two arrays
    result = []
    for i in entries:
        plus = theta
        minus = theta
        plus[i] += epsilon
        minus[i] -= epsilon
        result.append((J(plus) - J(minus)) / (2 * epsilon))
    return np.array(result)


@corpus.wrong(NUMERIC, "sign", "minus", "J(θ + εeᵢ) − J(θ − εeᵢ)", "opposite")
def numeric_swapped_order(J, theta, entries, epsilon):
    result = []
    for i in entries:
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        result.append((J(minus) - J(plus)) / (2 * epsilon))
    return np.array(result)


# ----------------------------------------------------------------- the relative error


@corpus.correct(RELATIVE)
def relative_norms(analytic, numeric):
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return np.linalg.norm(analytic - numeric) / denominator if denominator > 0 else 0.0


@corpus.correct(RELATIVE)
def relative_by_hand(a, b):
    top = np.sqrt(np.sum((a - b) ** 2))
    bottom = np.sqrt(np.sum(a**2)) + np.sqrt(np.sum(b**2))
    return 0.0 if bottom == 0 else float(top / bottom)


# Andrew Ng's ex4 checkNNGradients prints norm(numgrad - grad) / norm(numgrad + grad).
@corpus.wrong(RELATIVE, "‖a‖ + ‖b‖", "‖a + b‖", "denominator", "ex4", "sum of the norms")
def relative_ng_denominator(analytic, numeric):
    return np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric)


@corpus.wrong(RELATIVE, "relative", "divide", "‖a‖ + ‖b‖", "scale", "absolute")
def relative_absolute_difference(analytic, numeric):
    return np.linalg.norm(analytic - numeric)


@corpus.wrong(RELATIVE, "norm", "Euclidean", "largest entry", "‖a − b‖")
def relative_largest_entry(analytic, numeric):
    top = np.max(np.abs(analytic - numeric))
    bottom = np.max(np.abs(analytic)) + np.max(np.abs(numeric))
    return top / bottom if bottom else 0.0


@corpus.wrong(RELATIVE, "square", "norm", "‖a − b‖ /", "squared")
def relative_squared_norms(analytic, numeric):
    bottom = np.sum(analytic**2) + np.sum(numeric**2)
    return np.sum((analytic - numeric) ** 2) / bottom if bottom else 0.0


@corpus.wrong(RELATIVE, "0/0", "both zero", "NaN", "zero gradients", "both are 0")
def relative_nan_for_zeros(analytic, numeric):
    with np.errstate(invalid="ignore"):
        return np.linalg.norm(analytic - numeric) / (
            np.linalg.norm(analytic) + np.linalg.norm(numeric)
        )


@corpus.wrong(RELATIVE, "‖a‖ + ‖b‖", "both", "symmetric", "denominator")
def relative_over_first_norm(analytic, numeric):
    norm = np.linalg.norm(analytic)
    return np.linalg.norm(analytic - numeric) / norm if norm else 0.0


@corpus.wrong(RELATIVE, "norm", "element-wise", "whole vector", "entry by entry")
def relative_mean_of_entries(analytic, numeric):
    with np.errstate(invalid="ignore"):
        ratios = np.abs(analytic - numeric) / (np.abs(analytic) + np.abs(numeric))
    return float(np.nanmean(ratios)) if np.isfinite(ratios).any() else 0.0


# ------------------------------------------------------------ random initialization


@corpus.correct(INIT)
def init_textbook(fan_in, fan_out, kind, rng):
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


# Andrew Ng's ex4 randInitializeWeights: rand(...) * 2 * epsilon_init − epsilon_init.
@corpus.correct(INIT)
def init_ng_formula(n_in, n_out, kind, generator):
    if kind == "he":
        return generator.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))
    epsilon_init = np.sqrt(6) / np.sqrt(n_in + n_out)
    return generator.random((n_in, n_out)) * 2 * epsilon_init - epsilon_init


@corpus.correct(INIT)
def init_drawn_column_by_column(fan_in, fan_out, kind, rng):
    columns = []
    for _ in range(fan_out):
        if kind == "he":
            columns.append(rng.normal(scale=(2 / fan_in) ** 0.5, size=fan_in))
        else:
            limit = (6 / (fan_in + fan_out)) ** 0.5
            columns.append(rng.uniform(-limit, limit, size=fan_in))
    return np.column_stack(columns)


@corpus.wrong(INIT, "zero", "symmetr", "identical", "same gradient", "all equal")
def init_zeros(fan_in, fan_out, kind, rng):
    return np.zeros((fan_in, fan_out))


# The ex4 formula without its shift: rand * epsilon_init is never negative.
@corpus.wrong(INIT, "[−ε, ε]", "negative", "centred", "mean 0", "−ε", "-limit", "symmetric")
def init_never_negative(fan_in, fan_out, kind, rng):
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    return rng.random((fan_in, fan_out)) * np.sqrt(6.0 / (fan_in + fan_out))


@corpus.wrong(INIT, "√(6/", "fan", "scale", "0.12", "limit", "spread")
def init_fixed_012(fan_in, fan_out, kind, rng):
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    return rng.uniform(-0.12, 0.12, (fan_in, fan_out))  # ex4's epsilon_init for 400-25-10


@corpus.wrong(INIT, "uniform", "U(", "bound", "exceed", "outside")
def init_normal_for_xavier(fan_in, fan_out, kind, rng):
    scale = np.sqrt(2.0 / fan_in) if kind == "he" else np.sqrt(2.0 / (fan_in + fan_out))
    return rng.standard_normal((fan_in, fan_out)) * scale


@corpus.wrong(INIT, "square root", "variance", "√(2/", "std", "standard deviation")
def init_he_variance_as_scale(fan_in, fan_out, kind, rng):
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * (2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


@corpus.wrong(INIT, *SEEDED)
def init_global_random(fan_in, fan_out, kind, rng):
    if kind == "he":
        return np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)  # noqa: NPY002
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.uniform(-limit, limit, (fan_in, fan_out))  # noqa: NPY002


@corpus.wrong(INIT, "shape", "transpos", "(fan_in, fan_out)")
def init_transposed(fan_in, fan_out, kind, rng):
    # ex4's Theta1 is L_out × (1 + L_in); the course's W is fan_in × fan_out.
    if kind == "he":
        return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_out, fan_in))


@corpus.wrong(INIT, "identical", "rows", "symmetr", "same", "every row")
def init_one_row_repeated(fan_in, fan_out, kind, rng):
    if kind == "he":
        row = rng.standard_normal(fan_out) * np.sqrt(2.0 / fan_in)
    else:
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        row = rng.uniform(-limit, limit, fan_out)
    return np.tile(row, (fan_in, 1))


@corpus.wrong(INIT, *SEEDED, "ignor")
def init_own_seed(fan_in, fan_out, kind, rng):
    rng = np.random.default_rng(42)
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, (fan_in, fan_out))


@corpus.wrong(INIT, "fan_out", "fan_in + fan_out", "√(6/", "limit", "spread")
def init_xavier_fan_in_only(fan_in, fan_out, kind, rng):
    if kind == "he":
        return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, (fan_in, fan_out))


# ------------------------------------------- later additions: half-written, other sequences
PARTLY = ("partly written", "part of your function", "one branch", "still raises",
          "NotImplementedError")


@corpus.wrong(SLOPE, *PARTLY)
def slope_half_written(a, activation):
    if activation == "relu":
        return (a > 0).astype(float)
    raise NotImplementedError  # the sigmoid's slope: later


@corpus.wrong(INIT, *PARTLY)
def init_half_written(fan_in, fan_out, kind, rng):
    if kind == "xavier":
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, (fan_in, fan_out))
    raise NotImplementedError  # He: to do


@corpus.correct(FORWARD)
def forward_tuple_of_activations(weights, biases, X, activation):
    activations, probabilities = forward_loop(weights, biases, X, activation)
    return tuple(activations), probabilities


@corpus.correct(ADAM)
def adam_returns_a_list(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    return list(adam_textbook(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon))


@corpus.correct(BACKWARD)
def backward_with_einsum(weights, activations, probabilities, y, activation):
    B, K = probabilities.shape
    delta = (probabilities - np.eye(K)[y]) / B
    dW, db = [None] * len(weights), [None] * len(weights)
    for layer in reversed(range(len(weights))):
        a = activations[layer]
        dW[layer], db[layer] = np.einsum("bi,bj->ij", a, delta), delta.sum(axis=0)
        slope = a * (1 - a) if activation == "sigmoid" else np.greater(a, 0)
        delta = np.einsum("bj,ij->bi", delta, weights[layer]) * slope
    return dW, db


@corpus.correct(RELATIVE)
def relative_hypot(analytic, numeric):
    top = np.sqrt(np.dot(analytic - numeric, analytic - numeric))
    bottom = np.sqrt(analytic @ analytic) + np.sqrt(numeric @ numeric)
    return top / bottom if bottom else 0.0


ENTRIES = corpus.entries

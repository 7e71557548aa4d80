"""Multilayer perceptron exercises for training: the L2 penalty of the weights, and one step
of Adam."""

import numpy as np

from homemade.exercises._checker import Exercise, Mistake
from homemade.neural_network.network import n_weights, penalty, roll
from homemade.neural_network.optimizers import adam_step

PAGE = "homemade/neural_network/README.md"


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


def _penalty_first_rows_dropped(theta, sizes, regularization, m):
    weights, _ = roll(theta, sizes)
    return regularization / (2 * m) * sum(np.sum(W[1:] ** 2) for W in weights)


def _penalty_norms(theta, sizes, regularization, m):
    weights, _ = roll(theta, sizes)
    return regularization / (2 * m) * sum(np.linalg.norm(W) for W in weights)


def _penalty_first_layer(theta, sizes, regularization, m):
    weights, _ = roll(theta, sizes)
    return regularization / (2 * m) * np.sum(weights[0] ** 2)


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


def _adam_epsilon_not_corrected(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    # Kingma & Ba's "efficient" form (Keras', TensorFlow's): the step size corrected once,
    # but then ε is added to √r, not to √r̂.
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    step = learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    return theta - step * u / (np.sqrt(r) + epsilon), u, r


def _adam_epsilon_inside(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / np.sqrt(r_hat + epsilon), u, r


def _adam_corrected_kept(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * gradient**2
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u_hat, r_hat


def _adam_gradient_not_squared(theta, gradient, u, r, t, learning_rate, beta1, beta2, epsilon):
    u = beta1 * u + (1 - beta1) * gradient
    r = beta2 * r + (1 - beta2) * np.abs(gradient)
    u_hat, r_hat = u / (1 - beta1**t), r / (1 - beta2**t)
    return theta - learning_rate * u_hat / (np.sqrt(r_hat) + epsilon), u, r


# Mistakes that can be made in more than one exercise: one name and fix for each.
EXERCISES = [
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
            Mistake(
                "the first row of each W left out (Ng's Theta(:, 2:end) in ex4)",
                "Ng's matrices hold the bias in their first column; here the biases are "
                "separate vectors, so every row of every W is a weight: penalize them all.",
                _penalty_first_rows_dropped,
            ),
            Mistake(
                "the norms ‖W‖ added where the penalty squares them",
                "Σ‖W‖² is the sum of the squared weights: np.sum(W ** 2), not np.linalg.norm(W).",
                _penalty_norms,
            ),
            Mistake(
                "only the first layer's weights penalized",
                "the penalty adds up the squared weights of every layer: loop over all the W "
                "that roll(theta, sizes) returns.",
                _penalty_first_layer,
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
            Mistake(
                "ε added to √r before the bias correction (Kingma & Ba's efficient form, Keras')",
                "the page adds ε to √r̂, the corrected moment: θ − α·û / (√r̂ + ε); the "
                "efficient form moves ε by a factor √(1 − β₂ᵗ).",
                _adam_epsilon_not_corrected,
            ),
            Mistake(
                "ε inside the square root, √(r̂ + ε)",
                "ε goes outside it, in the denominator: û / (√r̂ + ε).",
                _adam_epsilon_inside,
            ),
            Mistake(
                "the corrected moments û and r̂ returned as the new u and r",
                "keep the running averages u and r uncorrected for the next step: the "
                "correction 1/(1 − βᵗ) is applied afresh at each t, to the step only.",
                _adam_corrected_kept,
            ),
        ],
    ),
]

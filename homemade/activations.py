"""The squashing functions shared by logistic regression and the multilayer perceptron.

Each keeps the floating-point type of its input (float32 stays float32, anything else
becomes float64), so the float32 options of the estimators need nothing of their own.
"""

import numpy as np


def _as_float(z):
    z = np.asarray(z)
    return z if z.dtype == np.float32 else z.astype(np.float64, copy=False)


def sigmoid(z):
    """The sigmoid g(z) = 1 / (1 + e^(−z)), element-wise.

    Written as ½·(1 + tanh(z/2)), which is the same function and never overflows (e^(−z)
    would for z below about −710).

    Parameters
    ----------
    z : array-like of any shape

    Returns
    -------
    ndarray of the same shape, values in [0, 1]
    """
    z = _as_float(z)
    return 0.5 * (1 + np.tanh(0.5 * z))


def log_sigmoid(z):
    """log g(z) = −log(1 + e^(−z)), g the sigmoid, element-wise; exact where g(z) rounds to 0.

    Parameters
    ----------
    z : array-like of any shape

    Returns
    -------
    ndarray of the same shape, values ≤ 0
    """
    z = _as_float(z)
    return -np.logaddexp(0, -z)


def log_softmax(Z):
    """Row-wise log of the softmax: zₖ − log Σⱼ e^(zⱼ).

    The row maximum is taken out first, so that every exponential is ≤ 1 and none
    overflows; the result is unchanged because softmax(z − c) = softmax(z).

    Parameters
    ----------
    Z : array-like of shape (m, K)

    Returns
    -------
    ndarray of shape (m, K)
    """
    Z = _as_float(Z)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z):
    """Row-wise softmax e^(zₖ) / Σⱼ e^(zⱼ): each row becomes probabilities summing to 1.

    Parameters
    ----------
    Z : array-like of shape (m, K)

    Returns
    -------
    ndarray of shape (m, K)
    """
    return np.exp(log_softmax(Z))

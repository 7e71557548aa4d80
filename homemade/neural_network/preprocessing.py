"""Checks and input scaling for the multilayer perceptron (the bookkeeping around the
network): hidden layer sizes, the float type, the learned input scaling, the hold-out of
early stopping.
"""

import numbers

import numpy as np

from homemade.features import Standardizer
from homemade.model_selection import train_test_split


def hidden_sizes(hidden_layer_sizes, name="hidden_layer_sizes"):
    """``hidden_layer_sizes`` as a list of positive ints (a single int is one layer).

    Parameters
    ----------
    hidden_layer_sizes : int or sequence of int
    name : str, default="hidden_layer_sizes"
        For the error messages.

    Returns
    -------
    list of int
    """
    sizes = hidden_layer_sizes
    if isinstance(sizes, numbers.Integral) and not isinstance(sizes, bool):
        sizes = (sizes,)
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"{name} must be a tuple of positive integers, e.g. (128,) or "
                        f"(64, 32); got {hidden_layer_sizes!r}.")
    sizes = list(sizes)
    if not sizes:
        raise ValueError(f"{name} is empty; a multilayer perceptron needs at least one hidden "
                         "layer, e.g. hidden_layer_sizes=(128,).")
    for size in sizes:
        if not isinstance(size, numbers.Integral) or isinstance(size, bool):
            raise TypeError(f"{name} must contain integers (neurons per layer), got {size!r} "
                            f"in {hidden_layer_sizes!r}.")
        if size < 1:
            raise ValueError(f"{name} must contain positive integers, got {size!r} in "
                             f"{hidden_layer_sizes!r}; every hidden layer needs a neuron.")
    return [int(s) for s in sizes]


def learn_scaling(X, normalize):
    """The offset and scale of every feature, per ``normalize`` (see the class).

    Parameters
    ----------
    X : ndarray of shape (m, n)
        The training data.
    normalize : {"max", "standard", True, False, None}
        ``"max"`` and ``True``: offset 0, and one scale for all features, the largest |x|
        of ``X`` (1 when ``X`` is all 0); ``"standard"``: each feature's mean μ and standard
        deviation σ (1 for a constant feature; ``Standardizer``); ``False`` and ``None``:
        offset 0, scale 1.

    Returns
    -------
    offset, scale : ndarray of shape (n,), float64
        The network sees (X − offset) / scale.
    """
    n = X.shape[1]
    if normalize in ("max", True):  # True is the bool alias of "max"
        largest = max(float(X.max()), -float(X.min()))  # max |x| without a copy of X
        return np.zeros(n), np.full(n, largest if largest > 0 else 1.0)
    if normalize == "standard":
        standardizer = Standardizer().fit(X)
        return standardizer.mean_, standardizer.scale_
    return np.zeros(n), np.ones(n)


def apply_scaling(X, offset, scale, dtype):
    """(X − offset) / scale, as a new array in ``dtype`` (X is left unchanged).

    The subtraction writes straight into the new ``dtype`` array and the division works in
    that array: one copy of X instead of three (60,000 × 784 pixels are 188 MB each).

    Parameters
    ----------
    X : ndarray of shape (m, n)
    offset, scale : ndarray of shape (n,)
        As returned by ``learn_scaling``.
    dtype : np.float32 or np.float64
        The float type of the result.

    Returns
    -------
    ndarray of shape (m, n), of type ``dtype``
    """
    X_scaled = np.subtract(X, offset, dtype=dtype)
    X_scaled /= scale.astype(dtype)
    return X_scaled


def validation_split(X, y, fraction, rng):
    """A stratified hold-out (when every class has 2 samples) for early stopping.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    y : ndarray of shape (m,)
        Class indices 0 … K − 1.
    fraction : float in (0, 1)
        The share of the samples held out (``validation_fraction``).
    rng : numpy.random.Generator
        Picks the held-out samples.

    Returns
    -------
    X_train, X_valid : ndarray of shape (m − m_valid, n) and (m_valid, n)
    y_train, y_valid : ndarray of shape (m − m_valid,) and (m_valid,)
        In the order ``X_train, X_valid, y_train, y_valid`` (as ``train_test_split``),
        m_valid the number held out.

    Raises
    ------
    ValueError
        When the hold-out is impossible (too few samples for ``fraction``).
    """
    counts = np.bincount(y)
    stratify = y if counts[counts > 0].min() >= 2 else None
    try:
        return train_test_split(X, y, test_size=fraction, stratify=stratify, random_state=rng)
    except ValueError as error:
        raise ValueError(
            f"early_stopping could not hold out validation_fraction={fraction} of "
            f"{len(X)} samples: {error}") from None

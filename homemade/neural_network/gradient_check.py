"""The gradient check: back-propagation against central finite differences.

A back-propagation bug does not crash: the network still learns, only worse. So the
gradient is compared with the definition of a derivative, one entry θᵢ at a time.
"""

import numpy as np

from homemade._parameters import Interval, check_random_state
from homemade._validation import check_X_y
from homemade.neural_network.multilayer_perceptron import MultilayerPerceptron
from homemade.neural_network.network import (
    cost,
    cost_and_gradient,
    initialize_parameters,
    unroll,
)
from homemade.neural_network.preprocessing import apply_scaling, hidden_sizes, learn_scaling


def numerical_gradient(J, theta, entries, epsilon):
    """(J(θ + εeᵢ) − J(θ − εeᵢ)) / (2ε) for each index i in ``entries``.

    Parameters
    ----------
    J : callable
        θ ↦ the cost, a float.
    theta : ndarray of shape (n_parameters,)
        Left unchanged (each perturbation is made on a copy).
    entries : ndarray of int
        The indices i to differentiate along.
    epsilon : float
        ε; the error of the central difference shrinks like ε².

    Returns
    -------
    ndarray of shape (len(entries),)
    """
    numeric = np.empty(len(entries))
    for k, i in enumerate(entries):
        step = np.zeros_like(theta)
        step[i] = epsilon
        numeric[k] = (J(theta + step) - J(theta - step)) / (2 * epsilon)
    return numeric


def relative_error(analytic, numeric):
    """‖a − b‖ / (‖a‖ + ‖b‖): how far two gradients are apart, relative to their size.

    0 when they agree, at most 1 (when they point in opposite directions), and 0 when both
    are zero. Unlike ‖a − b‖ alone it does not depend on the scale of the cost.

    Parameters
    ----------
    analytic, numeric : ndarray of shape (k,)
        The back-propagated gradient and its finite-difference estimate, same entries.

    Returns
    -------
    float
    """
    denominator = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / denominator)


def check_gradients(model, X, y, *, epsilon=1e-4, n_checks=None, random_state=0):
    """Compare back-propagation with finite differences; return the largest relative error.

    For every weight matrix and bias vector of ``model`` (its learned weights if it is
    fitted, otherwise fresh initial weights from its hyperparameters), the gradient of
    the cost J(θ) on ``(X, y)`` (cross-entropy plus the L2 penalty with the model's
    ``regularization``) is computed twice, in float64: by back-propagation
    (``network.cost_and_gradient``) and by ``numerical_gradient``. The relative error of a block
    is ‖∇J_backprop − ∇J_numeric‖ / (‖∇J_backprop‖ + ‖∇J_numeric‖) (``relative_error``).
    Correct back-propagation gives about 1e-9 or less; a bug gives something near 1.

    Parameters
    ----------
    model : MultilayerPerceptron
    X : array-like of shape (m, n)
    y : array-like of shape (m,)
        Labels; for a fitted model, labels it was trained on.
    epsilon : float > 0, default=1e-4
        ε of the central differences.
    n_checks : int >= 1 or None, default=None
        Check that many random entries per block (each costs two forward passes);
        ``None`` checks them all.
    random_state : None, int ≥ 0, numpy.random.Generator or numpy.random.RandomState, default=0
        Picks the entries when ``n_checks`` is set. (The fresh initial weights of an
        unfitted model come from the model's own ``random_state``.)

    Returns
    -------
    float
        The largest relative error over the weight matrices and bias vectors.
    """
    if not isinstance(model, MultilayerPerceptron):
        raise TypeError(
            f"check_gradients expects a MultilayerPerceptron, got {type(model).__name__}."
        )
    Interval(float, low=0, low_inclusive=False).check(epsilon, "epsilon")
    if n_checks is not None:
        Interval(int, low=1).check(n_checks, "n_checks")
    rng = check_random_state(random_state)
    model._validate_params()
    theta, sizes, X, y = _model_parameters(model, X, y)

    def J(t):
        return cost(t, sizes, X, y, model.activation, model.regularization, len(X))

    _, backprop = cost_and_gradient(
        theta, sizes, X, y, model.activation, model.regularization, len(X)
    )
    worst = 0.0
    for first, last in _blocks(sizes):
        entries = np.arange(first, last)
        if n_checks is not None and n_checks < len(entries):
            entries = np.sort(rng.choice(entries, size=n_checks, replace=False))
        numeric = numerical_gradient(J, theta, entries, epsilon)
        worst = max(worst, relative_error(backprop[entries], numeric))
    return worst


def _model_parameters(model, X, y):
    """θ (float64), the layer sizes, the scaled X and the class indices of y."""
    X, y = check_X_y(X, y, estimator=model, numeric_y=False)
    if hasattr(model, "coefs_"):
        X = model._validate_data(X)  # same number of features as in fit
        known = np.isin(y, model.classes_)
        if not known.all():
            raise ValueError(
                f"y holds labels the model was not trained on: {np.unique(y[~known])!r}."
            )
        sizes = [model.n_features_in_, *[len(b) for b in model.intercepts_]]
        theta = unroll(model.coefs_, model.intercepts_).astype(np.float64)
        offset, scale = model.input_offset_, model.input_scale_
        return theta, sizes, apply_scaling(X, offset, scale, np.float64), np.searchsorted(
            model.classes_, y)
    classes, y = np.unique(y, return_inverse=True)
    sizes = [X.shape[1], *hidden_sizes(model.hidden_layer_sizes), len(classes)]
    rng = check_random_state(model.random_state)
    theta = initialize_parameters(sizes, model.activation, rng)
    offset, scale = learn_scaling(X, model.normalize)
    return theta, sizes, apply_scaling(X, offset, scale, np.float64), y


def _blocks(sizes):
    """(first, last) indices in θ of every weight matrix, then every bias vector."""
    lengths = [a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True)] + sizes[1:]
    ends = np.cumsum(lengths)
    return list(zip(ends - lengths, ends, strict=True))

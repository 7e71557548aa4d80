"""Figures of the multilayer-perceptron demos (plain matplotlib).

The MNIST and Fashion-MNIST notebooks call these so that their cells stay about the data,
the network and its evaluation: cost curves and the first layer's weights. The image grids
and confusion figures they share with logistic regression are in ``homemade.plotting.images``.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from homemade.plotting.images import SIDE


def plot_cost_curves(curves, title="Training cost", ax=None):
    """Cost against epoch for one or more trainings, on a log scale.

    Parameters
    ----------
    curves : dict of str to array-like
        Label of each curve -> its costs, the first one at epoch ``start`` (see below).
        A curve given as ``(start, values)`` starts at epoch ``start``; plain values
        start at epoch 0.
    title : str, default="Training cost"
    ax : matplotlib.axes.Axes or None
        Where to draw; a new 6 × 3.5 inch figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    for (label, curve), marker in zip(curves.items(), ("o-", "s--", "^:", "d-."), strict=False):
        start, values = curve if isinstance(curve, tuple) else (0, curve)
        ax.plot(np.arange(start, start + len(values)), values, marker, label=label)
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost J (log scale)")
    ax.set_title(title)
    if len(curves) > 1:
        ax.legend()
    return ax


def plot_hidden_weights(W, n_rows=4, n_cols=10, title=None, fig=None, grid=None):
    """The weights of the first hidden neurons, each drawn as a 28×28 image.

    Red pixels push a neuron up, blue ones down, on one colour scale for all neurons.

    Parameters
    ----------
    W : ndarray of shape (784, s)
        The first weight matrix W⁽¹⁾; column j holds neuron j's weights.
    n_rows, n_cols : int, default=4, 10
        The grid: the first ``n_rows * n_cols`` neurons are drawn.
    title : str or None
        Figure title (default: "Weights of the first k hidden neurons").
    fig : matplotlib.figure.Figure or None
        Draw into this figure (with ``grid``) instead of a new one.
    grid : matplotlib.gridspec.SubplotSpec or None
        The part of ``fig`` to fill.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    k = min(n_rows * n_cols, W.shape[1])
    weights = W[:, :k].T
    limit = np.abs(weights).max()
    if fig is None:
        fig = plt.figure(figsize=(1.2 * n_cols, 1.25 * n_rows))
        grid = fig.add_gridspec(1, 1)[0]
        fig.suptitle(title or f"Weights of the first {k} hidden neurons")
    cells = grid.subgridspec(n_rows, n_cols)
    for index, w in enumerate(weights):
        ax = fig.add_subplot(cells[index // n_cols, index % n_cols])
        ax.imshow(w.reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.axis("off")
    return fig


def plot_training_summary(cost_history, W, title):
    """A training at a glance: its cost curve beside the first 8 hidden neurons' weights.

    Parameters
    ----------
    cost_history : array-like of shape (epochs + 1,)
    W : ndarray of shape (784, s)
        The first weight matrix.
    title : str
        Title of the cost panel.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig = plt.figure(figsize=(11, 3.6))
    grid = fig.add_gridspec(1, 2)
    plot_cost_curves({"cost": cost_history}, title=title, ax=fig.add_subplot(grid[0]))
    plot_hidden_weights(W, n_rows=2, n_cols=4, fig=fig, grid=grid[1])
    return fig

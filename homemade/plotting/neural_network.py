"""Figures of the multilayer-perceptron demos (plain matplotlib).

The MNIST and Fashion-MNIST notebooks call these so that their cells stay about the data,
the network and its evaluation: image grids, cost curves, the confusion matrix, the
most-confused pairs and the first layer's weights.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

#: Side of the square images of MNIST and Fashion-MNIST, in pixels.
SIDE = 28


def draw_images(images, titles, n_cols=10, size=1.2, cmap="gray_r"):
    """A grid of 28×28 images, each with its title.

    Parameters
    ----------
    images : ndarray of shape (k, 784)
        One image per row, its pixels in C order.
    titles : sequence of str, length k
    n_cols : int, default=10
        Images per row of the grid.
    size : float, default=1.2
        Width of one image in inches.
    cmap : str, default="gray_r"
        Colour map (ink dark on white by default).

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    n_rows = max(1, int(np.ceil(len(images) / n_cols)))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(size * n_cols, 1.25 * size * n_rows), squeeze=False
    )
    for ax in axes.ravel():
        ax.axis("off")
    for ax, image, title in zip(axes.ravel(), images, titles, strict=False):
        ax.imshow(np.reshape(image, (SIDE, SIDE)), cmap=cmap)
        ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


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


def plot_confusion_matrix(matrix, labels, title="Confusion matrix (test set)", axis_name="class"):
    """The confusion matrix as a heat map with its counts: row = truth, column = prediction.

    Parameters
    ----------
    matrix : ndarray of shape (K, K)
        ``matrix[i, j]`` counts the samples of class i predicted as class j.
    labels : sequence of str, length K
    title : str, default="Confusion matrix (test set)"
    axis_name : str, default="class"
        What a class is ("digit", "article"), for the axis labels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    K = len(labels)
    fig, ax = plt.subplots(figsize=(0.55 * K + 1.5, 0.55 * K + 1))
    ax.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(
            col,
            row,
            count,
            ha="center",
            va="center",
            fontsize=7,
            color="white" if count > matrix.max() / 2 else "black",
        )
    ax.set_xticks(
        range(K),
        labels,
        rotation=45 if max(map(len, map(str, labels))) > 2 else 0,
        ha="right" if max(map(len, map(str, labels))) > 2 else "center",
    )
    ax.set_yticks(range(K), labels)
    ax.set_xlabel(f"predicted {axis_name}")
    ax.set_ylabel(f"true {axis_name}")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_confused_pairs(X, y_true, y_pred, pairs, names, n_each=5):
    """For each pair (a, b), a row of images of a read as b and of b read as a.

    Parameters
    ----------
    X : ndarray of shape (m, 784)
        The images.
    y_true, y_pred : ndarray of shape (m,)
        Class indices: the truth and the network's prediction.
    pairs : sequence of (int, int)
        The class pairs to show, one row each.
    names : sequence of str
        The name of each class index.
    n_each : int, default=5
        Images of each direction per row (the first ones in the test set).

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    images, titles = [], []
    for a, b in pairs:
        for true, predicted in ((a, b), (b, a)):
            wrong = np.flatnonzero((y_true == true) & (y_pred == predicted))[:n_each]
            images += list(X[wrong]) + [np.zeros(SIDE * SIDE)] * (n_each - len(wrong))
            titles += [f"{names[true]}\nread as {names[predicted]}"] * len(wrong)
            titles += [""] * (n_each - len(wrong))
    return draw_images(images, titles, n_cols=2 * n_each, size=1.25)


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

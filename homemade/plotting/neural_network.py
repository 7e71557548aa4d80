"""Figures of the multilayer-perceptron demos (plain matplotlib).

The MNIST and Fashion-MNIST notebooks call these so that their cells stay about the data,
the network and its evaluation: cost curves (each epoch's cost where it was measured,
``cost_positions``), the first layer's weights and one image's class probabilities. The
image grids and confusion figures they share with logistic regression are in
``homemade.plotting.images``.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from homemade.plotting.images import SIDE


def cost_positions(n_epochs, full_batch=False):
    """Where each epoch's cost belongs on an axis of epochs trained.

    Epoch e (e = 1 … n) records one cost. With mini-batches it is the mean of the costs
    its batches measured on the way through the epoch, so it is drawn at e − ½, the
    middle of the epoch. With full-batch gradient descent it is J before the epoch's one
    step: J after e − 1 epochs, drawn at e − 1. ``MultilayerPerceptron.cost_history_``
    then holds J of the final weights, after n epochs, drawn at n. scikit-learn's
    ``MLPClassifier.loss_curve_`` records its epochs in the same way.

    Parameters
    ----------
    n_epochs : int
    full_batch : bool, default=False

    Returns
    -------
    ndarray of shape (n_epochs,)
        e − ½ (or e − 1 with ``full_batch``) for e = 1 … n_epochs.
    """
    return np.arange(n_epochs) + (0.0 if full_batch else 0.5)


def plot_cost_curves(curves, title="Training cost", ax=None):
    """Cost against epochs trained, one curve per training, on a log scale.

    Parameters
    ----------
    curves : dict of str to MultilayerPerceptron or tuple
        Label -> a fitted ``MultilayerPerceptron``: its ``cost_history_`` is drawn, the
        epoch costs at ``cost_positions(n_iter_, solver == "gradient_descent")`` joined
        by a line, and J of the final weights as a star at ``n_iter_``. Or label ->
        ``(epoch_costs, full_batch)``: epoch costs alone, such as scikit-learn's
        ``loss_curve_``.
    title : str, default="Training cost"
    ax : matplotlib.axes.Axes or None
        Where to draw; a new 6 × 3.5 inch figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    finals = False
    for (label, curve), style in zip(curves.items(), ("o-", "s--", "^:", "d-."), strict=False):
        if isinstance(curve, tuple):
            (epoch_costs, full_batch), final = curve, None
        else:
            epoch_costs, final = curve.cost_history_[:-1], curve.cost_history_[-1]
            full_batch = curve.solver == "gradient_descent"
        positions = cost_positions(len(epoch_costs), full_batch)
        (line,) = ax.plot(positions, epoch_costs, style, markersize=4, label=label)
        if final is not None:
            ax.plot(len(epoch_costs), final, "*", color=line.get_color(), markersize=11)
            finals = True
    if finals:
        ax.plot([], [], "*", color="0.3", markersize=11, label="J of the final weights")
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epochs trained")
    ax.set_ylabel("cost J (log scale)")
    ax.set_title(title)
    ax.legend(fontsize=8)
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


def plot_training_summary(model, title):
    """A training at a glance: its cost curve beside the first 8 hidden neurons' weights.

    Parameters
    ----------
    model : MultilayerPerceptron
        A fitted network; its ``cost_history_`` and first weight matrix are drawn.
    title : str
        Title of the cost panel.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig = plt.figure(figsize=(11, 3.6))
    grid = fig.add_gridspec(1, 2)
    plot_cost_curves({"cost": model}, title=title, ax=fig.add_subplot(grid[0]))
    plot_hidden_weights(model.coefs_[0], n_rows=2, n_cols=4, fig=fig, grid=grid[1])
    return fig


def plot_prediction(image, probabilities, class_names, true_class):
    """One image beside the network's probability for each class (its softmax output).

    The true class's bar is green; when the prediction is wrong, the predicted class's bar
    is red.

    Parameters
    ----------
    image : array-like of shape (784,)
        A 28×28 image, flattened row by row.
    probabilities : array-like of shape (K,)
        ``predict_proba`` of that image.
    class_names : list of str
        The K class names, in the order of the columns of ``predict_proba``.
    true_class : int
        The index of the image's true class.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2),
                                      gridspec_kw={"width_ratios": [1, 2.4]})
    left.imshow(np.reshape(image, (SIDE, SIDE)), cmap="gray_r")
    left.axis("off")
    predicted = int(np.argmax(probabilities))
    colors = ["0.7"] * len(class_names)
    colors[true_class] = "tab:green"
    if predicted != true_class:
        colors[predicted] = "tab:red"
    positions = np.arange(len(class_names))
    right.barh(positions, probabilities, color=colors)
    right.set_yticks(positions, class_names)
    right.invert_yaxis()  # the first class on top
    right.set_xlim(0, 1)
    right.set_xlabel("probability the network gives each class")
    left.set_title(f"true: {class_names[true_class]}\npredicted: {class_names[predicted]}",
                   fontsize=10)
    fig.tight_layout()
    return fig

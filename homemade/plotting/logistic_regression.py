"""Figures of the logistic-regression demos (plain matplotlib).

The Iris, microchips and MNIST notebooks call these so that their cells stay about the
data, the model and its evaluation: points by class, decision boundaries drawn from a
fitted model, cost curves, learning and validation curves, and weight images.
"""

import matplotlib.pyplot as plt
import numpy as np

from homemade.plotting.images import SIDE


def scatter_classes(ax, X, y, styles, suffix="", **kwargs):
    """Scatter two features, one style per class.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    styles : dict of label to dict
        Keyword arguments of ``ax.scatter`` for each class label (colour, marker, label...).
    suffix : str, default=""
        Added to every legend label, e.g. " (test)".
    **kwargs
        Passed to every ``ax.scatter`` call (override ``styles``).
    """
    for label, style in styles.items():
        rows = y == label
        options = {"s": 20, **style, **kwargs, "label": f"{style.get('label', label)}{suffix}"}
        ax.scatter(X[rows, 0], X[rows, 1], **options)


def plot_regions(ax, fitted, extent, colors, size=300, lines=False):
    """Colour the plane by the class a fitted model predicts; optionally its z = 0 lines.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    fitted : classifier
        Any fitted model with ``predict``, ``classes_`` (and ``decision_function`` when
        ``lines``), taking two features.
    extent : (x_min, x_max, y_min, y_max)
    colors : sequence of colours, one per class of ``fitted.classes_``
    size : int, default=300
        Grid points per axis.
    lines : bool, default=False
        Also draw each class's own line θ⁽ᵏ⁾ᵀx = 0 (dashed; one-vs-all only, where a single
        score has a meaning). With two classes the one score's line is drawn in black.
    """
    u, v = np.meshgrid(np.linspace(*extent[:2], size), np.linspace(*extent[2:], size))
    grid = np.column_stack([u.ravel(), v.ravel()])
    classes = list(fitted.classes_)
    predicted = np.searchsorted(classes, fitted.predict(grid)).reshape(u.shape)
    levels = np.arange(len(classes) + 1) - 0.5
    ax.contourf(u, v, predicted, levels=levels, colors=list(colors), alpha=0.15)
    if not lines:
        return
    scores = fitted.decision_function(grid).reshape(len(grid), -1)
    line_colors = ["black"] if scores.shape[1] == 1 else list(colors)
    for score, color in zip(scores.T, line_colors, strict=True):
        ax.contour(u, v, score.reshape(u.shape), levels=[0], colors=[color],
                   linestyles="--", linewidths=1.5)


def plot_boundary(ax, fitted, extent, size=250):
    """A two-class model's boundary θᵀx = 0 in black, its class-1 side shaded green.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    fitted : fitted two-class model with ``decision_function``
    extent : (x_min, x_max, y_min, y_max)
    size : int, default=250
        Grid points per axis.
    """
    u, v = np.meshgrid(np.linspace(*extent[:2], size), np.linspace(*extent[2:], size))
    score = fitted.decision_function(np.column_stack([u.ravel(), v.ravel()])).reshape(u.shape)
    ax.contourf(u, v, score, levels=[0, np.inf], colors=["tab:green"], alpha=0.12)
    ax.contour(u, v, score, levels=[0], colors="black", linewidths=1.5)


def plot_cost_histories(histories, ylabel="cost J(θ)", ax=None, log_x=False):
    """Cost per iteration of one or more fits.

    Parameters
    ----------
    histories : dict of str to array-like
        Label -> cost before the first and after every iteration (``cost_history_``).
    ylabel : str, default="cost J(θ)"
    ax : matplotlib.axes.Axes or None
        Where to draw; a new 7 × 4 inch figure when None.
    log_x : bool, default=False
        A symmetric-log iteration axis (linear up to 10), for curves of very different lengths.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for label, history in histories.items():
        ax.plot(np.asarray(history), marker="." if len(history) < 60 else None, label=label)
    if log_x:
        ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel("iteration")
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def plot_error_curves(ax, x, curves, xlabel, title, log_x=False, mark=None):
    """Training and validation error against a setting (m or λ), each a mean over splits.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    x : array-like of shape (p,)
        The settings.
    curves : dict of str to ndarray of shape (splits, p)
        Label -> the error at every setting for every split; the mean is drawn as a line,
        the spread (one standard deviation over the splits) as a band.
    xlabel, title : str
    log_x : bool, default=False
        A logarithmic x axis (for λ).
    mark : dict of str to float or None
        Label -> a setting to mark with a dotted vertical line.
    """
    for label, errors in curves.items():
        mean, spread = errors.mean(axis=0), errors.std(axis=0)
        ax.plot(x, mean, marker="o", markersize=3, label=label)
        ax.fill_between(x, mean - spread, mean + spread, alpha=0.15)
    for label, value in (mark or {}).items():
        ax.axvline(value, color="grey", linestyle=":", linewidth=1)
        ax.annotate(label, (value, 1), xycoords=("data", "axes fraction"), rotation=90,
                    va="top", ha="right", fontsize=8, color="grey")
    if log_x:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("log-loss (mean over splits)")
    ax.set_title(title)
    ax.legend()


def draw_weights(axes, coef, titles, limit=None, colorbar=True):
    """Each row of ``coef`` (one weight per pixel) as a 28×28 image, red for, blue against.

    All images share one colour scale, symmetric about 0 (white), so that both the sign and
    the size of a weight can be read off, and compared from one image to the next.

    Parameters
    ----------
    axes : sequence of matplotlib.axes.Axes, one per row of ``coef``
    coef : ndarray of shape (K, 784)
    titles : sequence of str or None
        One title per image (None: no titles).
    limit : float or None, default=None
        The weight drawn in full red (and its negative in full blue); None: the largest
        ``|coef|``. Pass the same limit to compare two calls.
    colorbar : bool, default=True
        Add one colour bar for all the images, to the right of them.

    Returns
    -------
    image : matplotlib.image.AxesImage
        The last image drawn (its colour scale is everybody's).
    """
    axes = list(axes)
    limit = np.abs(coef).max() if limit is None else limit
    for index, (ax, weights) in enumerate(zip(axes, coef, strict=True)):
        image = ax.imshow(weights.reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
        ax.axis("off")
    if colorbar:
        label = "weight θⱼ (red: for, blue: against)"
        axes[0].figure.colorbar(image, ax=axes, shrink=0.8, label=label)
    return image

"""Plotting helpers for the anomaly-detection demo and its math page's figures.

The servers as a scatter, the feature histograms, contour lines of any function of the
two features (a density, ``decision_function``'s ε boundary), the flagged servers circled,
and precision, recall and F1 over the candidate ε. Plain matplotlib.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from homemade.anomaly_detection.gaussian import log_density


def plot_servers(X, y, feature_names, ax=None, flagged=None):
    """Scatter the two features, the marked anomalies as crosses, the flagged ones circled.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
        1 for a marked anomaly, 0 for a normal example.
    feature_names : sequence of 2 str
        The axis labels.
    ax : matplotlib Axes or None, default=None
        Where to draw; ``None`` opens a new 6.5 × 5.5 inch figure.
    flagged : ndarray of shape (m,) or None, default=None
        1 where a detector flags the example: drawn as an orange circle.

    Returns
    -------
    ax : matplotlib Axes
    """
    if ax is None:
        ax = plt.subplots(figsize=(6.5, 5.5))[1]
    ax.scatter(*X[y == 0].T, s=12, alpha=0.6, label="normal")
    ax.scatter(*X[y == 1].T, s=40, marker="x", color="crimson", label="marked anomaly")
    if flagged is not None:
        ax.scatter(
            *X[flagged == 1].T,
            s=160,
            facecolors="none",
            edgecolors="darkorange",
            linewidths=2,
            label="flagged",
        )
    ax.set_xlabel(feature_names[0])
    ax.set_ylabel(feature_names[1])
    return ax


def plot_feature_histograms(X, feature_names, mean=None, variance=None, bins=60):
    """One histogram per feature (as densities), to check that each looks Gaussian.

    Parameters
    ----------
    X : ndarray of shape (m, n)
    feature_names : sequence of n str
    mean, variance : ndarray of shape (n,) or None, default=None
        μ and σ² of a fitted model: each histogram then gets its bell curve N(μ_j, σ_j²).
    bins : int, default=60

    Returns
    -------
    fig : matplotlib Figure
    """
    n = X.shape[1]
    fig, axes = plt.subplots(1, n, figsize=(5.5 * n, 3.5), squeeze=False)
    for j, ax in enumerate(axes[0]):
        ax.hist(X[:, j], bins=bins, density=True, alpha=0.6)
        if mean is not None:
            grid = np.linspace(X[:, j].min(), X[:, j].max(), 400)[:, None]
            bell = np.exp(log_density(grid, mean[j : j + 1], variance[j : j + 1]))
            ax.plot(grid, bell, color="k", label=f"N(μ = {mean[j]:.3g}, σ² = {variance[j]:.3g})")
            ax.legend(loc="upper right", fontsize=8)
        ax.set_xlabel(feature_names[j])
    axes[0, 0].set_ylabel("density")
    return fig


def plot_contours(ax, function, levels, extent=(0, 30, 0, 30), size=300, log=False, **kwargs):
    """Contour lines of ``function`` over a grid of the two features.

    Parameters
    ----------
    ax : matplotlib Axes
    function : callable
        Maps an array of shape (k, 2) of points to k values, e.g. ``model.score_samples``
        (the density p) or ``model.decision_function`` (log p − log ε, whose level 0 is
        the boundary p(x) = ε even where ε underflows).
    levels : sequence of float
    extent : (x_min, x_max, y_min, y_max), default=(0, 30, 0, 30)
    size : int, default=300
        Grid points per axis.
    log : bool, default=False
        Colour the levels on a log scale (for log-spaced density levels).
    **kwargs
        Passed to ``ax.contour`` (``colors``, ``linewidths``, ``cmap``...).

    Returns
    -------
    contour : matplotlib QuadContourSet
    """
    x0, x1, y0, y1 = extent
    xx, yy = np.meshgrid(np.linspace(x0, x1, size), np.linspace(y0, y1, size))
    values = function(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    norm = LogNorm() if log else None
    return ax.contour(xx, yy, values, levels=levels, norm=norm, **kwargs)


def plot_boundary(ax, decision_function, label, extent=(0, 30, 0, 30), **kwargs):
    """The line where ``decision_function`` is 0 (our p(x) = ε), with a legend entry.

    Parameters
    ----------
    ax : matplotlib Axes
    decision_function : callable
        Negative for anomalies: ``GaussianAnomalyDetector.decision_function`` or
        scikit-learn's ``EllipticEnvelope.decision_function``.
    label : str
        The legend entry.
    extent : (x_min, x_max, y_min, y_max), default=(0, 30, 0, 30)
    **kwargs
        Passed to ``ax.contour``; default colour dark orange, width 2.

    Returns
    -------
    contour : matplotlib QuadContourSet
    """
    style = {"colors": "darkorange", "linewidths": 2, **kwargs}
    contour = plot_contours(ax, decision_function, [0], extent=extent, **style)
    color = style["colors"][0] if isinstance(style["colors"], list) else style["colors"]
    ax.plot([], [], color=color, linewidth=style["linewidths"], label=label)
    return contour


def plot_threshold_curves(ax, thresholds, precision, recall, f1, epsilon):
    """Precision, recall and F1 over the candidate ε (log scale), the chosen ε dashed.

    Parameters
    ----------
    ax : matplotlib Axes
    thresholds : ndarray of shape (k,)
        The candidate ε (``thresholds_`` after ``select_threshold``); those ≤ 0 are left
        out (no log).
    precision, recall, f1 : ndarray of shape (k,)
        ``precision_curve_``, ``recall_curve_``, ``f1_curve_``.
    epsilon : float
        The chosen ε (``epsilon_``).

    Returns
    -------
    ax : matplotlib Axes
    """
    keep = thresholds > 0
    # Steps: each value holds from its candidate up to the next one.
    steps = {"drawstyle": "steps-post"}
    ax.plot(thresholds[keep], precision[keep], label="precision", **steps)
    ax.plot(thresholds[keep], recall[keep], label="recall", **steps)
    ax.plot(thresholds[keep], f1[keep], label="F1", linewidth=2.5, **steps)
    ax.axvline(epsilon, color="k", linestyle="--", label=f"chosen ε = {epsilon:.3g}")
    ax.set_xscale("log")
    ax.set_xlabel("ε (log scale)")
    ax.set_ylim(-0.05, 1.05)
    ax.legend()
    return ax

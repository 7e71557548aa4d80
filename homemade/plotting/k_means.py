"""Figures of the k-means demo and of the k-means math page (plain matplotlib).

The notebook calls these so that its cells stay about the data and the model; the math
page's figures (``tools/figures/k_means.py``) use the same helpers.
"""

import matplotlib.pyplot as plt
import numpy as np

#: One colour per cluster or class (matplotlib's "tab10"), reused cyclically.
COLORS = np.array(plt.get_cmap("tab10").colors)


def color_of(labels):
    """The colour of each integer label (``COLORS``, reused cyclically).

    Parameters
    ----------
    labels : ndarray of shape (m,) of int

    Returns
    -------
    colors : ndarray of shape (m, 3)
        RGB rows.
    """
    return COLORS[np.asarray(labels) % len(COLORS)]


def plot_feature_histograms(data, features, classes, bins=15):
    """One histogram per feature, the classes stacked in their own colours.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per sample.
    features : list of str
        The columns to draw, one panel each.
    classes : str
        The column holding each sample's class (its name is the legend title).
    bins : int, default=15

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    names = list(dict.fromkeys(data[classes]))  # in order of first appearance
    fig, axes = plt.subplots(1, len(features), figsize=(3.2 * len(features), 3.2))
    for ax, feature in zip(np.atleast_1d(axes), features, strict=True):
        values = [data.loc[data[classes] == name, feature] for name in names]
        ax.hist(values, bins=bins, stacked=True, color=COLORS[: len(names)], label=names)
        ax.set_xlabel(feature.replace("_", " ") + " (cm)")
    np.atleast_1d(axes)[0].set_ylabel("flowers")
    np.atleast_1d(axes)[-1].legend(title=classes, fontsize=8)
    fig.tight_layout()
    return fig


def draw_clusters(ax, X, labels, centers=None, title="", names=None, colors=None):
    """Scatter the rows of ``X`` (first two columns) coloured by label, and the centroids.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    X : ndarray of shape (m, 2) or more (only the first two columns are drawn)
    labels : ndarray of shape (m,) of int
    centers : ndarray of shape (k, 2) or None
        Drawn as black crosses.
    title : str
    names : list of str or None
        The legend text of label 0, 1, … (default "cluster 0", "cluster 1", …).
    colors : ndarray of shape (k,) of int or None
        The index in ``COLORS`` of label 0, 1, … (default: the label itself).
    """
    for j in np.unique(labels):
        name = names[j] if names is not None else f"cluster {j}"
        rows = labels == j
        color = color_of([j if colors is None else colors[j]])
        ax.scatter(X[rows, 0], X[rows, 1], s=18, color=color, alpha=0.7, label=name)
    if centers is not None:
        ax.scatter(
            centers[:, 0],
            centers[:, 1],
            marker="X",
            s=200,
            c="black",
            edgecolors="white",
            linewidths=1.5,
            label="centroid",
        )
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)


def matching_colors(classes, labels, k):
    """A colour for each cluster: the colour of the class most of its points belong to.

    Cluster numbers are arbitrary; colouring each cluster like its majority class makes the
    points that land in another class's cluster stand out. Clusters are served in order of
    their largest overlap; a cluster whose class colour is taken gets an unused colour.

    Parameters
    ----------
    classes : ndarray of shape (m,) of int
        Class codes 0 … c−1.
    labels : ndarray of shape (m,) of int
        Cluster labels 0 … k−1.
    k : int

    Returns
    -------
    colors : ndarray of shape (k,) of int
        The index in ``COLORS`` of each cluster.
    """
    counts = np.zeros((k, classes.max() + 1), dtype=int)
    np.add.at(counts, (labels, classes), 1)
    colors, spare = np.full(k, -1), iter(range(counts.shape[1], counts.shape[1] + k))
    for j in np.argsort(-counts.max(axis=1), kind="stable"):
        best = int(counts[j].argmax())
        colors[j] = best if best not in colors and counts[j, best] > 0 else next(spare)
    return colors


def plot_species_and_clusters(X, classes, labels, centers, xlabel, ylabel, titles):
    """The true classes next to the clusters found, on the same axes.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    classes : ndarray of shape (m,)
        The true class of each row (any labels, e.g. species names).
    labels : ndarray of shape (m,) of int
        The cluster of each row.
    centers : ndarray of shape (k, 2)
    xlabel, ylabel : str
    titles : tuple of two str
        The titles of the left (classes) and right (clusters) panels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    names, codes = np.unique(classes, return_inverse=True)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharex=True, sharey=True)
    draw_clusters(axes[0], X, codes, title=titles[0], names=list(names))
    colors = matching_colors(codes, labels, len(centers))
    draw_clusters(axes[1], X, labels, centers, title=titles[1], colors=colors)
    for ax in axes:
        ax.set_xlabel(xlabel)
    axes[0].set_ylabel(ylabel)
    fig.tight_layout()
    return fig


def plot_cost_history(cost_history, title="Inertia never increases", ax=None):
    """J after every assignment step of a run, against the iteration.

    Parameters
    ----------
    cost_history : ndarray of shape (n_iter + 1,)
    title : str, default="Inertia never increases"
    ax : matplotlib.axes.Axes or None, default=None
        Where to draw; a new 6 × 3.5 inch figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(np.arange(len(cost_history)), cost_history, "o-")
    ax.set_xlabel("iteration")
    ax.set_ylabel("inertia J")
    ax.set_title(title)
    return ax


def plot_centroid_paths(X, labels, history, xlabel, ylabel, title):
    """The path of every centroid over a run: a circle at the start, a cross at the end.

    Parameters
    ----------
    X : ndarray of shape (m, 2)
    labels : ndarray of shape (m,) of int
        The final cluster of each row (colours the points).
    history : ndarray of shape (n_iter + 1, k, 2)
        The centroids after every update (``cluster_centers_history_``).
    xlabel, ylabel, title : str

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(6, 4.5))
    ax.scatter(X[:, 0], X[:, 1], s=18, c=color_of(labels), alpha=0.35)
    for j in range(history.shape[1]):
        path = history[:, j, :]
        ax.plot(path[:, 0], path[:, 1], ".-", color="black", linewidth=1.2)
        ax.scatter(*path[0], s=120, facecolors="none", edgecolors="black", linewidths=1.5)
        ax.scatter(*path[-1], marker="X", s=200, color=color_of([j]), edgecolors="black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return fig


def plot_elbow(ks, inertias, chosen_k):
    """Inertia J against k, with a dashed line at ``chosen_k``.

    Parameters
    ----------
    ks : sequence of int
    inertias : sequence of float
    chosen_k : int

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(ks, inertias, "o-")
    ax.axvline(chosen_k, color="grey", linestyle="--", linewidth=1)
    ax.set_xticks(ks)
    ax.set_xlabel("k")
    ax.set_ylabel("inertia J")
    ax.set_title("Elbow curve")
    return fig


def draw_nearest_centroid_regions(ax, centers, xlim, ylim, assign_grid, resolution=300):
    """Shade the plane by the nearest centroid (the regions the assignment step draws).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    centers : ndarray of shape (k, 2)
    xlim, ylim : tuple of two float
    assign_grid : callable
        ``assign_grid(points, centers)`` → the cluster of each row of ``points`` (shape
        (r, 2)); pass the library's own rule, e.g.
        ``lambda P, C: assign(squared_distances(P, C))``.
    resolution : int, default=300
        Grid points per axis.
    """
    gx, gy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    regions = assign_grid(grid, centers).reshape(gx.shape)
    ax.imshow(
        color_of(regions),
        origin="lower",
        extent=(*xlim, *ylim),
        alpha=0.15,
        aspect="auto",
        interpolation="nearest",
    )

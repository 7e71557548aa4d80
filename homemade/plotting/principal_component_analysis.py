"""The figures of the PCA demo, the k-means image compression demo and the PCA math page.

Plain matplotlib: the principal axes over 2-D data, the projection onto the first axis
with the lines from each point to its recovery, the variance-retained curve, components
or reconstructions as 28×28 images, an image beside its compressed copy, a palette.
"""

import matplotlib.pyplot as plt
import numpy as np

from homemade.plotting.images import SIDE


def draw_principal_axes(ax, X, mean, components, variances, title=""):
    """The points, and each principal direction from μ, two standard deviations long.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (m, 2)
    mean : ndarray of shape (2,)
    components : ndarray of shape (2, 2)
        The directions as rows (``PCA.components_``).
    variances : ndarray of shape (2,)
        The variance along each (its square root sets the arrow's length).
    title : str, default=""
    """
    ax.scatter(X[:, 0], X[:, 1], s=12, color="tab:blue", alpha=0.5, label="examples")
    for j, (u, variance) in enumerate(zip(components, variances, strict=True)):
        end = mean + 2 * np.sqrt(variance) * u
        ax.annotate("", xy=end, xytext=mean,
                    arrowprops=dict(arrowstyle="-|>", color="black", lw=2))
        ax.text(*(end + 0.08 * (end - mean)), f"$u^{{({j + 1})}}$", fontsize=12,
                ha="center", va="center")
    ax.scatter(*mean, marker="x", s=80, color="black", label="mean $\\mu$", zorder=3)
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.legend(loc="upper left")


def draw_projection(ax, X, X_approx, title=""):
    """The points, their recoveries from one component, and the line between each pair.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (m, 2)
    X_approx : ndarray of shape (m, 2)
        ``recover(project(X, mean, U, 1), mean, U)``: every point on the first axis.
    title : str, default=""
    """
    for x, x_approx in zip(X, X_approx, strict=True):
        ax.plot(*np.column_stack([x, x_approx]), color="gray", lw=0.7, ls="--")
    ax.scatter(X[:, 0], X[:, 1], s=14, color="tab:blue", label="$x$")
    ax.scatter(X_approx[:, 0], X_approx[:, 1], s=14, color="tab:red",
               label="$x_{\\mathrm{approx}}$, recovered from $z$")
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.legend(loc="upper left")


def plot_variance_retained(ax, retained, share, k):
    """The share of variance kept by the first k components, and the k that keeps ``share``.

    Parameters
    ----------
    ax : matplotlib Axes
    retained : ndarray of shape (r,)
        ``variance_retained(variances)``.
    share : float
    k : int
        ``choose_k(variances, share)``.
    """
    ks = np.arange(1, len(retained) + 1)
    ax.plot(ks, retained, color="tab:blue")
    ax.axhline(share, color="gray", ls="--", lw=1)
    ax.axvline(k, color="tab:red", ls="--", lw=1)
    ax.scatter([k], [retained[k - 1]], color="tab:red", zorder=3,
               label=f"k = {k} keeps {retained[k - 1]:.1%} (≥ {share:.0%})")
    ax.set_xscale("log")
    ax.set_xlabel("k, the number of components kept")
    ax.set_ylabel("variance retained")
    ax.legend(loc="lower right")


def draw_components(components, titles, n_cols=8, size=1.3):
    """Principal components of 28×28 images as images: red positive, blue negative.

    Parameters
    ----------
    components : ndarray of shape (k, 784)
    titles : sequence of str, length k
    n_cols : int, default=8
    size : float, default=1.3
        Width of one image in inches.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    n_rows = int(np.ceil(len(components) / n_cols))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(size * n_cols, 1.25 * size * n_rows),
                             squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, u, title in zip(axes.ravel(), components, titles, strict=False):
        limit = np.abs(u).max()
        ax.imshow(u.reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig


def draw_reconstructions(originals, reconstructions, ks, size=1.1):
    """Rows of digits: the originals, then their recoveries from k components for each k.

    Parameters
    ----------
    originals : ndarray of shape (c, 784)
    reconstructions : list of ndarray of shape (c, 784), one per k
    ks : sequence of int

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    rows = [("original", originals)] + [(f"k = {k}", r) for k, r in zip(ks, reconstructions,
                                                                          strict=True)]
    n_cols = len(originals)
    fig, axes = plt.subplots(len(rows), n_cols, figsize=(size * n_cols, size * len(rows)),
                             squeeze=False)
    for (label, images), row in zip(rows, axes, strict=True):
        for ax, image in zip(row, images, strict=True):
            ax.imshow(image.reshape(SIDE, SIDE), cmap="gray_r", vmin=0, vmax=255)
            ax.set_xticks([])
            ax.set_yticks([])
        row[0].set_ylabel(label, rotation=0, ha="right", va="center")
    fig.tight_layout()
    return fig


def scatter_labels(ax, Z, y, title=""):
    """2-D projections coloured by their label (0–9), with a legend.

    Parameters
    ----------
    ax : matplotlib Axes
    Z : ndarray of shape (m, 2)
    y : ndarray of shape (m,)
    title : str, default=""
    """
    for label in np.unique(y):
        rows = y == label
        ax.scatter(Z[rows, 0], Z[rows, 1], s=4, alpha=0.6, color=plt.cm.tab10(label % 10),
                   label=str(label))
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    ax.set_title(title)
    ax.legend(markerscale=3, ncols=2, fontsize=8, loc="best")


def show_images(images, titles, size=4.0):
    """RGB images side by side, each with its title.

    Parameters
    ----------
    images : sequence of ndarray of shape (h, w, 3), values in [0, 1]
    titles : sequence of str

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    height, width = images[0].shape[:2]
    fig, axes = plt.subplots(1, len(images), figsize=(size * len(images),
                                                       size * height / width), squeeze=False)
    for ax, image, title in zip(axes[0], images, titles, strict=True):
        ax.imshow(np.clip(image, 0, 1))
        ax.set_title(title)
        ax.axis("off")
    fig.tight_layout()
    return fig


def draw_palette(ax, colors, counts):
    """The palette: one bar per colour, its height the share of pixels that take it.

    Parameters
    ----------
    ax : matplotlib Axes
    colors : ndarray of shape (k, 3), RGB in [0, 1]
    counts : ndarray of shape (k,)
    """
    order = np.argsort(counts)[::-1]
    shares = counts[order] / counts.sum()
    ax.bar(np.arange(len(colors)), shares, color=np.clip(colors[order], 0, 1),
           edgecolor="black", lw=0.5)
    ax.set_xticks([])
    ax.set_ylabel("share of the pixels")
    ax.set_title(f"The palette: {len(colors)} colours, most used first")

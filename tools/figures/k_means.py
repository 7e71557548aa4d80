"""The figures of the k-means math page, drawn by the library itself.

``draw(out_dir)`` writes, from a small seeded 2-D example:

- ``lloyd_steps.svg``: the start, one assignment step (``assign(squared_distances(...))``,
  with the regions of the nearest centroid shaded) and one update step (``update``);
- ``kmeans_plusplus.svg``: D² sampling (``kmeans_plusplus``): after the first seed, the
  probability of each point to be the next one, then the k seeds;
- ``elbow.svg``: the inertia J of ``KMeans`` against k.

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/k_means.py`` to redraw them into ``homemade/k_means/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.k_means import KMeans  # noqa: E402
from homemade.k_means.k_means import (  # noqa: E402
    assign,
    kmeans_plusplus,
    squared_distances,
    update,
)
from homemade.plotting.k_means import color_of, draw_nearest_centroid_regions  # noqa: E402

K = 3
LIMITS = ((-4.5, 5.5), (-4.0, 5.0))


def example(seed=3):
    """Three seeded Gaussian blobs of 40 points each in the plane: X of shape (120, 2)."""
    rng = np.random.default_rng(seed)
    means = np.array([[-2.0, -1.5], [2.5, -1.0], [0.5, 2.8]])
    return np.vstack([mean + 0.8 * rng.standard_normal((40, 2)) for mean in means])


def nearest(points, centers):
    """The library's assignment rule, for shading the plane."""
    return assign(squared_distances(points, centers))


def _frame(ax, title):
    ax.set_xlim(*LIMITS[0])
    ax.set_ylim(*LIMITS[1])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal")
    ax.set_title(title, fontsize=10)


def _centroids(ax, centers, **style):
    ax.scatter(
        centers[:, 0],
        centers[:, 1],
        marker="X",
        s=180,
        c=color_of(range(len(centers))),
        edgecolors="black",
        linewidths=1.2,
        zorder=3,
        **style,
    )


def draw_lloyd_steps(X, path):
    """Start, assignment step, update step, from three points of X as the first centroids."""
    mu = X[[0, 1, 2]]  # three points of the first blob: a poor start, so the steps show
    c = nearest(X, mu)
    mu_new = update(X, c, K)
    J_before = ((X - mu[c]) ** 2).sum()
    J_after = ((X - mu_new[c]) ** 2).sum()
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.9))
    axes[0].scatter(X[:, 0], X[:, 1], s=14, color="grey")
    _centroids(axes[0], mu)
    _frame(axes[0], "start: k = 3 centroids μ_j")
    draw_nearest_centroid_regions(axes[1], mu, *LIMITS, nearest)
    axes[1].scatter(X[:, 0], X[:, 1], s=14, c=color_of(c))
    _centroids(axes[1], mu)
    _frame(axes[1], f"assignment: c⁽ⁱ⁾ = nearest μ_j   (J = {J_before:.0f})")
    axes[2].scatter(X[:, 0], X[:, 1], s=14, c=color_of(c), alpha=0.5)
    for old, new in zip(mu, mu_new, strict=True):
        axes[2].annotate(
            "", xy=new, xytext=old, arrowprops={"arrowstyle": "->", "color": "black", "lw": 1.3}
        )
    _centroids(axes[2], mu, alpha=0.35)
    _centroids(axes[2], mu_new)
    _frame(axes[2], f"update: μ_j = mean of cluster j   (J = {J_after:.0f})")
    fig.tight_layout()
    save_svg(fig, path)


def draw_kmeans_plusplus(X, path, seed=1):
    """The probability D(x)² / Σ D² after the first seed, and the k seeds chosen."""
    seeds = kmeans_plusplus(X, K, np.random.default_rng(seed))
    d2 = squared_distances(X, seeds[:1])[:, 0]
    p = d2 / d2.sum()
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.9))
    points = axes[0].scatter(X[:, 0], X[:, 1], s=14 + 4000 * p, c=p, cmap="viridis")
    axes[0].scatter(*seeds[0], marker="X", s=180, c=[color_of([0])[0]], edgecolors="black")
    fig.colorbar(points, ax=axes[0], label="P(next seed) = D(x)² / Σ D²", shrink=0.8)
    _frame(axes[0], "after the first seed: far points are likely")
    axes[1].scatter(X[:, 0], X[:, 1], s=14, color="grey")
    for j, seed_point in enumerate(seeds):
        axes[1].annotate(str(j + 1), seed_point, xytext=(8, 6), textcoords="offset points")
    _centroids(axes[1], seeds)
    _frame(axes[1], f"k-means++: the {K} seeds, in order")
    fig.tight_layout()
    save_svg(fig, path)


def draw_elbow(X, path):
    """J of the fitted KMeans against k = 1 … 8 on the example."""
    ks = np.arange(1, 9)
    inertias = [KMeans(n_clusters=k, random_state=0).fit(X).inertia_ for k in ks]
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.plot(ks, inertias, "o-")
    ax.axvline(K, color="grey", linestyle="--", linewidth=1)
    ax.set_xticks(ks)
    ax.set_xlabel("k")
    ax.set_ylabel("inertia J")
    ax.set_title(f"J always falls with k; it bends at k = {K}", fontsize=10)
    fig.tight_layout()
    save_svg(fig, path)


def draw(out_dir):
    """Write lloyd_steps.svg, kmeans_plusplus.svg and elbow.svg into ``out_dir``.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Created if missing.

    Returns
    -------
    paths : list of pathlib.Path
    """
    out_dir = pathlib.Path(out_dir)
    X = example()
    paths = [out_dir / name for name in ("lloyd_steps.svg", "kmeans_plusplus.svg", "elbow.svg")]
    draw_lloyd_steps(X, paths[0])
    draw_kmeans_plusplus(X, paths[1])
    draw_elbow(X, paths[2])
    return paths


if __name__ == "__main__":
    main(draw, "k_means")

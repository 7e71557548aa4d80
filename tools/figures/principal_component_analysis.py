"""The figures of the PCA math page, drawn by the library itself.

``draw(out_dir)`` writes:

- ``principal_axes.svg``: seeded correlated 2-D data with its two principal directions
  (``principal_components``), each two standard deviations long;
- ``projection.svg``: the same points projected onto the first direction and recovered
  (``project``, ``recover``), with the line from each point to its recovery;
- ``scaling.svg``: data in two units (m² and rooms), the first direction found on the raw
  data and on the standardized data (``homemade.features.standardize``);
- ``variance_retained.svg``: the MNIST sample's variance retained against k
  (``variance_retained``), and the k that keeps 99 % (``choose_k``).

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/principal_component_analysis.py`` to redraw them into
``homemade/principal_component_analysis/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.datasets import load_mnist  # noqa: E402
from homemade.features import standardize  # noqa: E402
from homemade.plotting.principal_component_analysis import (  # noqa: E402
    draw_principal_axes,
    draw_projection,
    plot_variance_retained,
)
from homemade.principal_component_analysis.pca import (  # noqa: E402
    choose_k,
    principal_components,
    project,
    recover,
    variance_retained,
)


def example(m=50, seed=0):
    """Seeded correlated 2-D points around (4, 5): X of shape (m, 2)."""
    rng = np.random.default_rng(seed)
    covariance = np.array([[1.0, 0.75], [0.75, 0.8]])
    return rng.multivariate_normal([4.0, 5.0], covariance, size=m)


def houses(m=60, seed=1):
    """Seeded floor areas (m², standard deviation 24.0) and numbers of rooms (0.86)."""
    rng = np.random.default_rng(seed)
    rooms = rng.normal(4.0, 1.0, m)
    area = 25.0 * rooms + rng.normal(0.0, 15.0, m)
    return np.column_stack([area, rooms])


def draw(out_dir):
    out = pathlib.Path(out_dir)
    X = example()
    U, variances = principal_components(X)
    mean = X.mean(axis=0)

    fig, ax = plt.subplots(figsize=(5, 5))
    draw_principal_axes(ax, X, mean, U.T, variances,
                        title="The principal directions $u^{(1)}$, $u^{(2)}$")
    save_svg(fig, out / "principal_axes.svg", bbox_inches="tight")

    fig, ax = plt.subplots(figsize=(5, 5))
    draw_projection(ax, X, recover(project(X, mean, U, 1), mean, U),
                    title="Projected onto $u^{(1)}$ and recovered")
    save_svg(fig, out / "projection.svg", bbox_inches="tight")

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
    H = houses()
    for ax, (data, units) in zip(axes, [(H, "raw units"), (standardize(H)[0], "standardized")],
                                 strict=True):
        U_h, variances_h = principal_components(data)
        kept = variance_retained(variances_h)[0]
        draw_principal_axes(ax, data, data.mean(axis=0), U_h.T[:1], variances_h[:1],
                            title=f"{units}: $u^{{(1)}}$ = ({U_h[0, 0]:.3f}, {U_h[1, 0]:.3f}), "
                                  f"keeps {kept:.2%}")
        ax.set_aspect("auto")
        ax.set_xlabel("floor area (m²)" if units == "raw units" else "floor area, standardized")
        ax.set_ylabel("rooms" if units == "raw units" else "rooms, standardized")
    fig.tight_layout()
    save_svg(fig, out / "scaling.svg")

    _, variances_mnist = principal_components(load_mnist()[0].astype(np.float64))
    fig, ax = plt.subplots(figsize=(6, 4))
    plot_variance_retained(ax, variance_retained(variances_mnist), 0.99,
                           choose_k(variances_mnist, 0.99))
    ax.set_title("The MNIST sample (5,000 digits, 784 pixels)")
    save_svg(fig, out / "variance_retained.svg", bbox_inches="tight")
    return sorted(out.glob("*.svg"))


if __name__ == "__main__":
    main(draw, "principal_component_analysis")

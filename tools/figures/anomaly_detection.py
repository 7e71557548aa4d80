"""The figures of the anomaly-detection math page, drawn by the library itself.

``draw(out_dir)`` writes, from a small seeded 2-D example (400 normal points whose two
features are correlated, 0.8, and 12 labelled anomalies):

- ``gaussian_epsilon_contour.svg``: the fitted density ``log_density`` as filled contours
  and the contour p(x) = ε chosen by F1 (``select_threshold``), for independent features
  (``covariance="diagonal"``) and for the full covariance matrix Σ (``"full"``);
- ``f1_over_epsilon.svg``: precision, recall and F1 of the full model over every candidate
  ε (``f1_search`` through ``select_threshold(thresholds="midpoints")``).

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/anomaly_detection.py`` to redraw them into
``homemade/anomaly_detection/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.anomaly_detection import GaussianAnomalyDetector  # noqa: E402
from homemade.plotting.anomaly_detection import (  # noqa: E402
    plot_boundary,
    plot_servers,
    plot_threshold_curves,
)

EXTENT = (-4.5, 4.5, -4.5, 4.5)
NAMES = ("feature x₁", "feature x₂")


def example(seed=0):
    """400 normal points (correlation 0.8) and 12 anomalies, half of them off the diagonal.

    Returns
    -------
    X : ndarray of shape (412, 2)
    y : ndarray of shape (412,)
        1 for the anomalies.
    """
    rng = np.random.default_rng(seed)
    normal = rng.multivariate_normal([0, 0], [[1, 0.8], [0.8, 1]], size=400)
    # Ordinary in each feature alone (within 2σ), improbable together: across the diagonal.
    across = rng.normal([1.6, -1.6], 0.2, size=(6, 2)) * np.repeat([[1], [-1]], 3, axis=0)
    far = rng.uniform(3, 4, size=(6, 2)) * rng.choice([-1, 1], size=(6, 2))
    X = np.vstack([normal, across, far])
    y = np.r_[np.zeros(400, dtype=int), np.ones(12, dtype=int)]
    return X, y


def draw(out_dir):
    """Draw both figures into ``out_dir`` (created if missing).

    Parameters
    ----------
    out_dir : str or pathlib.Path

    Returns
    -------
    paths : list of pathlib.Path
        The SVG files written.
    """
    out_dir = pathlib.Path(out_dir)
    X, y = example()
    models = {}
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), sharex=True, sharey=True)
    for ax, covariance in zip(axes, ("diagonal", "full"), strict=True):
        model = GaussianAnomalyDetector(covariance=covariance).fit(X[y == 0])
        model.select_threshold(X, y, thresholds="midpoints")
        models[covariance] = model
        xx, yy = np.meshgrid(np.linspace(*EXTENT[:2], 90), np.linspace(*EXTENT[2:], 90))
        log_p = model.log_density(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
        ax.contourf(
            xx, yy, log_p, levels=np.arange(-16, 1, 2.0), cmap="Blues", extend="both", alpha=0.7
        )
        plot_servers(X, y, NAMES, ax=ax, flagged=model.predict(X))
        plot_boundary(ax, model.decision_function, label="p(x) = ε", extent=EXTENT, size=120)
        title = "independent features (diagonal Σ)" if covariance == "diagonal" else "full Σ"
        ax.set_title(f"{title}: F1 = {model.best_f1_:.2f}", fontsize=11)
        ax.set_aspect("equal")
    axes[0].legend(loc="lower right", fontsize=8)
    paths = [out_dir / "gaussian_epsilon_contour.svg", out_dir / "f1_over_epsilon.svg"]
    save_svg(fig, paths[0], bbox_inches="tight")

    full = models["full"]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    plot_threshold_curves(
        ax,
        full.thresholds_,
        full.precision_curve_,
        full.recall_curve_,
        full.f1_curve_,
        full.epsilon_,
    )
    ax.set_title("Full Σ: precision, recall and F1 of “p(x) < ε” for every candidate ε")
    save_svg(fig, paths[1], bbox_inches="tight")
    return paths


if __name__ == "__main__":
    main(draw, "anomaly_detection")

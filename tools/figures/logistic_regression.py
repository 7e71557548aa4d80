"""The figures of the logistic-regression math page, drawn by the library itself.

``draw(out_dir)`` writes:

- ``sigmoid.svg``: the sigmoid g(z) (``homemade.activations.sigmoid``) with the threshold
  g(0) = ½ that turns a score z = θᵀx into the prediction ŷ = 1 when z > 0;
- ``linear_boundary.svg``: a small seeded two-class example, the probability h_θ(x) of a
  fitted ``LogisticRegression`` as filled contours, and its decision boundary θᵀx = 0;
- ``cost.svg``: the cost of one sample against its predicted probability h, one curve per
  label, −log h for y = 1 and −log(1 − h) for y = 0 (``homemade.activations.log_sigmoid``
  of the score z and of −z, as ``binary_cost_gradient`` computes them).

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/logistic_regression.py`` to redraw them into
``homemade/logistic_regression/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.activations import log_sigmoid, sigmoid  # noqa: E402
from homemade.logistic_regression import LogisticRegression  # noqa: E402
from homemade.plotting.logistic_regression import scatter_classes  # noqa: E402


def example(seed=0):
    """Two overlapping Gaussian clouds of 60 points each, classes 0 and 1.

    Returns
    -------
    X : ndarray of shape (120, 2)
    y : ndarray of shape (120,)
    """
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal([-1.0, -0.5], 0.9, (60, 2)), rng.normal([1.0, 0.8], 0.9, (60, 2))])
    return X, np.repeat([0, 1], 60)


def draw(out_dir):
    """Draw the three figures into ``out_dir`` (created if missing).

    Parameters
    ----------
    out_dir : str or pathlib.Path

    Returns
    -------
    list of pathlib.Path, the files written
    """
    out_dir = pathlib.Path(out_dir)
    written = []

    fig, ax = plt.subplots(figsize=(6, 3.2))
    z = np.linspace(-8, 8, 401)
    ax.plot(z, sigmoid(z), color="black", label="g(z) = 1 / (1 + e⁻ᶻ)")
    ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
    ax.axvline(0, color="grey", linestyle=":", linewidth=1)
    ax.fill_between(
        z, 0, 1, where=z > 0, color="tab:green", alpha=0.08, label="z > 0: predict ŷ = 1"
    )
    ax.set(xlabel="score z = θᵀx", ylabel="h_θ(x) = g(z)", ylim=(0, 1), title="The sigmoid")
    ax.legend(loc="upper left", fontsize=8)
    written.append(out_dir / "sigmoid.svg")
    save_svg(fig, written[-1], bbox_inches="tight")

    X, y = example()
    model = LogisticRegression().fit(X, y)
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    u, v = np.meshgrid(np.linspace(-4, 4, 200), np.linspace(-4, 4, 200))
    grid = np.column_stack([u.ravel(), v.ravel()])
    shown = ax.contourf(
        u,
        v,
        model.predict_proba(grid)[:, 1].reshape(u.shape),
        levels=np.linspace(0, 1, 11),
        cmap="RdYlGn",
        alpha=0.5,
    )
    ax.contour(u, v, model.decision_function(grid).reshape(u.shape), levels=[0], colors="black")
    scatter_classes(
        ax,
        X,
        y,
        {
            0: {"color": "tab:red", "marker": "x", "label": "y = 0"},
            1: {"color": "tab:green", "marker": "o", "label": "y = 1"},
        },
    )
    fig.colorbar(shown, label="h_θ(x), the probability of y = 1")
    ax.set(xlabel="x₁", ylabel="x₂", title="Decision boundary θᵀx = 0 (black line)")
    ax.legend(loc="lower right", fontsize=8)
    written.append(out_dir / "linear_boundary.svg")
    save_svg(fig, written[-1], bbox_inches="tight")
    written.append(out_dir / "cost.svg")
    draw_cost(written[-1])
    return written


def draw_cost(path):
    """The two branches of one sample's cost against h = g(z), written to ``path``."""
    z = np.linspace(-6, 6, 481)  # h = g(z) from 0.0025 to 0.9975
    h = sigmoid(z)
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(h, -log_sigmoid(z), color="tab:green", label="y = 1: cost = −log h")
    ax.plot(h, -log_sigmoid(-z), color="tab:red", label="y = 0: cost = −log(1 − h)")
    ax.plot(0.5, np.log(2), "o", color="black")
    ax.annotate("h = ½: cost log 2 ≈ 0.69 either way", (0.5, np.log(2)), (0.33, 2.2),
                arrowprops={"arrowstyle": "->", "color": "grey"}, fontsize=8)
    ax.annotate("y = 1 predicted with h → 0:\nconfident and wrong, no upper bound",
                (0.01, -log_sigmoid(sigmoid_inverse(0.01))), (0.08, 4.4),
                arrowprops={"arrowstyle": "->", "color": "grey"}, fontsize=8)
    ax.set(xlabel="predicted probability h = h_θ(x) of y = 1", ylabel="cost(h, y)",
           xlim=(0, 1), ylim=(0, 6), title="The cost of one sample, for each label")
    ax.legend(loc="upper center", fontsize=8)
    save_svg(fig, path, bbox_inches="tight")


def sigmoid_inverse(h):
    """The score z with g(z) = h, the log-odds log(h / (1 − h))."""
    return np.log(h / (1 - h))


if __name__ == "__main__":
    main(draw, "logistic_regression")

"""The figures of the multilayer-perceptron math page, drawn by the library itself.

``draw(out_dir)`` writes:

- ``network_shapes.svg``: a 784-128-10 network for a batch of B = 200 images, each layer
  labelled with the shape of its activations and each arrow with the shape of its weight
  matrix, as ``initialize_parameters``, ``roll`` and ``forward_propagation`` return them;
- ``solvers_cost.svg``: the cost J per epoch of ``MultilayerPerceptron`` with each solver
  (Adam, momentum, full-batch gradient descent, their default step sizes) on the 4,000
  training digits of the MNIST sample, seed 0, drawn by the demos' ``plot_cost_curves``
  (each epoch's cost where it was measured, J of the final weights as a star).

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/neural_network.py`` to redraw them into
``homemade/neural_network/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.datasets import load_mnist  # noqa: E402
from homemade.model_selection import train_test_split  # noqa: E402
from homemade.neural_network import MultilayerPerceptron  # noqa: E402
from homemade.neural_network.multilayer_perceptron import DEFAULT_LEARNING_RATE  # noqa: E402
from homemade.neural_network.network import (  # noqa: E402
    forward_propagation,
    initialize_parameters,
    roll,
)
from homemade.plotting.neural_network import plot_cost_curves  # noqa: E402

SIZES = [784, 128, 10]
BATCH = 200
SOLVERS = ("adam", "momentum", "gradient_descent")
SHOWN = 5  # neurons drawn per layer; the rest stand behind the dots


def layer_shapes(sizes=SIZES, batch=BATCH):
    """The shapes the library produces for one batch: activations and weight matrices.

    Returns
    -------
    activation_shapes : list of tuple
        X, every hidden a⁽ˡ⁾, then the softmax output ŷ.
    weight_shapes : list of tuple
        Every W⁽ˡ⁾.
    """
    rng = np.random.default_rng(0)
    weights, biases = roll(initialize_parameters(sizes, "relu", rng), sizes)
    X = rng.uniform(0, 1, (batch, sizes[0]))
    activations, probabilities = forward_propagation(weights, biases, X, "relu")
    return [a.shape for a in activations] + [probabilities.shape], [W.shape for W in weights]


def draw_network(path):
    """Columns of neurons joined by their weights, each labelled with its shape."""
    activation_shapes, weight_shapes = layer_shapes()
    names = [
        "input $X$",
        "hidden layer $a^{(2)} = g(XW^{(1)} + b^{(1)})$",
        "output $\\hat{y} = \\mathrm{softmax}(a^{(2)}W^{(2)} + b^{(2)})$",
    ]
    xs = np.arange(len(activation_shapes)) * 4.0
    ys = np.linspace(2.0, -2.0, SHOWN)
    fig, ax = plt.subplots(figsize=(9, 4.2))
    for layer, (left, right, shape) in enumerate(
        zip(xs[:-1], xs[1:], weight_shapes, strict=True), start=1
    ):
        for y0 in ys:
            for y1 in ys:
                ax.plot([left, right], [y0, y1], color="0.75", lw=0.6, zorder=1)
        label = f"$W^{{({layer})}}$: {shape[0]} × {shape[1]}\n$b^{{({layer})}}$: {shape[1]}"
        ax.text(
            (left + right) / 2, 2.75, label, ha="center", va="bottom", fontsize=10, color="tab:red"
        )
    colors = ["tab:gray", "tab:blue", "tab:green"]
    for x, shape, name, color in zip(xs, activation_shapes, names, colors, strict=True):
        ax.scatter(np.full(SHOWN, x), ys, s=260, color=color, edgecolor="black", zorder=2)
        ax.text(
            x,
            0.5 * (ys[SHOWN // 2] + ys[SHOWN // 2 + 1]),
            "⋮",
            ha="center",
            va="center",
            fontsize=14,
            zorder=3,
        )
        ax.text(
            x,
            -2.7,
            f"{name}\n$B$ × {shape[1]} = {shape[0]} × {shape[1]}",
            ha="center",
            va="top",
            fontsize=10,
        )
    ax.set_xlim(xs[0] - 2.2, xs[-1] + 2.2)
    ax.set_ylim(-4.2, 3.8)
    ax.axis("off")
    ax.set_title(
        f"A {'-'.join(map(str, SIZES))} network on a batch of B = {BATCH} images", fontsize=11
    )
    fig.tight_layout()
    save_svg(fig, path)


def draw_solvers_cost(path, epochs=20):
    """Cost per epoch of the three solvers on the MNIST sample's 4,000 training digits."""
    X, y = load_mnist("sample")
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    curves = {}
    for solver in SOLVERS:
        model = MultilayerPerceptron(
            hidden_layer_sizes=(128,), solver=solver, max_iter=epochs, random_state=0
        ).fit(X_train, y_train)
        curves[solver.replace("_", " ")] = model
    fig, ax = plt.subplots(figsize=(6, 3.6))
    plot_cost_curves(
        curves,
        title="784-128-10 on 4,000 MNIST digits, default α: "
        + ", ".join(f"{DEFAULT_LEARNING_RATE[s]:g}" for s in SOLVERS),
        ax=ax,
    )
    ax.title.set_fontsize(10)
    fig.tight_layout()
    save_svg(fig, path)


def draw(out_dir):
    """Write network_shapes.svg and solvers_cost.svg into ``out_dir``.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        Created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir = pathlib.Path(out_dir)
    written = [out_dir / "network_shapes.svg", out_dir / "solvers_cost.svg"]
    draw_network(written[0])
    draw_solvers_cost(written[1])
    return written


if __name__ == "__main__":
    main(draw, "neural_network")

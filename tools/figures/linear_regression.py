"""The figures of the linear regression math page, drawn by the library itself.

``draw(out_dir)`` writes:

- ``gradient_descent_steps.svg``: gradient descent (``cost``, ``gradient``) on the cost
  surface J(θ₀, θ₁) of the happiness data (score from GDP, the demos' training split),
  on the raw feature (a narrow valley: the steps zig-zag across it and crawl along it)
  and on the standardized feature (a round bowl: straight to the bottom);
- ``regularization_fits.svg``: degree-20 polynomial fits (``LinearRegression``, normal
  equation) to the non-linear demo's data for a small, a middling and a large λ, each
  fitted on ten seeded splits of 50 training points;
- ``validation_curve.svg``: the mean training and validation error of those fits over λ.

The SVGs are byte-identical from one run to the next (fixed hash salt, no date).
Run ``python tools/figures/linear_regression.py`` to redraw them into
``homemade/linear_regression/figures``.
"""

import pathlib

import matplotlib

matplotlib.use("Agg")  # files only, no window
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)
import numpy as np  # noqa: E402
from _svg import main, save_svg  # noqa: E402 (tools/figures/_svg.py, beside this file)

from homemade.datasets import load_happiness, load_nonlinear  # noqa: E402
from homemade.features import design_matrix, standardize  # noqa: E402
from homemade.linear_regression import LinearRegression  # noqa: E402
from homemade.linear_regression.linear_regression import (  # noqa: E402
    cost,
    gradient,
    largest_stable_step,
)
from homemade.model_selection import train_test_split  # noqa: E402
from homemade.plotting.linear_regression import (  # noqa: E402
    plot_cost_surface,
    plot_curve_fits,
    plot_error_curves,
)

LAMBDAS = np.logspace(-4, 3, 15)
SHOWN = {"small λ: variance": 10**-3.5, "middling λ": 10**-1.5, "large λ: bias": 100.0}
SPLITS = 10


def descent_path(X, y, learning_rate, max_iter=500, tol=1e-10):
    """θ before the first step and after each step of the library's gradient descent."""
    theta = np.zeros(X.shape[1])
    path, costs = [theta], [cost(theta, X, y, 0.0)]
    for _ in range(max_iter):
        theta = theta - learning_rate * gradient(theta, X, y, 0.0)
        path.append(theta)
        costs.append(cost(theta, X, y, 0.0))
        if costs[-2] - costs[-1] <= tol * costs[-2]:
            break
    return np.array(path)


def draw_gradient_descent_steps(path):
    data = load_happiness()
    X = data[["Economy..GDP.per.Capita."]].to_numpy()
    y = data["Happiness.Score"].to_numpy()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.2, random_state=42)
    raw = design_matrix(X_train)
    standardized = design_matrix(standardize(X_train)[0])
    fig, axes = plt.subplots(1, 2, figsize=(11, 5))
    for ax, design, name in [(axes[0], raw, "raw"), (axes[1], standardized, "standardized")]:
        alpha = 0.9 * largest_stable_step(design, 0.0)  # 90 % of the largest stable step
        steps = descent_path(design, y_train, alpha)
        title = f"{name} GDP index: α = {alpha:.2g} (0.9 · 2/ν_max)"
        plot_cost_surface(ax, design, y_train, steps, title=title)
    fig.tight_layout()
    save_svg(fig, path)


def _fits_and_errors(X, y):
    """Degree-20 fits per split and λ, and their training and validation errors."""
    fits = {name: [] for name in SHOWN}
    errors = np.zeros((2, SPLITS, len(LAMBDAS)))
    for seed in range(SPLITS):
        X_fit, X_val, y_fit, y_val = train_test_split(X, y, test_size=0.8, random_state=seed)
        for j, lam in enumerate(LAMBDAS):
            model = LinearRegression(
                solver="normal_equation", polynomial_degree=20, regularization=lam
            ).fit(X_fit, y_fit)
            errors[0, seed, j] = np.mean((model.predict(X_fit) - y_fit) ** 2)
            errors[1, seed, j] = np.mean((model.predict(X_val) - y_val) ** 2)
            for name, shown in SHOWN.items():
                if np.isclose(lam, shown):
                    fits[name].append(model)
    return fits, errors


def draw_regularization(fits_path, curve_path):
    data = load_nonlinear()
    X, y = data[["x"]].to_numpy(), data["y"].to_numpy()
    fits, errors = _fits_and_errors(X, y)

    fig, axes = plt.subplots(1, 3, figsize=(14, 3.8), sharey=True)
    for ax, (name, models) in zip(axes, fits.items(), strict=True):
        plot_curve_fits(ax, models, X, y, f"degree 20, {name} (λ = {SHOWN[name]:.2g})")
        ax.set_xlabel("x")
    axes[0].set_ylabel("y")
    fig.tight_layout()
    save_svg(fig, fits_path)

    fig, ax = plt.subplots(figsize=(7, 4))
    plot_error_curves(ax, LAMBDAS, errors[0], errors[1], "λ", log_x=True)
    ax.set_title(f"degree 20, {SPLITS} splits of 50 training / 200 validation points")
    ax.legend()
    fig.tight_layout()
    save_svg(fig, curve_path)


def draw(out_dir):
    """Draw the three figures into ``out_dir``; return their paths.

    Parameters
    ----------
    out_dir : str or pathlib.Path
        The folder to write to (created if missing).

    Returns
    -------
    list of pathlib.Path
    """
    out_dir = pathlib.Path(out_dir)
    paths = [
        out_dir / "gradient_descent_steps.svg",
        out_dir / "regularization_fits.svg",
        out_dir / "validation_curve.svg",
    ]
    draw_gradient_descent_steps(paths[0])
    draw_regularization(paths[1], paths[2])
    return paths


if __name__ == "__main__":
    main(draw, "linear_regression")

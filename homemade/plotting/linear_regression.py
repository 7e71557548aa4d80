"""Figures of the linear regression demos and math page (plain matplotlib and plotly).

None of this is the algorithm: the notebooks call these helpers so that their cells stay
about the data, the model and its evaluation. The model itself is in
:mod:`homemade.linear_regression`.
"""

import matplotlib.pyplot as plt
import numpy as np
import plotly.graph_objects as go

from homemade.features import design_matrix
from homemade.linear_regression.linear_regression import cost, gradient


def plot_data(ax, X_train, y_train, X_test, y_test, xlabel, ylabel):
    """Scatter the training rows (dots) and the test rows (open squares) of one feature.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    X_train : ndarray of shape (m_train, 1)
    y_train : ndarray of shape (m_train,)
    X_test : ndarray of shape (m_test, 1)
    y_test : ndarray of shape (m_test,)
    xlabel, ylabel : str
        The axis labels.
    """
    ax.scatter(X_train[:, 0], y_train, s=16, alpha=0.7, label="training")
    ax.scatter(
        X_test[:, 0],
        y_test,
        s=26,
        marker="s",
        facecolors="none",
        edgecolors="crimson",
        label="test",
    )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def plot_cost_surface(ax, X, y, path, regularization=0.0, title=None):
    """Contours of the cost J(θ₀, θ₁) with the gradient-descent path θ⁽⁰⁾, θ⁽¹⁾, … on them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    X : ndarray of shape (m, 2)
        The design matrix: a column of ones, then the one feature.
    y : ndarray of shape (m,)
        The targets.
    path : array-like of shape (steps + 1, 2)
        θ before the first step and after every step.
    regularization : float, default=0.0
        λ, as for :func:`~homemade.linear_regression.linear_regression.cost`.
    title : str, optional
        The panel's title.
    """
    path = np.asarray(path)
    end = path[-1]
    # A square window on equal axes: a round bowl looks round, a narrow valley narrow.
    half_width = 1.2 * np.max(np.abs(path - end)) + 1e-3
    theta0 = np.linspace(end[0] - half_width, end[0] + half_width, 121)
    theta1 = np.linspace(end[1] - half_width, end[1] + half_width, 121)
    surface = np.array(
        [[cost(np.array([t0, t1]), X, y, regularization) for t0 in theta0] for t1 in theta1]
    )
    # Levels spaced evenly in log J - J_min show the bowl's shape near its bottom too.
    floor = cost(end, X, y, regularization)
    levels = floor + np.geomspace(1e-3, 1, 12) * (surface.max() - floor)
    ax.contour(theta0, theta1, surface, levels=levels, cmap="viridis", linewidths=0.8)
    ax.plot(
        path[:, 0],
        path[:, 1],
        ".-",
        color="crimson",
        markersize=4,
        linewidth=1,
        label=f"gradient descent, {len(path) - 1} steps",
    )
    ax.plot(*path[0], "o", color="black", label="start θ = 0")
    ax.plot(*end, "*", color="crimson", markersize=12, label="end")
    ax.set_aspect("equal")
    ax.set_xlabel("θ₀ (intercept)")
    ax.set_ylabel("θ₁ (slope)")
    ax.legend(loc="best", fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)


def plot_cost_history(cost_history, best_cost, log_gap=False, ax=None):
    """The cost J after every step, or (``log_gap=True``) its relative distance from J_min.

    Parameters
    ----------
    cost_history : ndarray of shape (steps + 1,)
        J before the first step and after every step.
    best_cost : float
        J_min, the cost of the exact minimizer (the normal equation's).
    log_gap : bool, default=False
        False: J itself with J_min as a dashed line. True: (J − J_min)/J_min on a log scale
        (the steps where rounding makes it 0 or less are left out).
    ax : matplotlib.axes.Axes or None, default=None
        Where to draw; a new 6 × 4 inch figure when None.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    steps = np.arange(len(cost_history))
    if log_gap:
        gap = (cost_history - best_cost) / best_cost
        positive = gap > 0
        ax.semilogy(steps[positive], gap[positive])
        ax.set_ylabel("(J − J_min) / J_min")
    else:
        ax.plot(steps, cost_history, marker=".")
        ax.axhline(best_cost, color="grey", linestyle="--", label="normal equation")
        ax.set_ylabel("cost J(θ)")
        ax.legend()
    ax.set_xlabel("step")
    return ax


def _descent_path(design, y, regularization, learning_rate, steps):
    """θ before the first and after every step of gradient descent from θ = 0 (the
    estimator's arithmetic, so the last θ is the estimator's)."""
    path = [np.zeros(design.shape[1])]
    for _ in range(steps):
        path.append(path[-1] - learning_rate * gradient(path[-1], design, y, regularization))
    return np.array(path)


def plot_partial_fit(partial, converged, X_train, y_train, best_cost, xlabel, ylabel):
    """Three panels: the line after every step, θ's path on the cost's contours, the cost.

    Left: the training points, the line after each step (pale to dark) and the converged
    one (dashed grey): with 1 < α < 2 the lines land on alternate sides of it. Middle: the
    same steps as points θ⁽⁰⁾, θ⁽¹⁾, … on the contours of J(θ₀, θ₁). Right: J so far.

    Parameters
    ----------
    partial : LinearRegression
        Fitted by gradient descent for a few steps, on one feature.
    converged : LinearRegression
        Fitted to convergence, drawn dashed.
    X_train : ndarray of shape (m, 1)
    y_train : ndarray of shape (m,)
    best_cost : float
        J_min, drawn dashed in the cost panel.
    xlabel, ylabel : str
        The axis labels of the data panel.
    """
    lam = float(partial.regularization)
    design = design_matrix(partial.feature_map_.transform(X_train))
    path = _descent_path(design, y_train, lam, partial.learning_rate, partial.n_iter_)
    grid = np.linspace(X_train.min(), X_train.max(), 100).reshape(-1, 1)
    lines = design_matrix(partial.feature_map_.transform(grid)) @ path[1:].T
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(17, 4.2))
    left.scatter(X_train[:, 0], y_train, s=14, alpha=0.5)
    shades = plt.cm.Reds(np.linspace(0.3, 1.0, len(path) - 1))
    for line, shade in zip(lines.T, shades, strict=True):
        left.plot(grid[:, 0], line, color=shade, linewidth=1)
    left.plot(grid[:, 0], converged.predict(grid), color="grey", linestyle="--", label="converged")
    left.plot(grid[:, 0], lines[:, -1], color="crimson", label=f"after {partial.n_iter_} steps")
    left.set_ylim(y_train.min() - 1, y_train.max() + 1)
    left.set(xlabel=xlabel, ylabel=ylabel)
    left.legend(loc="upper left")
    plot_cost_surface(middle, design, y_train, path, lam, title="θ after every step")
    plot_cost_history(partial.cost_history_, best_cost, ax=right)
    right.set_title(
        f"α = {partial.learning_rate:.3g}: J = {partial.cost_history_[-1]:.4g}", fontsize=10
    )
    plt.show()


def plane_figure(model, train, test, labels, title):
    """An interactive 3-D view of the rows of two features and the model's plane over them.

    Parameters
    ----------
    model : LinearRegression
        Fitted on two features.
    train, test : tuple of (ndarray of shape (m, 2), ndarray of shape (m,), array of str)
        The features, the targets and a name per row (shown on hover).
    labels : tuple of three str
        The names of the two features and of the target.
    title : str
        The figure's title.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    X = np.vstack([train[0], test[0]])
    first, second = np.meshgrid(
        np.linspace(X[:, 0].min(), X[:, 0].max(), 25),
        np.linspace(X[:, 1].min(), X[:, 1].max(), 25),
    )
    plane = model.predict(np.column_stack([first.ravel(), second.ravel()]))

    fig = go.Figure(
        [
            _points_3d(train, "training", "circle", "royalblue"),
            _points_3d(test, "test", "diamond", "crimson"),
            go.Surface(
                x=first,
                y=second,
                z=plane.reshape(first.shape),
                name="fitted plane",
                opacity=0.5,
                colorscale="Greys",
                showscale=False,
                hoverinfo="skip",
            ),
        ]
    )
    fig.update_layout(
        title=title,
        scene={
            "xaxis_title": labels[0],
            "yaxis_title": labels[1],
            "zaxis_title": labels[2],
            "camera": {"eye": {"x": -1.8, "y": -1.2, "z": 0.7}},
        },
        width=800,
        height=600,
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
    )
    return fig


def _points_3d(rows, label, symbol, color):
    """The rows (features, targets, names) as plotly 3-D markers, named on hover."""
    features, targets, names = rows
    return go.Scatter3d(
        x=features[:, 0],
        y=features[:, 1],
        z=targets,
        text=names,
        name=label,
        mode="markers",
        marker={"size": 4, "symbol": symbol, "color": color},
        hovertemplate="%{text}<br>%{x:.2f}, %{y:.2f}<br>%{z:.2f}",
    )


def plot_plane(ax, model, train, test, labels):
    """A static 3-D view of the rows of two features and the model's plane over them.

    Parameters
    ----------
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D
        Where to draw (``fig.add_subplot(projection="3d")``).
    model : LinearRegression
        Fitted on two features.
    train, test : tuple of (ndarray of shape (m, 2), ndarray of shape (m,))
        The features and the targets.
    labels : tuple of three str
        The names of the two features and of the target.
    """
    X = np.vstack([train[0], test[0]])
    first, second = np.meshgrid(
        np.linspace(X[:, 0].min(), X[:, 0].max(), 25),
        np.linspace(X[:, 1].min(), X[:, 1].max(), 25),
    )
    plane = model.predict(np.column_stack([first.ravel(), second.ravel()]))
    ax.plot_surface(first, second, plane.reshape(first.shape), color="grey", alpha=0.35)
    for (features, targets), label, marker, color in [
        (train, "training", "o", "royalblue"),
        (test, "test", "D", "crimson"),
    ]:
        ax.scatter(
            features[:, 0],
            features[:, 1],
            targets,
            s=12,
            marker=marker,
            color=color,
            label=label,
            depthshade=False,
        )
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_zlabel(labels[2])
    ax.view_init(elev=20, azim=-120)
    ax.legend(loc="upper left")


def plot_curve_fit(ax, model, X_train, y_train, X_other, y_other, title=None, other="validation"):
    """The training points, other held-out points, and the model's curve through them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    model : LinearRegression
        Fitted on one feature.
    X_train : ndarray of shape (m_train, 1)
    y_train : ndarray of shape (m_train,)
    X_other : ndarray of shape (m_other, 1)
        Points the model was not fitted on (validation or test points), drawn in grey.
    y_other : ndarray of shape (m_other,)
    title : str, optional
        Default: the training R² and the other points' R².
    other : str, default="validation"
        What the other points are, for the legend and the default title.
    """
    X = np.vstack([X_train, X_other])
    y = np.concatenate([y_train, y_other])
    grid = np.linspace(X.min(), X.max(), 500).reshape(-1, 1)
    ax.scatter(X_other[:, 0], y_other, s=8, color="lightgrey", label=other)
    ax.scatter(X_train[:, 0], y_train, s=16, color="tab:blue", label="training")
    ax.plot(grid[:, 0], model.predict(grid), color="crimson", linewidth=2)
    # A wild curve may leave the data's range: keep the data in view.
    ax.set_ylim(y.min() - 25, y.max() + 25)
    if title is None:
        title = (
            f"train R² {model.score(X_train, y_train):.2f}, "
            f"{other} R² {model.score(X_other, y_other):.2f}"
        )
    ax.set_title(title, fontsize=10)


def plot_error_curves(ax, x, train_errors, validation_errors, xlabel, average="mean", log_x=False):
    """Training and validation error over several splits: their average and middle half.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    x : ndarray of shape (k,)
        The varied quantity (the training set size m, or λ).
    train_errors, validation_errors : ndarray of shape (splits, k)
        One row per split.
    xlabel : str
        The x-axis label.
    average : {"mean", "median"}, default="mean"
        The line drawn through the splits; the band is always their 25th to 75th
        percentile.
    log_x : bool, default=False
        A logarithmic x axis (for λ).
    """
    center = np.mean if average == "mean" else np.median
    for errors, color, label in [
        (train_errors, "tab:blue", "training"),
        (validation_errors, "crimson", "validation"),
    ]:
        low, high = np.percentile(errors, [25, 75], axis=0)
        ax.plot(x, center(errors, axis=0), color=color, marker=".", label=f"{label} ({average})")
        ax.fill_between(x, low, high, color=color, alpha=0.15)
    ax.set_yscale("log")
    if log_x:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("mean squared error")


def plot_curve_fits(ax, models, X, y, title=None, label="all points"):
    """The given points in grey and the curves of several models fitted on different splits.

    Curves that agree with each other but miss the data show bias; curves that disagree
    with each other show variance.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    models : sequence of LinearRegression
        Fitted on one feature.
    X : ndarray of shape (m, 1)
    y : ndarray of shape (m,)
    title : str, optional
        The panel's title.
    label : str, default="all points"
        The legend's name for the grey points.
    """
    grid = np.linspace(X.min(), X.max(), 500).reshape(-1, 1)
    ax.scatter(X[:, 0], y, s=8, color="lightgrey", label=label)
    for model in models:
        ax.plot(grid[:, 0], model.predict(grid), color="crimson", linewidth=1, alpha=0.6)
    ax.set_ylim(y.min() - 25, y.max() + 25)
    if title:
        ax.set_title(title, fontsize=10)

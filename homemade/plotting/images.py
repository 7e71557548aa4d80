"""Image grids and confusion figures shared by the MNIST and Fashion-MNIST demos (plain matplotlib).

The logistic-regression and multilayer-perceptron notebooks call these so that their cells
stay about the data, the model and its evaluation: a grid of 28×28 images, the confusion
matrix, and the most-confused pairs of classes with their images.
"""

import matplotlib.pyplot as plt
import numpy as np

#: Side of the square images of MNIST and Fashion-MNIST, in pixels.
SIDE = 28


def draw_images(images, titles, n_cols=10, size=1.2, cmap="gray_r"):
    """A grid of 28×28 images, each with its title.

    Parameters
    ----------
    images : ndarray of shape (k, 784)
        One image per row, its pixels in C order.
    titles : sequence of str, length k
    n_cols : int, default=10
        Images per row of the grid.
    size : float, default=1.2
        Width of one image in inches.
    cmap : str, default="gray_r"
        Colour map (ink dark on white by default).

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    n_rows = max(1, int(np.ceil(len(images) / n_cols)))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(size * n_cols, 1.25 * size * n_rows), squeeze=False
    )
    for ax in axes.ravel():
        ax.axis("off")
    for ax, image, title in zip(axes.ravel(), images, titles, strict=False):
        ax.imshow(np.reshape(image, (SIDE, SIDE)), cmap=cmap)
        ax.set_title(title, fontsize=8)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(matrix, labels, title="Confusion matrix (test set)", axis_name="class"):
    """The confusion matrix as a heat map with its counts: row = truth, column = prediction.

    Parameters
    ----------
    matrix : ndarray of shape (K, K)
        ``matrix[i, j]`` counts the samples of class i predicted as class j.
    labels : sequence of str, length K
    title : str, default="Confusion matrix (test set)"
    axis_name : str, default="class"
        What a class is ("digit", "article"), for the axis labels.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    K = len(labels)
    # At least 3.5 inches of matrix, so that a 3 × 3 one (Iris) is as legible as a 10 × 10.
    side = max(0.55 * K, 3.5)
    fig, ax = plt.subplots(figsize=(side + 1.5, side + 1))
    ax.imshow(matrix, cmap="Blues")
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(
            col,
            row,
            count,
            ha="center",
            va="center",
            fontsize=7 if K > 5 else 12,
            color="white" if count > matrix.max() / 2 else "black",
        )
    ax.set_xticks(
        range(K),
        labels,
        rotation=45 if max(map(len, map(str, labels))) > 2 else 0,
        ha="right" if max(map(len, map(str, labels))) > 2 else "center",
    )
    ax.set_yticks(range(K), labels)
    ax.set_xlabel(f"predicted {axis_name}")
    ax.set_ylabel(f"true {axis_name}")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_confused_pairs(X, y_true, y_pred, pairs, names, n_each=5):
    """For each pair (a, b), a row of images of a read as b and of b read as a.

    Parameters
    ----------
    X : ndarray of shape (m, 784)
        The images.
    y_true, y_pred : ndarray of shape (m,)
        Class indices: the truth and the network's prediction.
    pairs : sequence of (int, int)
        The class pairs to show, one row each.
    names : sequence of str
        The name of each class index.
    n_each : int, default=5
        Images of each direction per row (the first ones in the test set).

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    images, titles = [], []
    for a, b in pairs:
        for true, predicted in ((a, b), (b, a)):
            wrong = np.flatnonzero((y_true == true) & (y_pred == predicted))[:n_each]
            images += list(X[wrong]) + [np.zeros(SIDE * SIDE)] * (n_each - len(wrong))
            titles += [f"{names[true]}\nread as {names[predicted]}"] * len(wrong)
            titles += [""] * (n_each - len(wrong))
    return draw_images(images, titles, n_cols=2 * n_each, size=1.25)

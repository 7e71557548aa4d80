"""Quality measures: for classifiers (accuracy, precision, recall, F1, confusion matrix)
and for regressors (mean squared error, R²); adjusted Rand index for clusterings."""

import numpy as np

from homemade._validation import check_target


def _pair(y_true, y_pred, numeric):
    y_true = check_target(y_true, name="y_true", numeric=numeric)
    y_pred = check_target(y_pred, name="y_pred", numeric=numeric)
    if len(y_true) != len(y_pred):
        raise ValueError(
            f"y_true has {len(y_true)} values but y_pred has {len(y_pred)}; they must match."
        )
    if len(y_true) == 0:
        raise ValueError("y_true and y_pred are empty; there is nothing to score.")
    return y_true, y_pred


def _weights(sample_weight, n):
    if sample_weight is None:
        return np.ones(n)
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.shape != (n,):
        raise ValueError(f"sample_weight has shape {w.shape}, expected ({n},).")
    return w


def accuracy_score(y_true, y_pred, sample_weight=None):
    """The fraction of predictions equal to the true labels.

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true labels.
    y_pred : array-like of shape (m,)
        The predicted labels.
    sample_weight : array-like of shape (m,), default=None
        Weight of each sample; None weighs them all 1.

    Returns
    -------
    float
        Between 0 and 1; with weights, the weighted fraction.
    """
    y_true, y_pred = _pair(y_true, y_pred, numeric=False)
    w = _weights(sample_weight, len(y_true))
    return float(np.sum(w * (y_true == y_pred)) / np.sum(w))


def confusion_matrix(y_true, y_pred, labels=None):
    """C[i, j] = how many samples of true class ``labels[i]`` were predicted ``labels[j]``.

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true labels.
    y_pred : array-like of shape (m,)
        The predicted labels.
    labels : array-like of shape (k,), default=None
        The classes to count, in the order of the rows and columns. None: the sorted union
        of the labels in ``y_true`` and ``y_pred``. Samples whose true or predicted label is
        not in ``labels`` are not counted.

    Returns
    -------
    C : ndarray of int64 of shape (k, k)
        Rows are true classes, columns predicted ones; the diagonal counts the right
        predictions.
    """
    y_true, y_pred = _pair(y_true, y_pred, numeric=False)
    if labels is None:
        labels = np.unique(np.concatenate([y_true, y_pred]))
    labels = np.asarray(labels)
    if labels.ndim != 1 or len(labels) == 0:
        raise ValueError("labels must be a non-empty 1D list of the class labels to count.")
    rows, known_true = _positions(labels, y_true)
    cols, known_pred = _positions(labels, y_pred)
    keep = known_true & known_pred
    matrix = np.zeros((len(labels), len(labels)), dtype=np.int64)
    np.add.at(matrix, (rows[keep], cols[keep]), 1)
    return matrix


def _positions(labels, values):
    """Index of each value in ``labels`` and whether it is there at all (vectorized)."""
    order = np.argsort(labels, kind="stable")
    found = np.searchsorted(labels[order], values).clip(0, len(labels) - 1)
    index = order[found]
    return index, labels[index] == values


def precision_recall_f1(y_true, y_pred, pos_label=1):
    """Precision, recall and F1 of the class ``pos_label`` (0.0 where undefined).

    precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2·P·R / (P + R).

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true labels.
    y_pred : array-like of shape (m,)
        The predicted labels.
    pos_label : label, default=1
        The class whose precision, recall and F1 are measured.

    Returns
    -------
    precision, recall, f1 : float
        Each between 0 and 1.
    """
    y_true, y_pred = _pair(y_true, y_pred, numeric=False)
    true_pos = np.sum((y_pred == pos_label) & (y_true == pos_label))
    predicted_pos = np.sum(y_pred == pos_label)
    actual_pos = np.sum(y_true == pos_label)
    precision = true_pos / predicted_pos if predicted_pos else 0.0
    recall = true_pos / actual_pos if actual_pos else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def f1_score(y_true, y_pred, pos_label=1, average="binary"):
    """F1 of ``pos_label`` (``average="binary"``) or the unweighted mean over classes
    (``average="macro"``).

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true labels.
    y_pred : array-like of shape (m,)
        The predicted labels.
    pos_label : label, default=1
        The class measured by ``average="binary"``; ignored by ``"macro"``.
    average : {"binary", "macro"}, default="binary"
        ``"macro"``: the mean of every class's F1 over the labels in ``y_true`` and
        ``y_pred``.

    Returns
    -------
    float
        Between 0 and 1.
    """
    if average == "binary":
        return precision_recall_f1(y_true, y_pred, pos_label)[2]
    if average == "macro":
        y_true, y_pred = _pair(y_true, y_pred, numeric=False)
        labels = np.unique(np.concatenate([y_true, y_pred]))
        return float(np.mean([precision_recall_f1(y_true, y_pred, c)[2] for c in labels]))
    raise ValueError(f"average must be 'binary' or 'macro', got {average!r}.")


def mean_squared_error(y_true, y_pred, sample_weight=None):
    """MSE = 1/m · Σ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)².

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true targets y.
    y_pred : array-like of shape (m,)
        The predictions ŷ.
    sample_weight : array-like of shape (m,), default=None
        Weight of each sample; None weighs them all 1.

    Returns
    -------
    float
        ≥ 0; with weights, Σ wᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² / Σ wᵢ.
    """
    y_true, y_pred = _pair(y_true, y_pred, numeric=True)
    w = _weights(sample_weight, len(y_true))
    return float(np.sum(w * (y_pred - y_true) ** 2) / np.sum(w))


def r2_score(y_true, y_pred, sample_weight=None):
    """R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: 1 is perfect, 0 is as good as predicting the mean.

    A constant ``y_true`` gives 1.0 for a perfect prediction and 0.0 otherwise, as in
    scikit-learn, instead of a division by zero.

    Parameters
    ----------
    y_true : array-like of shape (m,)
        The true targets y.
    y_pred : array-like of shape (m,)
        The predictions ŷ.
    sample_weight : array-like of shape (m,), default=None
        Weight of each sample; None weighs them all 1.

    Returns
    -------
    float
        At most 1; negative when worse than predicting the mean.
    """
    y_true, y_pred = _pair(y_true, y_pred, numeric=True)
    w = _weights(sample_weight, len(y_true))
    mean = np.sum(w * y_true) / np.sum(w)
    residual = np.sum(w * (y_true - y_pred) ** 2)
    total = np.sum(w * (y_true - mean) ** 2)
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return float(1 - residual / total)


def adjusted_rand_score(labels_true, labels_pred):
    """How well two clusterings of the same samples agree, corrected for chance.

    Over all pairs of samples, count those put together by both labelings, using the
    contingency table n_ij (samples in true class i and predicted cluster j), its row sums
    a_i and column sums b_j:
    ARI = (Σ C(n_ij, 2) − E) / (½ (Σ C(a_i, 2) + Σ C(b_j, 2)) − E) with
    E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(m, 2). 1 means the same partition (whatever the label
    names), about 0 a random one. Two labelings that are both one cluster, or both all
    singletons, score 1.0 as in scikit-learn.

    Parameters
    ----------
    labels_true : array-like of shape (m,)
        One clustering (or the true classes).
    labels_pred : array-like of shape (m,)
        The other clustering, e.g. ``KMeans().fit_predict(X)``.

    Returns
    -------
    float
        At most 1; about 0 for a random labeling, and it can be negative.
    """
    labels_true, labels_pred = _pair(labels_true, labels_pred, numeric=False)
    _, rows = np.unique(labels_true, return_inverse=True)
    _, cols = np.unique(labels_pred, return_inverse=True)
    n_cols = int(cols.max()) + 1
    table = np.bincount(rows * n_cols + cols, minlength=(int(rows.max()) + 1) * n_cols)

    def pairs(counts):
        counts = counts.astype(np.int64)
        return int(np.sum(counts * (counts - 1) // 2))

    m = len(labels_true)
    together = pairs(table)
    sum_rows = pairs(np.bincount(rows))
    sum_cols = pairs(np.bincount(cols))
    expected = sum_rows * sum_cols / (m * (m - 1) / 2) if m > 1 else 0.0
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return float((together - expected) / (maximum - expected))

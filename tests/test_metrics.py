"""Metrics against scikit-learn on seeded random data, plus their edge cases."""

import numpy as np
import pytest
from sklearn import metrics as sk

from homemade.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    mean_squared_error,
    precision_recall_f1,
    r2_score,
)

SEEDS = [0, 1, 2, 3, 4]


def _labels(seed, m=200, n_classes=3, noise=0.3):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, n_classes, size=m)
    flip = rng.random(m) < noise
    y_pred = np.where(flip, rng.integers(0, n_classes, size=m), y_true)
    return y_true, y_pred


# classification ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_classes", [2, 3, 10])
def test_accuracy_matches_sklearn(seed, n_classes):
    y_true, y_pred = _labels(seed, n_classes=n_classes)
    assert accuracy_score(y_true, y_pred) == pytest.approx(
        sk.accuracy_score(y_true, y_pred), abs=1e-15
    )
    w = np.random.default_rng(seed + 100).random(len(y_true))
    assert accuracy_score(y_true, y_pred, sample_weight=w) == pytest.approx(
        sk.accuracy_score(y_true, y_pred, sample_weight=w), rel=1e-12
    )


def test_accuracy_of_string_labels_and_its_type():
    score = accuracy_score(["cat", "dog", "dog"], ["cat", "cat", "dog"])
    assert score == pytest.approx(2 / 3)
    assert type(score) is float


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_classes", [2, 4])
def test_confusion_matrix_matches_sklearn(seed, n_classes):
    y_true, y_pred = _labels(seed, n_classes=n_classes)
    np.testing.assert_array_equal(
        confusion_matrix(y_true, y_pred), sk.confusion_matrix(y_true, y_pred)
    )


def test_confusion_matrix_string_labels():
    rng = np.random.default_rng(7)
    names = np.array(["setosa", "versicolor", "virginica"])
    y_true = names[rng.integers(0, 3, 60)]
    y_pred = names[rng.integers(0, 3, 60)]
    ours = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(ours, sk.confusion_matrix(y_true, y_pred))
    assert ours.sum() == 60
    assert ours.dtype.kind == "i"


@pytest.mark.parametrize(
    "labels",
    [
        ["virginica", "setosa", "versicolor"],  # a reordering
        ["versicolor", "setosa"],  # a subset: other samples are not counted
        ["virginica", "setosa", "unseen"],  # a label that never occurs: an empty row/column
    ],
)
def test_confusion_matrix_explicit_labels_order(labels):
    rng = np.random.default_rng(8)
    names = np.array(["setosa", "versicolor", "virginica"])
    y_true = names[rng.integers(0, 3, 50)]
    y_pred = names[rng.integers(0, 3, 50)]
    np.testing.assert_array_equal(
        confusion_matrix(y_true, y_pred, labels=labels),
        sk.confusion_matrix(y_true, y_pred, labels=labels),
    )


def test_confusion_matrix_explicit_integer_labels():
    y_true, y_pred = _labels(9, n_classes=4)
    for labels in ([3, 1, 0, 2], [2, 0], [5, 0, 1]):
        np.testing.assert_array_equal(
            confusion_matrix(y_true, y_pred, labels=labels),
            sk.confusion_matrix(y_true, y_pred, labels=labels),
        )


def test_confusion_matrix_reads_rows_as_truth():
    # Two samples of class 0 predicted 1: row 0 (true), column 1 (predicted).
    np.testing.assert_array_equal(confusion_matrix([0, 0, 1], [1, 1, 1]), [[0, 2], [0, 1]])


def test_confusion_matrix_empty_labels():
    with pytest.raises(ValueError, match=r"labels must be a non-empty"):
        confusion_matrix([0, 1], [0, 1], labels=[])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("pos_label", [0, 1])
def test_precision_recall_f1_binary_matches_sklearn(seed, pos_label):
    y_true, y_pred = _labels(seed, n_classes=2, noise=0.5)
    p, r, f = precision_recall_f1(y_true, y_pred, pos_label=pos_label)
    assert p == pytest.approx(sk.precision_score(y_true, y_pred, pos_label=pos_label), rel=1e-12)
    assert r == pytest.approx(sk.recall_score(y_true, y_pred, pos_label=pos_label), rel=1e-12)
    assert f == pytest.approx(sk.f1_score(y_true, y_pred, pos_label=pos_label), rel=1e-12)
    assert f1_score(y_true, y_pred, pos_label=pos_label) == f


def test_precision_recall_f1_string_pos_label():
    y_true = ["spam", "ham", "spam", "spam", "ham"]
    y_pred = ["spam", "spam", "ham", "spam", "ham"]
    p, r, f = precision_recall_f1(y_true, y_pred, pos_label="spam")
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert f == pytest.approx(sk.f1_score(y_true, y_pred, pos_label="spam"))


def test_precision_recall_f1_undefined_is_zero_like_sklearn_zero_division_0():
    # No positive predicted and none present: every ratio is 0/0.
    assert precision_recall_f1([0, 0, 0], [0, 0, 0]) == (0.0, 0.0, 0.0)
    # Positives present but never predicted: precision 0/0, recall 0.
    y_true, y_pred = [1, 1, 0], [0, 0, 0]
    ours = precision_recall_f1(y_true, y_pred)
    theirs = sk.precision_recall_fscore_support(
        y_true, y_pred, average="binary", zero_division=0
    )[:3]
    assert ours == pytest.approx(theirs)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("n_classes", [2, 3, 6])
def test_f1_macro_matches_sklearn(seed, n_classes):
    y_true, y_pred = _labels(seed, n_classes=n_classes, noise=0.6)
    assert f1_score(y_true, y_pred, average="macro") == pytest.approx(
        sk.f1_score(y_true, y_pred, average="macro"), rel=1e-12
    )


def test_f1_macro_with_a_class_only_in_predictions():
    y_true = ["a", "b", "a", "b"]
    y_pred = ["a", "b", "c", "b"]
    assert f1_score(y_true, y_pred, average="macro") == pytest.approx(
        sk.f1_score(y_true, y_pred, average="macro", zero_division=0)
    )


def test_f1_macro_accepts_a_column_vector():
    y_true = np.array([[0], [1], [1], [2]])
    y_pred = np.array([0, 1, 2, 2])
    assert f1_score(y_true, y_pred, average="macro") == pytest.approx(
        sk.f1_score(y_true.ravel(), y_pred, average="macro")
    )


def test_f1_unknown_average():
    with pytest.raises(ValueError, match=r"average must be 'binary' or 'macro', got 'micro'"):
        f1_score([0, 1], [0, 1], average="micro")


# regression --------------------------------------------------------------------------


def _regression(seed, m=150, scale=1.0):
    rng = np.random.default_rng(seed)
    y_true = rng.normal(3.0, 2.0, size=m) * scale
    y_pred = y_true + rng.normal(0.0, 1.0, size=m) * scale
    return y_true, y_pred


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e4])
def test_mse_matches_sklearn(seed, scale):
    y_true, y_pred = _regression(seed, scale=scale)
    assert mean_squared_error(y_true, y_pred) == pytest.approx(
        sk.mean_squared_error(y_true, y_pred), rel=1e-12
    )
    w = np.random.default_rng(seed).random(len(y_true))
    assert mean_squared_error(y_true, y_pred, sample_weight=w) == pytest.approx(
        sk.mean_squared_error(y_true, y_pred, sample_weight=w), rel=1e-12
    )


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e4])
def test_r2_matches_sklearn(seed, scale):
    y_true, y_pred = _regression(seed, scale=scale)
    assert r2_score(y_true, y_pred) == pytest.approx(sk.r2_score(y_true, y_pred), rel=1e-12)
    w = np.random.default_rng(seed).random(len(y_true))
    assert r2_score(y_true, y_pred, sample_weight=w) == pytest.approx(
        sk.r2_score(y_true, y_pred, sample_weight=w), rel=1e-12
    )


def test_r2_reference_points():
    y = np.array([1.0, 2.0, 4.0, 8.0])
    assert r2_score(y, y) == 1.0
    assert r2_score(y, np.full(4, y.mean())) == pytest.approx(0.0, abs=1e-15)
    # Worse than the mean is negative.
    assert r2_score(y, y[::-1]) < 0
    assert r2_score(y, y[::-1]) == pytest.approx(sk.r2_score(y, y[::-1]))


@pytest.mark.parametrize("y_pred", [[5.0, 5.0, 5.0], [5.0, 5.0, 6.0], [0.0, 1.0, 2.0]])
def test_r2_constant_y_true_like_sklearn(y_pred):
    y_true = [5.0, 5.0, 5.0]
    # No division by zero (RuntimeWarnings are errors in this suite).
    ours = r2_score(y_true, y_pred)
    assert ours == sk.r2_score(y_true, y_pred)
    assert ours == (1.0 if y_pred == y_true else 0.0)


def test_regression_metrics_accept_column_vectors_and_return_float():
    y_true = np.array([[1.0], [2.0], [3.0]])
    y_pred = np.array([1.5, 2.0, 2.0])
    assert type(mean_squared_error(y_true, y_pred)) is float
    assert mean_squared_error(y_true, y_pred) == pytest.approx((0.25 + 0 + 1) / 3)
    assert type(r2_score(y_true, y_pred)) is float


# bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "metric", [accuracy_score, confusion_matrix, mean_squared_error, r2_score, f1_score]
)
def test_length_mismatch(metric):
    with pytest.raises(ValueError, match=r"y_true has 3 values but y_pred has 2; they must match"):
        metric([0, 1, 1], [0, 1])


@pytest.mark.parametrize("metric", [accuracy_score, confusion_matrix, mean_squared_error, r2_score])
def test_empty(metric):
    with pytest.raises(ValueError, match=r"y_true and y_pred are empty"):
        metric([], [])


@pytest.mark.parametrize("metric", [mean_squared_error, r2_score])
def test_regression_metrics_reject_nan_and_strings(metric):
    with pytest.raises(ValueError, match=r"Input y_pred contains NaN"):
        metric([1.0, 2.0], [1.0, np.nan])
    with pytest.raises(ValueError, match=r"Input y_true contains infinity"):
        metric([1.0, np.inf], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"y_true holds values that are not numbers"):
        metric(["a", "b"], [1.0, 2.0])


def test_classification_metric_rejects_missing_labels():
    with pytest.raises(ValueError, match=r"Input y_pred contains NaN"):
        accuracy_score([0.0, 1.0], [0.0, np.nan])


def test_sample_weight_shape():
    with pytest.raises(ValueError, match=r"sample_weight has shape \(2,\), expected \(3,\)"):
        accuracy_score([0, 1, 1], [0, 1, 0], sample_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"sample_weight has shape"):
        r2_score([0.0, 1.0, 1.0], [0.0, 1.0, 0.0], sample_weight=[[1.0, 2.0, 3.0]])


def test_accuracy_counts_labels_of_another_type_as_wrong():
    # A classifier fitted on integers, scored on strings (or the reverse): no crash, all wrong.
    assert accuracy_score(np.array([1, 2, 1]), np.array(["1", "2", "a"])) == 0.0
    assert accuracy_score(np.array(["a", "b"]), np.array([0, 1])) == 0.0

"""The seeded (stratified) train/test split, against scikit-learn's sizes and proportions."""

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split as sk_split

from homemade.model_selection import train_test_split


def _xy(m=100, n=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(m, n)), rng.integers(0, 3, size=m)


# determinism -------------------------------------------------------------------------


def test_same_seed_same_split():
    X, y = _xy()
    a = train_test_split(X, y, random_state=42)
    b = train_test_split(X, y, random_state=42)
    for left, right in zip(a, b, strict=True):
        np.testing.assert_array_equal(left, right)


def test_different_seeds_different_splits():
    X, y = _xy()
    a = train_test_split(X, random_state=1)[1]
    b = train_test_split(X, random_state=2)[1]
    assert not np.array_equal(a, b)


def test_stratified_same_seed_same_split():
    X, y = _xy()
    a = train_test_split(X, y, stratify=y, random_state=3)
    b = train_test_split(X, y, stratify=y, random_state=3)
    for left, right in zip(a, b, strict=True):
        np.testing.assert_array_equal(left, right)


def test_generator_is_accepted_and_advanced():
    X, _ = _xy()
    rng = np.random.default_rng(0)
    first = train_test_split(X, random_state=rng)[1]
    second = train_test_split(X, random_state=rng)[1]
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(
        first, train_test_split(X, random_state=np.random.default_rng(0))[1]
    )


def test_global_numpy_state_is_not_used():
    X, _ = _xy()
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    train_test_split(X, random_state=None)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


# sizes and content -------------------------------------------------------------------


@pytest.mark.parametrize("m", [2, 5, 10, 87, 155, 1000])
@pytest.mark.parametrize("test_size", [0.1, 0.2, 0.25, 1 / 3, 0.5, 0.9])
def test_sizes_match_sklearn(m, test_size):
    rows = np.arange(m)
    try:
        theirs = sk_split(rows, test_size=test_size, random_state=0)
    except ValueError:
        # An empty train part: refused by both.
        with pytest.raises(ValueError, match=r"both parts need at least one row"):
            train_test_split(rows, test_size=test_size, random_state=0)
        return
    train, test = train_test_split(rows, test_size=test_size, random_state=0)
    assert (len(train), len(test)) == (len(theirs[0]), len(theirs[1]))


@pytest.mark.parametrize("test_size", [1, 7, 99])
def test_integer_test_size_is_a_row_count(test_size):
    train, test = train_test_split(np.arange(100), test_size=test_size, random_state=0)
    assert (len(train), len(test)) == (100 - test_size, test_size)


def test_split_is_a_partition_and_arrays_stay_aligned():
    X, y = _xy(m=50)
    ids = np.arange(50)
    X_tr, X_te, y_tr, y_te, id_tr, id_te = train_test_split(X, y, ids, random_state=5)
    assert sorted(np.concatenate([id_tr, id_te]).tolist()) == list(range(50))
    np.testing.assert_array_equal(X_tr, X[id_tr])
    np.testing.assert_array_equal(X_te, X[id_te])
    np.testing.assert_array_equal(y_tr, y[id_tr])
    np.testing.assert_array_equal(y_te, y[id_te])


def test_split_shuffles():
    train, test = train_test_split(np.arange(100), random_state=0)
    assert not np.array_equal(np.sort(test), np.arange(80, 100))
    assert not np.array_equal(test, np.sort(test))


def test_no_shuffle_keeps_order_like_sklearn():
    rows = np.arange(10)
    train, test = train_test_split(rows, test_size=0.3, shuffle=False)
    sk_train, sk_test = sk_split(rows, test_size=0.3, shuffle=False)
    np.testing.assert_array_equal(train, sk_train)
    np.testing.assert_array_equal(test, sk_test)


def test_pandas_objects_keep_their_type_and_index():
    df = pd.DataFrame({"a": np.arange(20.0), "b": np.arange(20.0) ** 2}, index=np.arange(20) + 100)
    s = pd.Series(np.arange(20) % 2, index=df.index, name="label")
    df_tr, df_te, s_tr, s_te = train_test_split(df, s, random_state=0, stratify=s)
    assert isinstance(df_tr, pd.DataFrame) and isinstance(s_te, pd.Series)
    assert list(df_tr.columns) == ["a", "b"]
    assert df_tr.index.equals(s_tr.index)
    assert df_te.index.equals(s_te.index)
    assert set(df_tr.index) | set(df_te.index) == set(df.index)


# stratification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts",
    [[50, 50], [90, 10], [50, 30, 7], [13, 2, 2, 40], [5] * 10, [3, 100, 17, 8, 29]],
)
@pytest.mark.parametrize("test_size", [0.2, 0.25, 0.3, 0.5, 0.8])
@pytest.mark.parametrize("seed", [0, 1])
def test_stratified_counts_per_class_match_sklearn_within_one(counts, test_size, seed):
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    X = np.arange(len(y))
    n_test = int(np.ceil(test_size * len(y)))
    if min(n_test, len(y) - n_test) < len(counts):
        # scikit-learn refuses these too; the message is tested below.
        with pytest.raises(ValueError, match=r"at least as many rows as classes"):
            train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
        with pytest.raises(ValueError):
            sk_split(X, y, test_size=test_size, stratify=y, random_state=seed)
        return
    _, _, y_tr, y_te = train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)
    _, _, sk_tr, sk_te = sk_split(X, y, test_size=test_size, stratify=y, random_state=seed)
    k = len(counts)
    assert len(y_te) == len(sk_te) and len(y_tr) == len(sk_tr)
    ours_test = np.bincount(y_te, minlength=k)
    theirs_test = np.bincount(sk_te, minlength=k)
    assert np.abs(ours_test - theirs_test).max() <= 1
    assert np.abs(np.bincount(y_tr, minlength=k) - np.bincount(sk_tr, minlength=k)).max() <= 1
    # And each class's test count is within one row of its exact share.
    exact = np.array(counts) * len(y_te) / len(y)
    assert np.abs(ours_test - exact).max() < 1


def test_stratified_string_labels_and_shuffled_test_part():
    y = np.array(["a"] * 30 + ["b"] * 10)
    X = np.arange(40)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
    assert (np.sum(y_te == "a"), np.sum(y_te == "b")) == (8, 2)
    np.testing.assert_array_equal(y[X_te], y_te)
    # Classes are not left in blocks: the test part is shuffled after drawing per class.
    assert not np.array_equal(X_te, np.sort(X_te))


# errors ------------------------------------------------------------------------------


def test_no_arrays():
    with pytest.raises(ValueError, match=r"needs at least one array"):
        train_test_split()


def test_inconsistent_lengths():
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: 10 and 9"):
        train_test_split(np.zeros((10, 2)), np.zeros(9))


@pytest.mark.parametrize("test_size", [0.0, 1.0, 1.5, -0.1])
def test_fraction_out_of_range(test_size):
    with pytest.raises(ValueError, match=r"test_size as a fraction must be in \(0, 1\)"):
        train_test_split(np.arange(10), test_size=test_size)


@pytest.mark.parametrize("test_size", [0, 10, 11, -1])
def test_count_leaves_an_empty_part(test_size):
    with pytest.raises(ValueError, match=r"both parts need at least one row"):
        train_test_split(np.arange(10), test_size=test_size)


@pytest.mark.parametrize("test_size", ["0.2", None, True])
def test_test_size_type(test_size):
    with pytest.raises(TypeError, match=r"test_size must be a float fraction or an int count"):
        train_test_split(np.arange(10), test_size=test_size)


def test_class_with_a_single_member():
    y = np.array([0, 0, 0, 1, 1, 1, 2])
    with pytest.raises(ValueError, match=r"least populated class.*only 1 member"):
        train_test_split(np.arange(7), y, test_size=0.5, stratify=y)


def test_too_few_rows_for_the_classes():
    y = np.repeat([0, 1, 2], 4)
    with pytest.raises(ValueError, match=r"at least as many rows as classes \(3\).*11 training "
                       r"and 1 test"):
        train_test_split(np.arange(12), y, test_size=1, stratify=y)


def test_stratify_length_mismatch():
    with pytest.raises(ValueError, match=r"stratify has 6 labels but the arrays have 10 rows"):
        train_test_split(np.arange(10), stratify=np.array([0, 1] * 3), random_state=0)


def test_stratify_without_shuffle():
    y = np.array([0, 1] * 5)
    with pytest.raises(ValueError, match=r"Stratified splitting needs shuffle=True"):
        train_test_split(np.arange(10), stratify=y, shuffle=False)

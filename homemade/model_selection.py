"""Seeded train/test split, optionally stratified."""

import numpy as np

from homemade._parameters import check_random_state


def train_test_split(*arrays, test_size=0.2, random_state=None, stratify=None, shuffle=True):
    """Split arrays (NumPy arrays or pandas objects) into train and test parts.

    The same rows go to the same part in every array, like scikit-learn. With
    ``stratify=y`` every class keeps its proportion in both parts (each class's test
    count is rounded, with the rounding remainder spread so the total is exact).

    Parameters
    ----------
    *arrays : array-like of shape (m, ...)
        One or more arrays, DataFrames or Series with the same number of rows m.
    test_size : float in (0, 1) or int, default=0.2
        The fraction of the rows (rounded up) or the number of rows in the test part;
        both parts must keep at least one row.
    random_state : None, int ≥ 0, Generator or RandomState (numpy.random), default=None
        Seeds the shuffle: the same integer gives the same split.
    stratify : array-like of shape (m,), default=None
        The class label of every row (usually ``y``); needs ``shuffle=True`` and at least
        two rows per class.
    shuffle : bool, default=True
        False: no shuffle, the test part is the last rows (as a time series needs).

    Returns
    -------
    list of length 2 · len(arrays)
        ``a_train, a_test, b_train, b_test, ...`` in the order of ``arrays``, of shapes
        (m − m_test, ...) and (m_test, ...): pandas objects stay pandas objects, anything
        else becomes an ndarray.
    """
    if not arrays:
        raise ValueError("train_test_split needs at least one array.")
    n = len(arrays[0])
    for a in arrays[1:]:
        if len(a) != n:
            raise ValueError(
                f"Found input variables with inconsistent numbers of samples: {n} and {len(a)}."
            )
    train, test = _split_indices(n, _n_test(test_size, n), check_random_state(random_state),
                                 stratify, shuffle)
    result = []
    for a in arrays:
        result.extend([_take(a, train), _take(a, test)])
    return result


def _split_indices(n, n_test, rng, stratify, shuffle):
    # The row indices of the train and the test part.
    if stratify is None:
        if shuffle:
            order = rng.permutation(n)
            test, train = order[:n_test], order[n_test:]
        else:
            # Without shuffling the test part is the last rows, as in scikit-learn (and as
            # a time series needs: train on the past, test on the future).
            train, test = np.arange(n - n_test), np.arange(n - n_test, n)
    else:
        if not shuffle:
            raise ValueError("Stratified splitting needs shuffle=True.")
        stratify = np.asarray(stratify)
        if len(stratify) != n:
            raise ValueError(
                f"stratify has {len(stratify)} labels but the arrays have {n} rows; "
                "pass the class label of every row (usually stratify=y)."
            )
        test = _stratified_test_indices(stratify, n_test, rng)
        mask = np.zeros(n, dtype=bool)
        mask[test] = True
        train = rng.permutation(np.flatnonzero(~mask))
        test = rng.permutation(test)
    return train, test


def _n_test(test_size, n):
    if isinstance(test_size, float):
        if not 0 < test_size < 1:
            raise ValueError(f"test_size as a fraction must be in (0, 1), got {test_size}.")
        n_test = int(np.ceil(test_size * n))
    elif isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool):
        n_test = int(test_size)
    else:
        raise TypeError(f"test_size must be a float fraction or an int count, got {test_size!r}.")
    if not 0 < n_test < n:
        raise ValueError(
            f"test_size={test_size} leaves {n - n_test} training and {n_test} test rows out of "
            f"{n}; both parts need at least one row."
        )
    return n_test


def _stratified_test_indices(y, n_test, rng):
    if len(y) == 0:
        raise ValueError("stratify is empty.")
    classes, y_idx, counts = np.unique(y, return_inverse=True, return_counts=True)
    if counts.min() < 2:
        raise ValueError(
            f"The least populated class in stratify has only {counts.min()} member; "
            "stratification needs at least 2 per class."
        )
    n_train = len(y) - n_test
    if min(n_test, n_train) < len(classes):
        raise ValueError(
            f"A stratified split needs at least as many rows as classes ({len(classes)}) in "
            f"each part, but test_size gives {n_train} training and {n_test} test rows; "
            "choose a test_size that leaves at least one row per class on each side."
        )
    exact = counts * n_test / len(y)
    per_class = np.floor(exact).astype(int)
    # Give the remaining rows to the classes with the largest rounding remainders.
    remainder = n_test - per_class.sum()
    order = np.argsort(-(exact - per_class), kind="stable")
    per_class[order[:remainder]] += 1
    test = [
        rng.permutation(np.flatnonzero(y_idx == c))[:k]
        for c, k in enumerate(per_class)
    ]
    return np.concatenate(test)


def _take(a, idx):
    if hasattr(a, "iloc"):
        return a.iloc[idx]
    return np.asarray(a)[idx]

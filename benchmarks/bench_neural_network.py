"""Multilayer perceptron vs scikit-learn's MLPClassifier, and one epoch vs bare BLAS.

Rows:
0. (``--full``) Full Fashion-MNIST (60,000 training / 10,000 test images, pixels / 255),
   the same network, epochs, batch and step on both sides: 784-128-10, ReLU, Adam α = 1e-3,
   batches of 200, exactly 10 epochs (scikit-learn: ``tol=0`` and an ``n_iter_no_change``
   larger than ``max_iter``, so it never stops early), λ = 1 for ours and scikit-learn's
   ``alpha = λ·B/m`` (its penalty is alpha/(2B)·Σ‖W‖² per batch, ours λ/(2m)·Σ‖W‖²).
   Ours trains in float32, its default ``dtype`` (scikit-learn in float64, the type of
   the data it is given). Targets: test accuracy within 0.005 of scikit-learn's, fit
   time ≤ 0.6×. Fits are timed interleaved, three times each, medians compared (one of
   our fits varies by ±10 % from run to run; about 45 s on 2 cores, only with ``--full``).
   The images come from ``load_fashion_mnist()`` (it checks the SHA-256 of the
   decompressed contents, so the authors' files and a recompressed copy both load); the
   row is skipped (note on stderr) when the four files are not in the data folder: a
   benchmark never downloads.
1. MNIST 5,000-digit sample, stratified 80/20 split (seed 0), both fed X/255: test
   accuracy of ``MultilayerPerceptron(random_state=0)`` with its defaults (784-256-10,
   ReLU, Adam α = 0.003, batches of 256, 20 epochs, λ = 1, float32; target ≥ 0.94) and
   its fit time relative to ``MLPClassifier(hidden_layer_sizes=(128,), random_state=0)``
   with scikit-learn's other defaults (ReLU, Adam α = 0.001, batches of 200, alpha =
   1e-4, up to max_iter=200 epochs, stopping when the loss improves by less than
   tol=1e-4 for 10 epochs, float64; target ≤ 0.5).
2. Speed near the hardware: one epoch of a 784-128-10 network over 60,000 random
   784-pixel rows vs the bare matrix products that epoch needs at the same batch size
   (the default, 256) and dtype (float32): forward X·W⁽¹⁾ and A·W⁽²⁾, backward Aᵀ·δ⁽³⁾,
   δ⁽³⁾·W⁽²⁾ᵀ and Xᵀ·δ⁽²⁾ (target ≤ 3×). The epoch is timed directly, around the
   network's ``train_epoch`` inside ``fit(max_iter=1)`` (never as a difference of two
   noisy times, which once came out negative); the rest of that ``fit`` - the one-off
   input check and scaling - is shown apart in the task column. Fit and bare products
   are timed interleaved, 5 times each, and the medians compared, so that a busy moment
   of the machine hurts them alike.
3. With ``--full`` and the full MNIST files cached: the default network trained on the
   official 60,000 training digits, accuracy on the official 10,000 test digits
   (target ≥ 0.975 in ≤ 60 s of training); scikit-learn's column is
   ``MLPClassifier(hidden_layer_sizes=(128,), max_iter=20, random_state=0)``. The row is
   skipped (with a note on stderr) when the four MNIST files are not in the data folder:
   a benchmark never downloads.
"""

import sys
import time
import warnings

import numpy as np
from common import Row, check_seconds, fit_time_ratio

from homemade.datasets import (
    MNIST_TRAIN_SIZE,
    REGISTRY,
    data_dir,
    load_fashion_mnist,
    load_mnist,
)
from homemade.model_selection import train_test_split
from homemade.neural_network import MultilayerPerceptron
from homemade.neural_network import multilayer_perceptron as _mlp


def rows(full=False):
    result = [_mnist_sample_row(), _epoch_row()]
    if full:
        # About 45 s on 2 cores (three fits of each side): only in the full run.
        row = _fashion_mnist_row()
        if row is not None:
            result.append(row)
        row = _mnist_full_row()
        if row is not None:
            result.append(row)
    return result


def _missing(prefix):
    """The registry's files under ``prefix`` that are not in the data folder yet."""
    return [
        name for name in REGISTRY if name.startswith(prefix) and not (data_dir() / name).is_file()
    ]


def _read_fashion_mnist():
    """(X_train, y_train, X_test, y_test) with pixels / 255, or None without the files."""
    missing = _missing("fashion-mnist/")
    if missing:
        # A benchmark never starts a download by itself.
        print(f"Fashion-MNIST row skipped: {', '.join(missing)} not in {data_dir()}",
              file=sys.stderr)
        return None
    X, y = load_fashion_mnist()  # checks the SHA-256 of the decompressed contents
    X = X.astype(np.float64) / 255  # scikit-learn trains in the type of its data: float64
    X_train, X_test = X[:MNIST_TRAIN_SIZE], X[MNIST_TRAIN_SIZE:]
    return X_train, y[:MNIST_TRAIN_SIZE], X_test, y[MNIST_TRAIN_SIZE:]


def _fashion_mnist_row(regularization=1.0, batch_size=200, epochs=10, repeats=3):
    from sklearn.neural_network import MLPClassifier

    data = _read_fashion_mnist()
    if data is None:
        return None
    X_train, y_train, X_test, y_test = data
    ours = MultilayerPerceptron(hidden_layer_sizes=(128,), solver="adam", learning_rate=1e-3,
                                batch_size=batch_size, max_iter=epochs,
                                regularization=regularization, random_state=0)
    theirs = MLPClassifier(hidden_layer_sizes=(128,), solver="adam", learning_rate_init=1e-3,
                           batch_size=batch_size, max_iter=epochs,
                           alpha=regularization * batch_size / len(X_train), tol=0.0,
                           n_iter_no_change=epochs + 1, random_state=0)
    ours_seconds, their_seconds = [], []
    for _ in range(repeats):  # interleaved; no warm-up: each fit takes seconds
        start = time.perf_counter()
        ours.fit(X_train, y_train)
        ours_seconds.append(check_seconds("homemade fit", time.perf_counter() - start))
        with warnings.catch_warnings():
            # It reaches max_iter by design (same epochs as ours) and says so.
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            theirs.fit(X_train, y_train)
        their_seconds.append(check_seconds("sklearn fit", time.perf_counter() - start))
    if ours.n_iter_ != epochs or theirs.n_iter_ != epochs:
        raise RuntimeError(f"epochs run: ours {ours.n_iter_}, scikit-learn {theirs.n_iter_}")
    ratio = float(np.median(ours_seconds) / np.median(their_seconds))
    accuracy, their_accuracy = ours.score(X_test, y_test), theirs.score(X_test, y_test)
    return Row(
        task=f"Fashion-MNIST 60000/10000, 784-128-10, Adam 1e-3, batch {batch_size}, "
        f"{epochs} epochs, float32 vs float64 ({np.median(ours_seconds):.1f} s vs "
        f"{np.median(their_seconds):.1f} s)",
        metric="test accuracy",
        homemade=accuracy,
        sklearn=their_accuracy,
        ratio=ratio,
        target="accuracy within 0.005 of sklearn's, time ratio ≤ 0.6",
        met=abs(accuracy - their_accuracy) <= 0.005 and ratio <= 0.6,
    )


def _mnist_sample_row():
    from sklearn.neural_network import MLPClassifier

    X, y = load_mnist("sample")
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=0
    )
    X_train, X_test = X_train / 255, X_test / 255
    ours = MultilayerPerceptron(random_state=0)
    theirs = MLPClassifier(hidden_layer_sizes=(128,), random_state=0)

    def fit_theirs():
        with warnings.catch_warnings():
            # MLPClassifier may stop at its max_iter=200 with a warning; that is its default.
            warnings.simplefilter("ignore")
            theirs.fit(X_train, y_train)

    ratio, _, _ = fit_time_ratio(lambda: ours.fit(X_train, y_train), fit_theirs, repeats=3)
    accuracy = ours.score(X_test, y_test)
    return Row(
        task="MNIST sample 4000/1000, 784-256-10 vs sklearn 784-128-10",
        metric="test accuracy",
        homemade=accuracy,
        sklearn=theirs.score(X_test, y_test),
        ratio=ratio,
        target="accuracy ≥ 0.94, time ratio ≤ 0.5",
        met=accuracy >= 0.94 and ratio <= 0.5,
    )


def _epoch_row(n_rows=60_000, hidden=128, batch_size=256):
    rng = np.random.default_rng(0)
    X = rng.integers(0, 256, size=(n_rows, 784)).astype(np.float32)
    y = rng.integers(0, 10, size=n_rows)

    model = MultilayerPerceptron(
        hidden_layer_sizes=(hidden,), batch_size=batch_size, max_iter=1, random_state=0
    )
    epoch_times, setup_times = [], []
    train_epoch = _mlp.train_epoch

    def timed_train_epoch(*args, **kwargs):
        start = time.perf_counter()
        try:
            return train_epoch(*args, **kwargs)
        finally:
            epoch_times.append(check_seconds("epoch", time.perf_counter() - start))

    def fit():
        # The epoch is timed where it runs; the rest of fit is the one-off setup.
        n_before = len(epoch_times)
        _mlp.train_epoch = timed_train_epoch
        try:
            start = time.perf_counter()
            model.fit(X, y)
            total = time.perf_counter() - start
        finally:
            _mlp.train_epoch = train_epoch
        if len(epoch_times) != n_before + 1:
            raise RuntimeError("fit(max_iter=1) did not run exactly one timed epoch")
        setup_times.append(total - epoch_times[-1])

    W1 = rng.standard_normal((784, hidden), dtype=np.float32)
    W2 = rng.standard_normal((hidden, 10), dtype=np.float32)

    def bare_products():
        for start in range(0, n_rows, batch_size):
            X_batch = X[start : start + batch_size]
            A = X_batch @ W1
            output = A @ W2
            A.T @ output
            delta = output @ W2.T
            X_batch.T @ delta

    fit()  # warm-up
    bare_products()
    del epoch_times[:], setup_times[:]
    bare_times = []
    for _ in range(5):
        fit()
        start = time.perf_counter()
        bare_products()
        bare_times.append(check_seconds("bare products", time.perf_counter() - start))
    epoch, setup, bare = (float(np.median(t)) for t in (epoch_times, setup_times, bare_times))

    ratio = epoch / bare
    return Row(
        task=f"one epoch, 784-{hidden}-10, 60,000 random rows, batch {batch_size}, float32 "
        f"(plus {setup:.2f} s once per fit to check and scale X)",
        metric="epoch / bare matrix products (s)",
        homemade=epoch,
        sklearn=bare,
        ratio=ratio,
        target="epoch ≤ 3 × bare products",
        met=ratio <= 3,
        seconds=("homemade", "sklearn"),
    )


def _mnist_full_row():
    from sklearn.neural_network import MLPClassifier

    missing = _missing("mnist/")
    if missing:
        # The row needs the download; a benchmark run never starts one by itself.
        print(f"full MNIST row skipped: {', '.join(missing)} not in {data_dir()} "
              "(run homemade.datasets.load_mnist('full') once to download them)",
              file=sys.stderr)
        return None
    X, y = load_mnist("full")
    X_train, X_test = X[:MNIST_TRAIN_SIZE] / 255, X[MNIST_TRAIN_SIZE:] / 255
    y_train, y_test = y[:MNIST_TRAIN_SIZE], y[MNIST_TRAIN_SIZE:]
    ours = MultilayerPerceptron(random_state=0)
    start = time.perf_counter()
    ours.fit(X_train, y_train)
    seconds = time.perf_counter() - start
    # scikit-learn gets the same 20 epochs as ours (its default would run up to 200).
    theirs = MLPClassifier(hidden_layer_sizes=(128,), max_iter=20, random_state=0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs.fit(X_train, y_train)
    their_seconds = time.perf_counter() - start
    accuracy = ours.score(X_test, y_test)
    return Row(
        task=f"MNIST full 60000/10000, 784-256-10 ({seconds:.0f} s training)",
        metric="test accuracy",
        homemade=accuracy,
        sklearn=theirs.score(X_test, y_test),
        ratio=seconds / their_seconds,
        target="accuracy ≥ 0.975 in ≤ 60 s",
        met=accuracy >= 0.975 and seconds <= 60,
    )

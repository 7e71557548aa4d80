"""The IDX file format of MNIST and Fashion-MNIST: ``read_idx``.

An IDX file is: two zero bytes, a type byte, the number of dimensions, one big-endian
uint32 size per dimension, then the values in C order, big-endian.
"""

import gzip

import numpy as np

# The IDX type byte -> big-endian NumPy dtype (the format of the MNIST files).
_IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def read_idx(path):
    """Read an IDX file into a NumPy array of its declared shape, in native byte order.

    The file may be gzip-compressed or not (recognised by its content, not its name).
    An IDX file is: two zero bytes, a type byte, the number of dimensions, one big-endian
    uint32 size per dimension, then the values in C order, big-endian.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    ndarray of the declared shape, e.g. (60000, 28, 28) for images, (60000,) for labels
        Of the declared type (uint8 for MNIST), in native byte order.

    A ``ValueError`` names the file when it is not an IDX file, declares an unknown type,
    is truncated or carries extra bytes.
    """
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise ValueError(f"{path}: damaged or truncated gzip data ({exc}).") from exc
    else:
        data = raw
    if len(data) < 4:
        raise ValueError(f"{path} is not an IDX file: only {len(data)} bytes.")
    if data[0] != 0 or data[1] != 0:
        raise ValueError(
            f"{path} is not an IDX file: its magic number starts with bytes "
            f"{data[0]:#04x} {data[1]:#04x} instead of 0x00 0x00."
        )
    if data[2] not in _IDX_DTYPES:
        known = ", ".join(f"{code:#04x}" for code in _IDX_DTYPES)
        raise ValueError(f"{path}: unknown IDX data type {data[2]:#04x} (known: {known}).")
    ndim = data[3]
    if ndim == 0:
        raise ValueError(f"{path}: the IDX header declares 0 dimensions.")
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise ValueError(
            f"{path} is truncated: the header declares {ndim} dimensions, which needs "
            f"{header_size} bytes, but the file has {len(data)}."
        )
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(_IDX_DTYPES[data[2]])
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    found = len(data) - header_size
    if found != expected:
        problem = "is truncated" if found < expected else "has extra bytes"
        raise ValueError(
            f"{path} {problem}: the header declares shape {shape} of {dtype.name}, i.e. "
            f"{expected} bytes of values, but the file holds {found}."
        )
    body = np.frombuffer(data, dtype=dtype, offset=header_size)
    return body.reshape(shape).astype(dtype.newbyteorder("="))

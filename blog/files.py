"""Reading the files of an untrusted folder (a Hugo site being imported): only regular
files, never through a symbolic link, never more than a stated size."""

import errno
import hashlib
import os
import stat

# Where the platform has them: a link at the last step of a path is refused rather
# than followed, and a FIFO opens at once instead of waiting for a writer.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
OPEN_FLAGS |= getattr(os, "O_BINARY", 0)


class UnsafeFile(Exception):
    """A file an import will not read; the message says why."""


def size_label(count):
    """``2 MiB``, ``64 KiB``, ``1.5 GiB``: a limit as people read it."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


def open_regular(path, max_bytes=None):
    """``path`` opened for binary reading if it is a regular file (of at most
    ``max_bytes``); ``UnsafeFile`` for a symbolic link, a FIFO, a device or a folder."""
    try:
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeFile("a symbolic link; links are never followed") from error
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnsafeFile("not a regular file")
        if max_bytes is not None and status.st_size > max_bytes:
            raise UnsafeFile(too_large(status.st_size, max_bytes))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def too_large(size, max_bytes):
    return f"larger than the {size_label(max_bytes)} an import reads ({size:,} bytes)"


def read_regular(path, max_bytes):
    """The bytes of the regular file at ``path``, refused past ``max_bytes`` (also
    when the file grows while it is read)."""
    with open_regular(path, max_bytes) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnsafeFile(too_large(len(data), max_bytes))
    return data


def file_sha256(path):
    """The SHA-256 of the regular file at ``path``, as hex, read a block at a time."""
    with open_regular(path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()

"""What the importers and backups ask of the files they copy into media storage."""

import hashlib


def file_sha256(path):
    """The SHA-256 of the file at ``path``, as hex, read a block at a time."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()

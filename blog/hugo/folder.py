"""The site folder an import reads, and nothing outside it.

A Hugo site is untrusted input: it may hold symbolic links (to /etc/passwd, to
/proc/self/environ, to a folder elsewhere), FIFOs and devices, and its configuration
may name folders anywhere (``contentDir = "/abs/victim"``, a module mount or theme at
``../..``). The importer reads only what lies inside the site folder, reached without
passing through a link; anything else is skipped and reported, never read.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..files import UnsafeFile

LINK = "a symbolic link; links are never followed"
OUTSIDE = "outside the site folder; an import reads nothing there"


@dataclass(frozen=True)
class Skipped:
    """A path the import did not read, and why."""

    path: str
    reason: str


def inside(root, value):
    """The folder or file ``value`` (relative to ``root``, or absolute) names, if it
    lies inside ``root`` and no part of it below ``root`` is a link; else
    ``UnsafeFile``. A path that does not exist is fine: it holds nothing."""
    path = PurePath(str(value))
    if path.is_absolute():
        if not path.is_relative_to(root):
            raise UnsafeFile(OUTSIDE)
        path = path.relative_to(root)
    if ".." in path.parts:
        raise UnsafeFile(OUTSIDE)
    current = Path(root)
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            raise UnsafeFile(LINK)
    return current


def problem(path):
    """Why the entry at ``path`` will not be read (a link, a FIFO, a device…), or None
    for a regular file or a folder. The entry itself is looked at, never its target."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return error.strerror or str(error)
    if stat.S_ISLNK(mode):
        return LINK
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file"
    return None

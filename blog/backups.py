"""One-file backups: the database as Django fixtures plus every media file.

The archive is a gzipped tar holding ``database.json`` (``dumpdata`` across all
apps: foreign keys by natural key, primary keys kept, times to the microsecond),
``media/<name>`` for each file in the default storage, and ``manifest.json``
last: format version, when, the database vendor, rows per model and the sha256
of every other member.

Fixtures rather than ``pg_dump`` or SQLite's backup API: they load into either
database (a SQLite backup restores into PostgreSQL and back), need no client
binary matching the server's version, and ``loaddata`` resets PostgreSQL's
sequences. Content types and permissions are left out: ``migrate`` creates them,
and everything that points at them does so by natural key.

An archive to restore is untrusted input. It is read as a stream, within a byte
budget, and only the names a backup writes are taken (``database.json``,
``manifest.json``, ``media/<name>`` with no ``..``), only as regular files, each
once; the manifest must list exactly those files, with their checksums, and the
rows it counts must be the fixtures'. The database and the media storage are
touched only once all of that holds.
"""

import gzip
import hashlib
import io
import json
import tarfile
import tempfile
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from pagecache.generation import advance_generation
from pagecache.models import ContentGeneration

from . import exact_json
from .files import size_label
from .models import Post
from .search import index_post

FORMAT = "quire-backup"
VERSION = 1
DATABASE = "database.json"
MANIFEST = "manifest.json"
MEDIA = "media/"
LEFT_OUT = ["contenttypes", "auth.permission", "sessions"]
# An archive may expand to this many times its size, and to this much whatever its
# size: a real backup expands about 4 times (JSON and images), gzip at most about
# 1,000 times (a decompression bomb).
EXPANSION_RATIO = 100
MIN_EXTRACTION_BUDGET = 64 * 1024 * 1024

serializers.register_serializer(exact_json.FORMAT, "blog.exact_json")


class BackupError(Exception):
    """The archive is not a Quire backup this version can restore, or is damaged."""


def backed_up_models():
    left_out = set(LEFT_OUT)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in left_out and model._meta.label_lower not in left_out
    ]


def row_counts():
    return {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}


def media_names(storage, folder=""):
    """Every file in ``storage``, walked through the storage API (works for S3 too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder storage that was never written to
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from media_names(storage, f"{folder}{sub}/")


class _Hashing:
    """A reader that hashes the bytes read through it."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive, name, handle, size):
    """Add ``size`` bytes of ``handle`` as member ``name``; return their sha256."""
    reader = _Hashing(handle)
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, reader)
    return reader.digest.hexdigest()


@contextmanager
def snapshot():
    """One transaction that sees one state of the database throughout. SQLite's does;
    PostgreSQL's default isolation gives each query its own, unless asked."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_backup(path, storage=default_storage):
    """Write the database and the media to the archive at ``path``; return the manifest.

    The archive is written under a temporary name and renamed when complete, so a
    backup that fails or is killed never leaves a partial file at ``path``."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        manifest = _write_archive(partial, storage)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _write_archive(path, storage):
    checksums = {}
    with (
        tempfile.TemporaryDirectory() as folder,
        tarfile.open(path, "w:gz") as archive,
        snapshot(),
    ):
        dump = Path(folder) / DATABASE
        call_command(
            "dumpdata",
            format=exact_json.FORMAT,
            exclude=LEFT_OUT,
            natural_foreign=True,
            use_base_manager=True,
            output=str(dump),
            verbosity=0,
        )
        counts = row_counts()
        with dump.open("rb") as handle:
            checksums[DATABASE] = _add(archive, DATABASE, handle, dump.stat().st_size)
        for name in media_names(storage):
            with storage.open(name, "rb") as handle:
                checksums[MEDIA + name] = _add(archive, MEDIA + name, handle, storage.size(name))
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "counts": counts,
            "files": checksums,
        }
        data = json.dumps(manifest, indent=2, sort_keys=True).encode()
        _add(archive, MANIFEST, io.BytesIO(data), len(data))
    return manifest


@dataclass
class Backup:
    """A verified archive, unpacked into ``folder``."""

    folder: Path
    manifest: dict

    @property
    def media(self):
        return [name.removeprefix(MEDIA) for name in self.manifest["files"] if name != DATABASE]


def extraction_budget(archive_size):
    """How many bytes an archive of ``archive_size`` bytes may expand to."""
    return max(MIN_EXTRACTION_BUDGET, EXPANSION_RATIO * archive_size)


class _OverBudget(Exception):
    pass


class _Budgeted:
    """A stream that refuses to give more than ``budget`` bytes in all."""

    def __init__(self, stream, budget):
        self.stream = stream
        self.remaining = budget

    def read(self, size=-1):
        if size < 0 or size > self.remaining:
            size = self.remaining + 1
        data = self.stream.read(size)
        self.remaining -= len(data)
        if self.remaining < 0:
            raise _OverBudget
        return data


def read_backup(path, folder):
    """Unpack the archive at ``path`` into ``folder`` and check it whole: its names,
    its members, the manifest, every checksum and the rows the manifest counts; raise
    ``BackupError`` saying what is wrong."""
    path, folder = Path(path), Path(folder)
    budget = extraction_budget(path.stat().st_size)
    try:
        checksums = _unpack(path, folder, budget)
    except _OverBudget as error:
        raise BackupError(
            f"{path} expands to more than {EXPANSION_RATIO} times its size (past "
            f"{size_label(budget)}): refused, as a backup never does."
        ) from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from error
    manifest = _manifest(path, folder, checksums)
    _check_counts(folder / DATABASE, manifest["counts"])
    return Backup(folder, manifest)


def _unpack(path, folder, budget):
    """Stream the archive's members into ``folder``; return each one's sha256."""
    checksums = {}
    with (
        gzip.open(path, "rb") as stream,
        tarfile.open(fileobj=_Budgeted(stream, budget), mode="r|") as archive,
    ):
        for member in archive:
            _check_member(path, member, checksums)
            budget -= member.size
            if budget < 0:
                raise _OverBudget
            target = folder / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with archive.extractfile(member) as source, target.open("xb") as copy:
                while block := source.read(1 << 20):
                    digest.update(block)
                    copy.write(block)
            checksums[member.name] = digest.hexdigest()
    return checksums


def _check_member(path, member, seen):
    name = member.name
    media_name = name.removeprefix(MEDIA)
    if name not in (DATABASE, MANIFEST) and not (
        name.startswith(MEDIA)
        and "\0" not in media_name
        and all(part not in ("", ".", "..") for part in media_name.split("/"))
    ):
        raise BackupError(f"{path} is not a Quire backup: it holds {name!r}, a name none writes.")
    if not member.isreg():
        raise BackupError(f"{path} is damaged: {name} is not a regular file.")
    if name in seen:
        raise BackupError(f"{path} is damaged: it holds {name} twice.")


def _manifest(path, folder, checksums):
    """The manifest, once it lists exactly the archive's files with their checksums."""
    try:
        if MANIFEST not in checksums:
            raise ValueError(MANIFEST)
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files, counts = manifest["files"], manifest["counts"]
        if not (
            isinstance(files, dict)
            and isinstance(counts, dict)
            and all(isinstance(value, str) for value in files.values())
            and all(isinstance(value, int) for value in counts.values())
        ):
            raise ValueError(MANIFEST)
    except (OSError, ValueError, RecursionError, KeyError, TypeError) as error:
        raise BackupError(
            f"{path} has no readable {MANIFEST}: it is not a Quire backup."
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is not a Quire backup of format version {VERSION} "
            f"(it says {manifest.get('format')!r} version {manifest.get('version')!r})."
        )
    held = set(checksums) - {MANIFEST}
    if missing := sorted(set(files) - held):
        raise BackupError(
            f"{path} is damaged: the manifest lists {missing[0]!r}, which the archive "
            "does not hold."
        )
    if unlisted := sorted(held - set(files)):
        raise BackupError(
            f"{path} is damaged: it holds {unlisted[0]}, which the manifest does not list."
        )
    if DATABASE not in files:
        raise BackupError(f"{path} lists no {DATABASE}.")
    for name in sorted(files):
        if files[name] != checksums[name]:
            raise BackupError(f"{path} is damaged: {name} does not match its checksum.")
    return manifest


def _check_counts(database, counts):
    """The rows of each model in the fixtures, against the manifest's counts."""
    try:
        with database.open("rb") as handle:
            rows = json.load(handle)
        found = Counter(row["model"].lower() for row in rows)
    except (ValueError, RecursionError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"{DATABASE} cannot be loaded: it is not Django fixtures.") from error
    for label in sorted(set(found) | set(counts)):
        if found[label] != counts.get(label, 0):
            raise BackupError(
                f"{DATABASE} holds {found[label]} {label} rows; the manifest says "
                f"{counts.get(label, 0)}."
            )


def holds_content():
    """Whether the database has rows a restore would replace (the page cache's
    generation counter aside: serving any page creates it)."""
    return any(
        model._base_manager.exists()
        for model in backed_up_models()
        if model is not ContentGeneration
    )


def restore_backup(backup, *, replace=False, storage=default_storage):
    """Load a verified backup in one transaction; its media files are written last,
    inside it, so a file the storage refuses undoes the whole restore."""
    with transaction.atomic():
        if holds_content() and not replace:
            raise BackupError(
                "The database already holds content; restore with --force to replace it."
            )
        previous = (
            ContentGeneration.objects.filter(pk=1).values_list("number", flat=True).first() or 0
        )
        call_command("flush", interactive=False, verbosity=0)
        try:
            call_command("loaddata", str(backup.folder / DATABASE), verbosity=0)
        except (DeserializationError, DatabaseError) as error:
            raise BackupError(f"{DATABASE} cannot be loaded: {error}") from error
        counts = row_counts()
        if counts != backup.manifest["counts"]:
            raise BackupError("The restored rows do not match the manifest's counts.")
        for post_id in Post.objects.values_list("pk", flat=True):
            index_post(post_id)
        # Past the numbers cached pages were filed under, before and in the backup.
        ContentGeneration.objects.filter(pk=1).update(number=Greatest(F("number"), previous))
        advance_generation()
        for name in backup.media:
            if storage.exists(name):
                storage.delete(name)
            with (backup.folder / MEDIA / name).open("rb") as handle:
                stored = storage.save(name, File(handle))
            if stored != name:
                raise BackupError(f"The storage kept {name} as {stored}.")

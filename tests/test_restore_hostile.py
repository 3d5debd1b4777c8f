"""``restore`` treats a backup archive as untrusted input: every name is confined to the
archive, only regular files are taken, the archive may expand only so far, and every
check passes before the database or the media storage is touched."""

import gzip
import hashlib
import io
import json
import tarfile
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from blog.backups import BackupError, extraction_budget, read_backup
from blog.models import Post, PostFile

PASSWD = Path("/etc/passwd")
ZEROS = bytes(1 << 20)


@pytest.fixture
def backup(db, make_post, settings, tmp_path):
    """A real backup of one post and one uploaded file; then the post and the file
    change, so a restore that went ahead would show."""
    settings.MEDIA_ROOT = tmp_path / "media"
    make_post(title="As backed up")
    default_storage.save("uploads/figure.png", ContentFile(b"as backed up"))
    path = tmp_path / "site.tar.gz"
    call_command("backup", str(path), verbosity=0)
    Post.objects.update(title="Changed since")
    default_storage.delete("uploads/figure.png")
    default_storage.save("uploads/figure.png", ContentFile(b"changed since"))
    return path


def members(path):
    with tarfile.open(path) as archive:
        return {member.name: archive.extractfile(member).read() for member in archive}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pack(path, files, *, listed=None, unlisted=(), counts=None, raw=()):
    """An archive of ``raw`` members (TarInfo, bytes), then ``files`` (name → bytes)
    and a manifest with their true checksums, ``listed`` added and ``unlisted`` left
    out; ``counts`` replace the manifest's."""
    files = dict(files)
    manifest = json.loads(files.pop("manifest.json"))
    manifest["files"] = {name: sha256(data) for name, data in files.items() if name not in unlisted}
    manifest["files"].update(listed or {})
    manifest["counts"] = counts or manifest["counts"]
    files["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        for info, data in raw:
            archive.addfile(info, io.BytesIO(data) if data else None)
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def assert_nothing_changed():
    assert list(Post.objects.values_list("title", flat=True)) == ["Changed since"]
    with default_storage.open("uploads/figure.png") as handle:
        assert handle.read() == b"changed since"


def restore(path):
    call_command("restore", str(path), "--force", verbosity=0)


# Item 11: names are confined to the archive; nothing is written before every check


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "media/zzz/" + "../" * 30 + "etc/passwd", "media/../../x"]
)
def test_a_manifest_naming_a_file_outside_the_archive_is_refused(backup, tmp_path, name):
    tampered = pack(
        tmp_path / "t.tar.gz", members(backup), listed={name: sha256(PASSWD.read_bytes())}
    )
    with pytest.raises(
        CommandError, match=r"the manifest lists .*, which the archive does not hold"
    ):
        restore(tampered)
    assert_nothing_changed()


@pytest.mark.parametrize(
    "name", ["/tmp/quire-escape", "../quire-escape", "media/../../x", "media/", "notes.txt"]
)
def test_a_member_whose_name_leaves_the_archive_is_refused(backup, tmp_path, name):
    files = {**members(backup), name: b"x"}
    with pytest.raises(
        CommandError, match=r"is not a Quire backup: it holds .*, a name none writes"
    ):
        restore(pack(tmp_path / "t.tar.gz", files))
    assert_nothing_changed()


def special(name, kind, linkname=""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, linkname
    return info, b""


@pytest.mark.parametrize(
    "member",
    [
        special("media/passwd.txt", tarfile.SYMTYPE, "/etc/passwd"),
        special("media/db.txt", tarfile.SYMTYPE, "../database.json"),
        special("media/passwd.txt", tarfile.LNKTYPE, "/etc/passwd"),
        special("media/tty", tarfile.CHRTYPE),
        special("media/pipe", tarfile.FIFOTYPE),
        special("media/folder", tarfile.DIRTYPE),
    ],
    ids=["symlink-out", "symlink-in", "hardlink", "device", "fifo", "folder"],
)
def test_links_devices_and_folders_in_the_archive_are_refused(backup, tmp_path, member):
    tampered = pack(tmp_path / "t.tar.gz", members(backup), raw=[member])
    with pytest.raises(CommandError, match=rf"{member[0].name} is not a regular file"):
        restore(tampered)
    assert_nothing_changed()


def test_a_member_stored_twice_is_refused(backup, tmp_path):
    files = members(backup)
    twice = tarfile.TarInfo("media/uploads/figure.png")
    twice.size = 5
    tampered = pack(tmp_path / "t.tar.gz", files, raw=[(twice, b"other")])
    with pytest.raises(CommandError, match=r"holds media/uploads/figure\.png twice"):
        restore(tampered)
    assert_nothing_changed()


def test_a_member_the_manifest_does_not_list_is_refused(backup, tmp_path):
    files = {**members(backup), "media/uploads/extra.png": b"extra"}
    tampered = pack(tmp_path / "t.tar.gz", files, unlisted={"media/uploads/extra.png"})
    with pytest.raises(CommandError, match=r"holds media/uploads/extra\.png, which the manifest"):
        restore(tampered)
    assert_nothing_changed()


def test_counts_that_disagree_with_the_fixtures_are_refused_before_loading(backup, tmp_path):
    counts = json.loads(members(backup)["manifest.json"])["counts"] | {"blog.post": 7}
    tampered = pack(tmp_path / "t.tar.gz", members(backup), counts=counts)
    with pytest.raises(CommandError, match=r"database\.json holds 1 blog\.post rows; the manifest"):
        restore(tampered)
    assert_nothing_changed()


@pytest.mark.parametrize(
    ("fixture", "rows"),
    [
        (b'[{"model": "blog.nosuchmodel", "pk": 1, "fields": {}}]', {"blog.nosuchmodel": 1}),
        (b'[{"model": "blog.post", "pk": 1, "fields": {"published_at": "x"}}]', {"blog.post": 1}),
        (b'[{"model": "blog.post", "pk": 1, "fields": {}}]', {"blog.post": 1}),
        (b"[" * 100_000 + b"]" * 100_000, {}),
        (b"not json", {}),
    ],
    ids=["unknown-model", "bad-field", "missing-fields", "deep", "not-json"],
)
def test_fixtures_that_cannot_load_are_a_clear_error(
    transactional_db, backup, tmp_path, fixture, rows
):
    """(Committed rows: PostgreSQL truncates no table with checks still pending.)"""
    files = {**members(backup), "database.json": fixture}
    counts = dict.fromkeys(json.loads(files["manifest.json"])["counts"], 0) | rows
    with pytest.raises(CommandError, match=r"database\.json cannot be loaded"):
        restore(pack(tmp_path / "t.tar.gz", files, counts=counts))
    assert_nothing_changed()


def test_names_from_a_restored_backup_never_make_an_export_write_outside_it(backup, tmp_path):
    """A backup's rows are loaded as they are, unvalidated: a bundle file named with
    ``..`` must not become a path out of export_hugo's folder."""
    escape = "../" * 6 + "escaped.txt"
    PostFile.objects.create(post=Post.objects.get(), name=escape, file="uploads/figure.png")
    with pytest.raises(CommandError, match=r"escaped\.txt would be written outside"):
        call_command("export_hugo", str(tmp_path / "export" / "site"))
    assert not list(tmp_path.rglob("escaped.txt"))


# Item 12: the archive is read as a stream, with a size budget


def gzip_members(*parts):
    """A gzip file of several members (as ``cat a.gz b.gz`` makes): cheap to build
    however much it expands to."""
    return b"".join(gzip.compress(part, compresslevel=9) for part in parts)


def bomb(path, sizes):
    """A 1 MB-ish archive of members of ``sizes`` MiB of zeros."""
    chunk = gzip.compress(ZEROS, compresslevel=9)
    parts = []
    for number, size in enumerate(sizes):
        info = tarfile.TarInfo(f"media/zeros-{number}.bin")
        info.size = size << 20
        parts.append(gzip_members(info.tobuf(format=tarfile.PAX_FORMAT)) + chunk * size)
    path.write_bytes(b"".join(parts) + gzip_members(bytes(1024)))
    return path


def folder_bytes(folder):
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file())


def test_an_archive_that_expands_a_thousandfold_is_refused_before_it_is_written(tmp_path):
    archive = bomb(tmp_path / "bomb.tar.gz", [1024])
    assert archive.stat().st_size < 1_100_000
    started = time.process_time()
    with pytest.raises(BackupError, match=r"expands to more than 100 times its size"):
        read_backup(archive, tmp_path / "unpacked")
    assert time.process_time() - started < 2  # CPU seconds: a GiB was not inflated
    assert folder_bytes(tmp_path / "unpacked") == 0


def test_many_small_members_stop_at_the_budget(tmp_path):
    archive = bomb(tmp_path / "bomb.tar.gz", [1] * 96)
    budget = extraction_budget(archive.stat().st_size)
    with pytest.raises(BackupError, match=r"expands to more than 100 times its size"):
        read_backup(archive, tmp_path / "unpacked")
    assert folder_bytes(tmp_path / "unpacked") <= budget


def test_a_header_that_claims_a_gigabyte_is_refused_within_the_budget(tmp_path):
    header = tarfile.TarInfo("././@PaxHeader")
    header.type, header.size = tarfile.XHDTYPE, 1 << 30
    chunk = gzip.compress(ZEROS, compresslevel=9)
    archive = tmp_path / "pax.tar.gz"
    archive.write_bytes(gzip_members(header.tobuf(format=tarfile.USTAR_FORMAT)) + chunk * 1024)
    with pytest.raises(BackupError, match=r"expands to more than 100 times its size"):
        read_backup(archive, tmp_path / "unpacked")


def test_the_budget_leaves_room_for_a_real_backup(tmp_path):
    assert extraction_budget(1_000) == 64 << 20
    assert extraction_budget(10 << 20) == 1000 << 20

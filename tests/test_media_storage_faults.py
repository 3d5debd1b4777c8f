"""Media storage that is full or read-only: the author is told so in plain words, and
the text is kept — in the editor and in ``import_hugo``."""

import errno
import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

from blog.hugo.importer import HugoImporter
from blog.models import Post, PostFile

from .test_authoring import form_data

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"
UPLOAD = "/admin/blog/post/upload-image/"


class FullStorage(FileSystemStorage):
    """A disk with no space left: reads work, every write fails."""

    def _save(self, name, content):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class ReadOnlyStorage(FileSystemStorage):
    """A read-only file system, as root sees one: permissions do not stop root."""

    def _save(self, name, content):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))


def use_storage(settings, backend):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.{backend.__name__}"},
    }


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    use_storage(settings, FullStorage)


@pytest.fixture
def read_only_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    use_storage(settings, ReadOnlyStorage)


@pytest.fixture
def read_only_media(settings, tmp_path):
    """A real MEDIA_ROOT the process may not write to (mode 0500)."""
    media = tmp_path / "media"
    media.mkdir(mode=0o500)
    settings.MEDIA_ROOT = media
    yield media
    media.chmod(0o700)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (12, 7), "navy").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "Diagram.png"
    return buffer


def test_a_full_disk_answers_507_saying_the_storage_is_full(admin_client, full_disk):
    response = admin_client.post(UPLOAD, {"image": png()})
    assert response.status_code == 507
    assert response.json()["error"].startswith("The media storage is full (No space left")
    assert "Your text is safe" in response.json()["error"]


def test_a_read_only_storage_answers_503_saying_it_cannot_be_written(
    admin_client, read_only_storage
):
    response = admin_client.post(UPLOAD, {"image": png()})
    assert response.status_code == 503
    assert response.json()["error"].startswith("The media storage cannot be written")
    assert "Your text is safe" in response.json()["error"]


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root, whom file permissions do not stop; "
    "test_a_read_only_storage_answers_503… covers it with a storage raising EROFS",
)
def test_a_read_only_media_folder_answers_503(admin_client, read_only_media):
    response = admin_client.post(UPLOAD, {"image": png()})
    assert response.status_code == 503
    assert "Permission denied" in response.json()["error"]
    assert list(read_only_media.iterdir()) == []


def test_a_post_saves_while_the_media_storage_is_full(admin_client, make_post, full_disk):
    post = make_post(slug="kept", body="Old text.", author=None)
    response = admin_client.post(
        f"/admin/blog/post/{post.pk}/change/", form_data(post, body="New text, kept.")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "New text, kept."


@pytest.fixture
def site(tmp_path, settings):
    settings.SITE_URL = "https://example.org"
    settings.TIME_ZONE = "Asia/Shanghai"
    copy = tmp_path / "site"
    shutil.copytree(TEST_SITE, copy)
    return copy


def test_an_import_reports_each_bundle_file_the_storage_refuses(db, site, full_disk):
    report = HugoImporter(site).run()
    reasons = dict(report.failed)
    figure = str(site / "content/en/notes/bundle-post/diagram.png")
    assert reasons[figure] == "not stored: No space left on device"
    assert len(reasons) == 2  # the two bundles' figures


def test_an_import_keeps_the_text_of_posts_whose_files_were_refused(db, site, full_disk):
    report = HugoImporter(site).run()
    assert report.created == Post.objects.count() == 11
    assert "A page bundle" in Post.objects.get(title="A Bundle With a Figure").body
    assert not PostFile.objects.exists()


def test_the_next_import_stores_the_files_the_storage_refused(db, site, full_disk, settings):
    HugoImporter(site).run()
    use_storage(settings, FileSystemStorage)
    report = HugoImporter(site).run()
    assert report.failed == []
    for record in PostFile.objects.all():
        assert (Path(settings.MEDIA_ROOT) / record.file.name).is_file()

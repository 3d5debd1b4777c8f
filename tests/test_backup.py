"""``backup`` and ``restore``: the real site, an uploaded image, revisions and feed
subscribers go into one archive and come back identical; damaged archives and
databases with content are refused."""

import gzip
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from blog.backups import backed_up_models, media_names
from blog.hugo.importer import HugoImporter
from blog.models import Post
from pagecache.models import ContentGeneration

from .test_authoring import form_data

TEST_SITE = Path(__file__).resolve().parent / "hugo_site"
FEED = "/en/tags/machine-learning/index.xml"
FEEDLY = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 7 subscribers; like FeedFetcher-Google)"


def database():
    """Every row of every backed-up model, foreign keys by natural key (content types
    get new ids when recreated), the page cache's generation counter aside."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backed_up_models()
        if model is not ContentGeneration
    }


def media():
    files = {}
    for name in media_names(default_storage):
        with default_storage.open(name) as handle:
            files[name] = handle.read()
    return files


def public_pages(client):
    paths = ["/en/", "/zh/", "/en/index.xml", FEED, "/en/tags/", "/en/series/", "/sitemap.xml"]
    paths += [post.get_absolute_url() for post in Post.objects.published()]
    return {path: client.get(path).content for path in paths}


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "teal").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "Figure.png"
    return buffer


def wipe():
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(default_storage.location)


@pytest.fixture
def site_content(transactional_db, hugo_site, settings, tmp_path, admin_client, client):
    """Committed for real, as a restore is its own transaction: the real site and the
    test site imported; an image uploaded and used in an admin edit that also moves
    the post (a revision with its author, an alias); a feed reader's subscriber count."""
    settings.MEDIA_ROOT = tmp_path / "media"
    assert HugoImporter(hugo_site).run().failed == []
    assert HugoImporter(TEST_SITE).run().failed == []  # page bundles: PostFile rows
    url = admin_client.post("/admin/blog/post/upload-image/", {"image": png()}).json()["url"]
    post = Post.objects.published().filter(series__isnull=False).first()
    body = f"{post.body}\n\n![A figure]({url})\n"
    moved = form_data(post, body=body, slug=f"{post.slug}-moved")
    response = admin_client.post(f"/admin/blog/post/{post.pk}/change/", moved)
    assert response.status_code == 302
    client.get(FEED, HTTP_USER_AGENT=FEEDLY)
    return tmp_path / "site.tar.gz"


@pytest.fixture
def round_trip(site_content, client):
    before = {"database": database(), "media": media(), "pages": public_pages(client)}
    call_command("backup", str(site_content), verbosity=0)
    wipe()
    call_command("restore", str(site_content), verbosity=0)
    after = {"database": database(), "media": media(), "pages": public_pages(client)}
    return before, after


def test_the_site_content_covers_what_a_backup_must_keep(site_content):
    rows = database()
    for label in [
        "blog.post",
        "blog.alias",
        "blog.postfile",
        "series.series",
        "reversion.version",
        "reversion.revision",
        "feeds.readercount",
        "auth.user",
    ]:
        assert rows[label], label
    assert Post.objects.exclude(translation_key="").exists()
    assert any(name.startswith("uploads/") for name in media())


def test_every_row_comes_back_field_by_field(round_trip):
    before, after = round_trip
    assert after["database"] == before["database"]


def test_every_media_file_comes_back_byte_for_byte(round_trip):
    before, after = round_trip
    assert after["media"] == before["media"]


def test_every_public_page_reads_the_same_after_a_restore(round_trip):
    before, after = round_trip
    assert after["pages"] == before["pages"]


def test_search_finds_restored_posts_by_a_word_of_their_body(round_trip, client):
    post = Post.objects.published().filter(language="en", series__isnull=False).first()
    word = max((w for w in post.body_text.split() if w.isalpha() and w.isascii()), key=len)
    page = client.get("/en/search/", {"q": word}).content.decode()
    assert f'href="{post.get_absolute_url()}"' in page


def test_new_rows_after_a_restore_get_fresh_ids(round_trip, make_post):
    highest = Post.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert make_post(slug="after-the-restore").pk > highest


def test_the_manifest_names_format_vendor_counts_and_checksums(site_content):
    call_command("backup", str(site_content), verbosity=0)
    with tarfile.open(site_content) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        names = set(archive.getnames())
    assert (manifest["format"], manifest["version"]) == ("quire-backup", 1)
    assert manifest["database_vendor"] in ("sqlite", "postgresql")
    assert manifest["counts"]["blog.post"] == Post.objects.count()
    assert names == set(manifest["files"]) | {"manifest.json"}
    assert all(len(digest) == 64 for digest in manifest["files"].values())


def test_a_database_with_content_is_not_replaced_without_force(site_content):
    call_command("backup", str(site_content), verbosity=0)
    Post.objects.update(title="Changed after the backup")
    with pytest.raises(CommandError, match="already holds content; restore with --force"):
        call_command("restore", str(site_content), verbosity=0)
    assert set(Post.objects.values_list("title", flat=True)) == {"Changed after the backup"}


def test_force_replaces_the_content_with_the_backups(site_content):
    call_command("backup", str(site_content), verbosity=0)
    titles = set(Post.objects.values_list("title", flat=True))
    Post.objects.update(title="Changed after the backup")
    call_command("restore", str(site_content), "--force", verbosity=0)
    assert set(Post.objects.values_list("title", flat=True)) == titles


def test_a_truncated_archive_is_refused_and_the_database_left_alone(site_content):
    call_command("backup", str(site_content), verbosity=0)
    data = site_content.read_bytes()
    site_content.write_bytes(data[: len(data) // 2])
    before = database()
    shutil.rmtree(default_storage.location)
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(site_content), "--force", verbosity=0)
    assert database() == before
    assert media() == {}


def test_a_member_that_does_not_match_its_checksum_is_refused(site_content, tmp_path):
    call_command("backup", str(site_content), verbosity=0)
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(site_content) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/uploads/"):
                data = data[:-1] + b"\0"
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match=r"damaged: media/uploads/.* does not match"):
        call_command("restore", str(tampered), "--force", verbosity=0)


def test_an_archive_that_is_not_a_quire_backup_is_refused(db, tmp_path):
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        archive.add(__file__, arcname="notes.py")
    with pytest.raises(CommandError, match=r"is not a Quire backup"):
        call_command("restore", str(other), verbosity=0)


def test_a_file_that_is_not_an_archive_is_refused(db, tmp_path):
    other = tmp_path / "notes.tar.gz"
    other.write_bytes(gzip.compress(b"plain text"))
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(other), verbosity=0)


def test_a_backup_that_fails_leaves_no_archive_behind(site_content, monkeypatch):
    def unreadable(name, mode="rb"):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(default_storage, "open", unreadable)
    with pytest.raises(CommandError, match="Input/output error"):
        call_command("backup", str(site_content), verbosity=0)
    assert list(site_content.parent.glob("*site.tar.gz*")) == []

"""Authoring in the admin: preview, states, share links, revisions, locking, redirects,
images, roles and validation — driven through Django's test client."""

import datetime as dt
import html
import io
import re

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core import signing
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from blog.models import Alias, Post
from blog.sharing import share_url
from series.models import Series

ADD = "/admin/blog/post/add/"


def change_url(post):
    return f"/admin/blog/post/{post.pk}/change/"


def form_data(post=None, **changes):
    """What the change form posts back for ``post`` (or a new post), with ``changes``."""
    data = {
        "title": "A post",
        "body": "Some $x_1$ text.",
        "tags": "",
        "categories": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "2026-01-01",
        "updated_at_1": "09:00:00",
        "language": "en",
        "section": "standalone",
        "slug": "a-post",
        "series": "",
        "series_order": "",
        "summary": "",
        "description": "",
        "translation_key": "",
        "path": "",
        "embargoed_until_0": "",
        "embargoed_until_1": "",
        "expires_at_0": "",
        "expires_at_1": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "version": "",
    }
    if post is not None:
        local = timezone.localtime
        data.update(
            title=post.title,
            body=post.body,
            status=post.status,
            language=post.language,
            section=post.section,
            slug=post.slug,
            tags=", ".join(tag.name for tag in post.tags.all()),
            version=post.saved_at.isoformat(),
            updated_at_0=f"{local(post.updated_at):%Y-%m-%d}",
            updated_at_1=f"{local(post.updated_at):%H:%M:%S}",
            author=post.author_id or "",
        )
        if post.published_at:
            data.update(
                published_at_0=f"{local(post.published_at):%Y-%m-%d}",
                published_at_1=f"{local(post.published_at):%H:%M:%S}",
            )
        aliases = list(post.aliases.all())
        data["aliases-TOTAL_FORMS"] = data["aliases-INITIAL_FORMS"] = str(len(aliases))
        for index, alias in enumerate(aliases):
            data[f"aliases-{index}-id"] = alias.pk
            data[f"aliases-{index}-post"] = post.pk
            data[f"aliases-{index}-path"] = alias.path
    data.update(changes)
    return data


def errors_of(response):
    """The page's text, as a reader sees it."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return " ".join(text.split())


@pytest.fixture
def roles(db):
    call_command("create_roles", verbosity=0)


def user_in(role, name):
    user = User.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def author(roles, client):
    user = user_in("Author", "ann")
    client.force_login(user)
    return user


@pytest.fixture
def editor_client(roles, client):
    client.force_login(user_in("Editor", "ed"))
    return client


# Live preview


def test_the_preview_renders_with_the_public_pipeline(admin_client):
    response = admin_client.post("/admin/blog/post/preview/", {"body": "## Hi\n\n$a_1 * b$"})
    html = response.json()["html"]
    assert '<span class="math-inline"><span class="katex">' in html
    assert '<annotation encoding="application/x-tex">a_1 * b</annotation>' in html
    assert 'id="hi"' in html


def test_the_preview_brings_the_stylesheet_of_its_math(admin_client):
    response = admin_client.post("/admin/blog/post/preview/", {"body": "$\\sqrt{x}$"})
    html = response.json()["html"]
    sheet = re.match(r'<link rel="stylesheet" href="(/math/\d+\.css)">', html)
    rules = admin_client.get(sheet[1]).content.decode()
    assert all(f".{name}{{" in rules for name in re.findall(r"\bk-[\w-]+", html))


def test_the_preview_is_for_staff_only(client, db):
    response = client.post("/admin/blog/post/preview/", {"body": "x"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_preview_frame_may_be_framed_by_the_admin_only(admin_client):
    response = admin_client.get("/admin/blog/post/preview-frame/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    page = response.content.decode()
    assert "katex.min.css" in page
    assert "katex.min.js" not in page  # the server typesets the preview's math


# States and schedules


def test_the_list_shows_draft_scheduled_and_published(admin_client, make_post, tomorrow):
    make_post(title="Out", slug="out")
    make_post(title="Later", slug="later", published_at=tomorrow)
    make_post(title="Wip", slug="wip", status=Post.Status.DRAFT)
    content = errors_of(admin_client.get("/admin/blog/post/"))
    assert "✓ Published" in content
    assert "⏲ Scheduled for" in content
    assert "✎ Draft" in content


def test_publish_now_publishes_a_draft_at_once(admin_client, make_post, client):
    draft = make_post(slug="draft", status=Post.Status.DRAFT, published_at=None)
    admin_client.post(
        "/admin/blog/post/", {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Post.Status.PUBLISHED
    assert client.get("/en/standalone/draft/").status_code == 200


def test_unpublish_takes_a_post_down(admin_client, make_post, client):
    post = make_post(slug="up")
    admin_client.post("/admin/blog/post/", {"action": "unpublish", "_selected_action": [post.pk]})
    assert client.get("/en/standalone/up/").status_code == 404


def test_a_scheduled_post_changes_the_feed_build_date_and_etag_at_its_time(
    client, make_post, tomorrow, monkeypatch
):
    make_post(slug="now", tags=["T"])
    make_post(slug="later", tags=["T"], published_at=tomorrow, title="Later")
    before = client.get("/en/tags/t/index.xml")
    monkeypatch.setattr(timezone, "now", lambda: tomorrow + dt.timedelta(seconds=1))
    after = client.get("/en/tags/t/index.xml")
    assert after["ETag"] != before["ETag"]
    build_date = re.search(rb"<lastBuildDate>(.*?)</lastBuildDate>", after.content)[1]
    assert build_date.decode() == tomorrow.astimezone(dt.UTC).strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )


# Share links


def test_a_share_link_opens_a_draft_without_a_login(client, make_post):
    draft = make_post(slug="d", title="Secret plans", status=Post.Status.DRAFT)
    response = client.get(share_url(draft).removeprefix("https://www.chenk.top"))
    assert response.status_code == 200
    assert "Secret plans" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_revoked_share_link_stops_working(client, admin_client, make_post):
    draft = make_post(slug="d", status=Post.Status.DRAFT)
    link = share_url(draft).removeprefix("https://www.chenk.top")
    admin_client.post(
        "/admin/blog/post/", {"action": "revoke_share_links", "_selected_action": [draft.pk]}
    )
    assert client.get(link).status_code == 404


def test_an_expired_share_link_stops_working(client, make_post, settings, monkeypatch):
    draft = make_post(slug="d", status=Post.Status.DRAFT)
    link = share_url(draft).removeprefix("https://www.chenk.top")
    later = dt.datetime.now().timestamp() + settings.SHARE_LINK_MAX_AGE + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert client.get(link).status_code == 404


def test_a_tampered_share_link_opens_nothing(client, make_post):
    draft = make_post(slug="d", status=Post.Status.DRAFT)
    link = share_url(draft).removeprefix("https://www.chenk.top")
    assert client.get(link[:-3] + "abc/").status_code == 404


def test_a_share_link_of_a_published_post_leads_to_its_page(client, make_post):
    post = make_post(slug="live")
    response = client.get(share_url(post).removeprefix("https://www.chenk.top"))
    assert response["Location"] == "/en/standalone/live/"


def test_the_share_box_reads_no_post_but_its_own(make_post, django_assert_num_queries):
    """Whether a post is public is asked of the database for that post alone: the whole
    public queryset, bodies and all, is hundreds of megabytes on a large blog."""
    post = make_post(slug="live")
    for _ in range(3):
        make_post()
    post_admin = admin.site.get_model_admin(Post)
    with django_assert_num_queries(1) as captured:
        assert post_admin.share_link(post) == "Published: share its address."
    [query] = captured.captured_queries
    assert "LIMIT 1" in query["sql"]
    assert f'"blog_post"."id" = {post.pk}' in query["sql"]


# Revisions


def test_every_admin_save_keeps_a_revision_with_who_and_what(admin_client, admin_user):
    admin_client.post(ADD, form_data(body="First words."))
    post = Post.objects.get()
    admin_client.post(change_url(post), form_data(post, body="Second words."))
    versions = Version.objects.get_for_object(post)
    assert versions.count() == 2
    assert versions.first().revision.user == admin_user
    assert "Body" in versions.first().revision.get_comment()


def test_the_history_lists_every_version_with_compare_and_restore(admin_client):
    admin_client.post(ADD, form_data(body="alpha line"))
    post = Post.objects.get()
    admin_client.post(change_url(post), form_data(post, body="beta line"))
    newer, older = Version.objects.get_for_object(post)
    page = admin_client.get(f"/admin/blog/post/{post.pk}/history/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="/admin/blog/post/{post.pk}/history/compare/"' in html
    assert f'href="/admin/blog/post/{post.pk}/history/{older.pk}/restore/"' in html
    assert f"/history/{newer.pk}/restore/" not in html  # the newest is what is there now


def test_the_history_compares_two_versions(admin_client, make_series):
    make_series(slug="gd", title="GD")
    admin_client.post(ADD, form_data(body="alpha line", tags="One"))
    post = Post.objects.get()
    changed = form_data(post, body="beta line", tags="Two", series=Series.objects.get().pk)
    admin_client.post(change_url(post), changed)
    newer, older = Version.objects.get_for_object(post)
    page = admin_client.get(
        f"/admin/blog/post/{post.pk}/history/compare/", {"a": older.pk, "b": newer.pk}
    )
    text = errors_of(page)
    assert "alpha line" in text
    assert "beta line" in text
    assert "tags One Two" in text
    assert "series — GD" in text


# Restore


def restore_url(post, version):
    return f"/admin/blog/post/{post.pk}/history/{version.pk}/restore/"


def restore(client, post, version, **choices):
    """Open the restore confirmation, then confirm it (as its form does)."""
    page = client.get(restore_url(post, version))
    token = re.search(r'name="version" value="([^"]+)"', page.content.decode())[1]
    return client.post(restore_url(post, version), {"version": html.unescape(token), **choices})


def published_form(**changes):
    return form_data(status="published", published_at_0="2026-01-01", published_at_1="08:00:00",
                     **changes)  # fmt: skip


def test_restore_asks_first_and_lists_what_comes_back(admin_client):
    admin_client.post(ADD, published_form(title="First title", body="First body."))
    post = Post.objects.get()
    admin_client.post(change_url(post), form_data(post, title="Second title", body="Second."))
    older = Version.objects.get_for_object(post).last()
    page = admin_client.get(restore_url(post, older))
    restored = errors_of(page).split("What comes back")[1].split("Publication")[0]
    assert "title Second title First title" in restored
    assert "body changes, as below" in restored
    assert "<ins>First body</ins>." in page.content.decode()  # the words that come back
    assert "status" not in restored
    post.refresh_from_db()
    assert post.title == "Second title"  # opening the confirmation changes nothing


def test_restore_brings_back_the_exact_old_body_once_confirmed(admin_client, client):
    admin_client.post(ADD, published_form(body="The *original* body, $x^2$."))
    post = Post.objects.get()
    admin_client.post(change_url(post), form_data(post, body="A worse body."))
    older = Version.objects.get_for_object(post).last()
    response = restore(admin_client, post, older)
    assert response["Location"] == change_url(post)
    post.refresh_from_db()
    assert post.body == "The *original* body, $x^2$."
    assert "<em>original</em>" in client.get("/en/standalone/a-post/").content.decode()
    assert Version.objects.get_for_object(post).count() == 3


def test_restoring_the_added_version_of_a_live_post_keeps_it_published(editor_client, client):
    editor_client.post(ADD, form_data(body="Draft words."))
    post = Post.objects.get()
    editor_client.post(
        "/admin/blog/post/", {"action": "publish_now", "_selected_action": [post.pk]}
    )
    post.refresh_from_db()
    editor_client.post(change_url(post), form_data(post, body="Live words."))
    post.refresh_from_db()
    added = Version.objects.get_for_object(post).last()
    restore(editor_client, post, added)
    restored = Post.objects.get()
    assert restored.body == "Draft words."
    assert (restored.status, restored.published_at) == (post.status, post.published_at)
    assert "Draft words." in client.get("/en/standalone/a-post/").content.decode()


def test_an_editor_may_bring_back_the_status_and_dates_too(editor_client, client):
    editor_client.post(ADD, form_data(body="Draft words."))
    post = Post.objects.get()
    editor_client.post(
        "/admin/blog/post/", {"action": "publish_now", "_selected_action": [post.pk]}
    )
    added = Version.objects.get_for_object(post).last()
    page = errors_of(editor_client.get(restore_url(post, added)))
    assert "status Published Draft" in page
    assert "Also bring back this version's status and dates" in page
    restore(editor_client, post, added, publication="on")
    post.refresh_from_db()
    assert (post.status, post.published_at) == (Post.Status.DRAFT, None)
    assert client.get("/en/standalone/a-post/").status_code == 404


def test_an_author_restores_their_draft_and_it_stays_a_draft(author, client, make_post, now):
    with reversion.create_revision():
        post = make_post(slug="mine", body="Once published.", author=author, published_at=now)
    with reversion.create_revision():
        post.status, post.body = Post.Status.DRAFT, "Taken down."
        post.save()
    published = Version.objects.get_for_object(post).last()
    assert "only an Editor can bring" in errors_of(client.get(restore_url(post, published)))
    restore(client, post, published, publication="on")
    post.refresh_from_db()
    assert (post.body, post.status) == ("Once published.", Post.Status.DRAFT)


def test_an_author_cannot_restore_their_published_post(author, client, make_post):
    with reversion.create_revision():
        post = make_post(slug="live", body="First.", author=author)
    with reversion.create_revision():
        post.body = "Second."
        post.save()
    first = Version.objects.get_for_object(post).last()
    assert client.get(restore_url(post, first)).status_code == 403
    assert (
        client.post(restore_url(post, first), {"version": post.saved_at.isoformat()}).status_code
        == 403
    )
    post.refresh_from_db()
    assert post.body == "Second."


def test_a_restore_changes_no_other_post_of_its_revision(admin_client, make_post):
    with reversion.create_revision():  # as a list action over two posts once saved them
        mine, other = make_post(slug="mine", body="Old mine."), make_post(slug="o", body="Old.")
    for post in (mine, other):
        post.body = "New."
        post.save()
    restore(admin_client, mine, Version.objects.get_for_object(mine).get())
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.body, other.body) == ("Old mine.", "New.")


def test_a_restore_does_not_reopen_revoked_share_links(admin_client, client, make_post):
    with reversion.create_revision():
        draft = make_post(slug="d", body="First.", status=Post.Status.DRAFT)
    link = share_url(draft).removeprefix("https://www.chenk.top")
    admin_client.post(
        "/admin/blog/post/", {"action": "revoke_share_links", "_selected_action": [draft.pk]}
    )
    restore(admin_client, draft, Version.objects.get_for_object(draft).get())
    assert client.get(link).status_code == 404


def test_a_restore_confirmed_after_a_newer_save_is_shown_again(admin_client, make_post):
    with reversion.create_revision():
        post = make_post(slug="p", body="First.")
    opened = post.saved_at.isoformat()
    post.body = "Saved meanwhile."
    post.save()
    version = Version.objects.get_for_object(post).get()
    response = admin_client.post(restore_url(post, version), {"version": opened})
    assert "saved after this page was opened" in errors_of(response)
    post.refresh_from_db()
    assert post.body == "Saved meanwhile."


def test_a_restore_to_an_address_another_post_took_is_refused(admin_client, make_post):
    with reversion.create_revision():
        post = make_post(slug="first-name")
    post.slug = "second-name"
    post.save()
    make_post(slug="first-name", title="Newcomer")
    first = Version.objects.get_for_object(post).get()
    page = errors_of(admin_client.get(restore_url(post, first)))
    assert "A post already exists at this language, section and slug" in page
    assert "Restore this version" not in page
    admin_client.post(restore_url(post, first), {"version": post.saved_at.isoformat()})
    post.refresh_from_db()
    assert post.slug == "second-name"


def test_restoring_an_old_address_moves_the_post_back_and_keeps_the_new_one(
    admin_client, make_post, client
):
    with reversion.create_revision():
        post = make_post(slug="first-name")
    with reversion.create_revision():
        post.slug = "second-name"
        post.save()
    restore(admin_client, post, Version.objects.get_for_object(post).last())
    assert client.get("/en/standalone/first-name/").status_code == 200
    assert client.get("/en/standalone/second-name/")["Location"] == "/en/standalone/first-name/"


def test_restore_brings_back_tags_and_lost_old_addresses(admin_client, make_post, client):
    with reversion.create_revision():
        post = make_post(slug="p", tags=["Kept"])
        Alias.objects.create(post=post, path="/legacy/p.html")
    with reversion.create_revision():
        post.tags.set(["Other"])
        post.aliases.all().delete()
        post.save()
    restore(admin_client, post, Version.objects.get_for_object(post).last())
    assert [tag.name for tag in post.tags.all()] == ["Kept"]
    assert client.get("/legacy/p.html")["Location"] == "/en/standalone/p/"


# No lost work


def test_saving_over_a_newer_version_is_refused_with_a_diff(admin_client, make_post):
    post = make_post(slug="shared", body="Original text.", author=None)
    stale = form_data(post, body="My edit.")
    post.body = "Their newer edit."
    post.save()
    response = admin_client.post(change_url(post), stale)
    assert response.status_code == 200
    text = errors_of(response)
    assert "after you opened it" in text
    assert "Their newer edit." in text
    post.refresh_from_db()
    assert post.body == "Their newer edit."


def test_saving_the_latest_version_goes_through(admin_client, make_post):
    post = make_post(slug="fresh", body="Original.", author=None)
    response = admin_client.post(change_url(post), form_data(post, body="Edited."))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "Edited."


# Redirects by themselves


def test_a_slug_change_leaves_a_working_301(admin_client, make_post, client):
    post = make_post(slug="old-name", author=None)
    admin_client.post(change_url(post), form_data(post, slug="new-name", status="published"))
    response = client.get("/en/standalone/old-name/")
    assert response.status_code == 301
    assert response["Location"] == "/en/standalone/new-name/"


def test_moving_twice_still_takes_one_hop(make_post, client):
    post = make_post(slug="one")
    post.slug = "two"
    post.save()
    post.slug = "three"
    post.save()
    assert client.get("/en/standalone/one/")["Location"] == "/en/standalone/three/"
    assert client.get("/en/standalone/two/")["Location"] == "/en/standalone/three/"


def test_moving_back_to_an_old_address_drops_its_alias(make_post, client):
    post = make_post(slug="first")
    post.slug = "second"
    post.save()
    post.slug = "first"
    post.save()
    assert not Alias.objects.filter(path="/en/standalone/first/").exists()
    assert client.get("/en/standalone/first/").status_code == 200


def test_a_draft_cannot_take_another_posts_old_address(author, client, make_post):
    live = make_post(slug="old-name")
    live.slug = "new-name"
    live.save()
    response = client.post(ADD, form_data(slug="mine", path="/en/standalone/old-name/"))
    assert "/en/standalone/old-name/ is an old address of another post" in errors_of(response)
    assert not Post.objects.filter(author=author).exists()
    assert client.get("/en/standalone/old-name/")["Location"] == "/en/standalone/new-name/"


def test_a_save_never_deletes_another_posts_old_address(make_post, client):
    live = make_post(slug="old-name")
    live.slug = "new-name"
    live.save()
    make_post(slug="elsewhere", status=Post.Status.DRAFT, path="/en/standalone/old-name/")
    assert Alias.objects.get(path="/en/standalone/old-name/").post == live
    assert client.get("/en/standalone/old-name/")["Location"] == "/en/standalone/new-name/"


def test_a_post_cannot_take_a_path_where_another_post_lives(author, client, make_post):
    make_post(slug="live", status=Post.Status.DRAFT)
    response = client.post(ADD, form_data(slug="mine", path="/en/standalone/live/"))
    assert "Another post lives at /en/standalone/live/" in errors_of(response)
    assert not Post.objects.filter(author=author).exists()


def test_an_old_address_cannot_be_where_another_post_lives(admin_client, make_post):
    make_post(slug="live")
    post = make_post(slug="p", author=None)
    data = form_data(post, status="published")
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-path": "/en/standalone/live/"})
    response = admin_client.post(change_url(post), data)
    assert "Another post lives at this address" in errors_of(response)
    assert not Alias.objects.exists()


def test_aliases_are_edited_in_the_post(admin_client, make_post, client):
    post = make_post(slug="p", author=None)
    data = form_data(post, status="published")
    data.update({"aliases-TOTAL_FORMS": "1", "aliases-0-path": "/legacy/p.html"})
    admin_client.post(change_url(post), data)
    assert client.get("/legacy/p.html")["Location"] == "/en/standalone/p/"


# Images


def png(width=12, height=7):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "Diagram One.png"
    return buffer


def test_an_uploaded_image_is_stored_and_its_figure_markdown_returned(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer = admin_client.post("/admin/blog/post/upload-image/", {"image": png()}).json()
    assert answer["url"].startswith("/media/uploads/")
    assert answer["markdown"] == f"![Diagram One]({answer['url']})"
    assert (tmp_path / answer["url"].removeprefix("/media/")).is_file()


def test_pages_give_uploaded_images_their_width_and_height(
    admin_client, make_post, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = admin_client.post("/admin/blog/post/upload-image/", {"image": png(40, 30)}).json()["url"]
    make_post(slug="pic", body=f"![A diagram]({url})")
    assert 'height="30"' in client.get("/en/standalone/pic/").content.decode()
    assert 'width="40"' in client.get("/en/standalone/pic/").content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.png", b"not an image"), ("evil.svg", b"<svg onload='alert(1)'/>")],
)
def test_only_raster_images_are_accepted(admin_client, name, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = io.BytesIO(content)
    upload.name = name
    response = admin_client.post("/admin/blog/post/upload-image/", {"image": upload})
    assert response.status_code == 400
    assert "PNG, JPEG, GIF or WebP" in response.json()["error"]


def test_a_full_storage_is_a_clear_error(admin_client, settings, monkeypatch):
    from django.core.files.storage import default_storage

    def full(name, content, max_length=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(default_storage, "save", full)
    response = admin_client.post("/admin/blog/post/upload-image/", {"image": png()})
    assert response.status_code == 507
    assert "No space left on device" in response.json()["error"]
    assert "Your text is safe" in response.json()["error"]


# Roles


def test_create_roles_makes_both_groups_and_can_run_again(roles):
    call_command("create_roles", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == {"Author", "Editor"}
    assert Group.objects.get(name="Editor").permissions.filter(codename="publish_post").exists()
    assert not Group.objects.get(name="Author").permissions.filter(codename="publish_post").exists()


def test_an_author_writes_a_draft(author, client):
    response = client.post(ADD, form_data(title="My draft"))
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.author, post.status) == (author, Post.Status.DRAFT)


def test_an_author_cannot_publish_even_by_a_crafted_post(author, client):
    client.post(
        ADD, form_data(status="published", published_at_0="2026-01-01", published_at_1="08:00:00")
    )
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT
    assert post.published_at is None


def test_an_author_cannot_use_the_publish_action(author, client, make_post):
    draft = make_post(slug="mine", status=Post.Status.DRAFT, author=author)
    client.post("/admin/blog/post/", {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


def test_an_author_does_not_see_other_authors_posts(author, client, make_post):
    other = user_in("Author", "bob")
    theirs = make_post(slug="theirs", title="Bob's", status=Post.Status.DRAFT, author=other)
    assert "Bob&#x27;s" not in client.get("/admin/blog/post/").content.decode()
    response = client.post(change_url(theirs), form_data(theirs, body="Hijacked"))
    theirs.refresh_from_db()
    assert theirs.body != "Hijacked"
    assert response.status_code in (302, 403, 404)


def test_an_author_cannot_change_a_published_post(author, client, make_post):
    post = make_post(slug="live", author=author)
    client.post(change_url(post), form_data(post, body="Sneaky edit", status="draft"))
    post.refresh_from_db()
    assert post.body != "Sneaky edit"


def test_an_author_cannot_take_down_their_published_post_by_deleting_it(author, client, make_post):
    post = make_post(slug="live", author=author)
    assert client.post(f"/admin/blog/post/{post.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [post.pk], "post": "yes"}
    assert client.post("/admin/blog/post/", bulk).status_code == 403
    assert client.get("/en/standalone/live/").status_code == 200


def test_an_author_deletes_their_own_draft(author, client, make_post):
    draft = make_post(slug="mine", status=Post.Status.DRAFT, author=author)
    client.post(f"/admin/blog/post/{draft.pk}/delete/", {"post": "yes"})
    assert not Post.objects.exists()


def test_an_editor_publishes_anyones_post(editor_client, make_post):
    writer = user_in("Author", "ann")
    draft = make_post(slug="x", status=Post.Status.DRAFT, author=writer)
    editor_client.post(
        "/admin/blog/post/", {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Post.Status.PUBLISHED


# Validation at the field


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Unclosed $x here.", "The $ on line 1 has no closing $"),
        ("One\n\n$$\nx = 1\n", "The $$ on line 3 has no closing $$"),
    ],
)
def test_unbalanced_math_is_refused_at_the_body(admin_client, body, message):
    response = admin_client.post(ADD, form_data(body=body))
    assert message in errors_of(response)
    assert not Post.objects.exists()


def test_dollars_in_code_and_escaped_dollars_are_fine(admin_client):
    body = "Costs \\$5. `echo $HOME`\n\n```sh\nexport A=$B\n```"
    assert admin_client.post(ADD, form_data(body=body)).status_code == 302


def test_a_broken_image_link_is_refused_at_the_body(admin_client):
    response = admin_client.post(ADD, form_data(body="![x](/media/nowhere.png)"))
    assert "These images are not on this site: /media/nowhere.png" in errors_of(response)


def test_an_empty_title_is_refused_at_the_title(admin_client):
    response = admin_client.post(ADD, form_data(title="   "))
    assert "This field is required" in errors_of(response)
    assert not Post.objects.exists()


def test_a_duplicate_permalink_is_refused(admin_client, make_post):
    make_post(slug="taken")
    response = admin_client.post(ADD, form_data(slug="taken"))
    assert "A post already exists at this language, section and slug" in errors_of(response)

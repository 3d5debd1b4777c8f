"""A role holds at every URL the admin serves, third-party apps' included.

Every URL pattern of the admin site is opened (GET) and posted to (POST) by each
role — a superuser, an Editor, an Author and a staff user in no group — against
content that is not theirs: another Author's draft, scheduled and deleted posts,
the superuser's account. What each role may open and change is the table below;
an Author and a groupless user must never see a word of another Author's drafts
(every one of them says "xyzzy"), and a POST changes nothing a role may not change.
A URL pattern the table does not know fails the walk: classify it.
"""

import datetime as dt
import re
import uuid

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLResolver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from blog.models import (
    Alias,
    CategorizedPost,
    Category,
    Language,
    Page,
    Post,
    Section,
    SiteSettings,
    Tag,
    TaggedPost,
)
from feeds.models import SubscribedFeed
from series.models import Series

SECRET = "xyzzy"  # in the title, slug and body of every post the Author and nobody may not see

EVERYONE = frozenset({"root", "editor", "author", "nobody"})
WRITERS = frozenset({"root", "editor", "author"})
EDITORS = frozenset({"root", "editor"})
ROOT = frozenset({"root"})
NO_ONE = frozenset()
ANSWERS_ANYONE = None  # answers every staff user alike, opening nothing (redirects, 404s)

# The admin site's own pages: the roles that may open each (GET answers 200).
SITE_PAGES = {
    "index": EVERYONE,
    "login": ANSWERS_ANYONE,  # a signed-in user is sent to the index
    "logout": ANSWERS_ANYONE,  # POST only
    "password_change": EVERYONE,
    "password_change_done": EVERYONE,
    "autocomplete": WRITERS,  # series for the post form: only series, never posts
    "jsi18n": EVERYONE,
    "view_on_site": EDITORS,  # the redirect names the post's address
    "catch_all": ANSWERS_ANYONE,
    "app_list:auth": ROOT,
    "app_list:axes": ROOT,
    "app_list:django_tasks_database": ROOT,
    "app_list:blog": WRITERS,
    "app_list:series": WRITERS,
    "app_list:feeds": ROOT,
}

# Each model admin's pages: the roles that may open each. "redirect" is Django's
# ``<id>/`` shortcut to the change page, which only redirects.
CONTENT_TERMS = {
    "changelist": WRITERS,
    "add": EDITORS,
    "change": WRITERS,  # read-only for an Author
    "history": WRITERS,
    "delete": EDITORS,
}
ADMINISTRATION = dict.fromkeys(["changelist", "add", "change", "history", "delete"], ROOT)
READ_ONLY_LOGS = {**ADMINISTRATION, "add": NO_ONE}
MODEL_PAGES = {
    "blog.post": {
        "changelist": WRITERS,  # an Author's own posts only
        "add": WRITERS,
        "change": EDITORS,
        "history": EDITORS,
        "delete": EDITORS,
        "compare": EDITORS,
        "restore": EDITORS,
        "preview": WRITERS,  # POST only
        "preview_frame": WRITERS,
        "upload_image": WRITERS,  # POST only
        "draft": EDITORS,  # "View on site" of a draft: an Author's own drafts only
        "next_part": WRITERS,  # a number, no post
        "terms": WRITERS,  # tag and category names, shared by all writers
        "near_terms": WRITERS,  # the terms a new name may duplicate, likewise
    },
    "blog.tag": CONTENT_TERMS,
    "blog.category": CONTENT_TERMS,
    "blog.section": dict.fromkeys(CONTENT_TERMS, EDITORS),
    "blog.language": dict.fromkeys(CONTENT_TERMS, EDITORS),
    # One row: changed by Editors, never added or deleted.
    "blog.sitesettings": {**dict.fromkeys(CONTENT_TERMS, EDITORS), "add": NO_ONE, "delete": NO_ONE},
    "blog.page": dict.fromkeys(CONTENT_TERMS, EDITORS),
    "series.series": {**CONTENT_TERMS, "add": EDITORS, "history": EDITORS},
    "auth.user": {**ADMINISTRATION, "password_change": ROOT},
    "auth.group": ADMINISTRATION,
    "axes.accessattempt": READ_ONLY_LOGS,
    "axes.accesslog": READ_ONLY_LOGS,
    "axes.accessfailurelog": READ_ONLY_LOGS,
    "django_tasks_database.dbtaskresult": {**READ_ONLY_LOGS, "delete": NO_ONE},
    "feeds.subscribedfeed": READ_ONLY_LOGS,
}
POST_ONLY = {"logout", "blog.post:preview", "blog.post:upload_image"}

# What a POST of a confirmation ({"post": "yes"}) may change, by role.
CONTENT_DELETES = {
    "blog.post:delete",
    "blog.post:restore",
    "blog.tag:delete",
    "blog.category:delete",
    "blog.section:delete",
    "blog.language:delete",
    "blog.page:delete",
    "series.series:delete",
}
MAY_CHANGE = {
    "root": CONTENT_DELETES
    | {
        "auth.user:delete",
        "auth.group:delete",
        "axes.accessattempt:delete",
        "axes.accesslog:delete",
        "axes.accessfailurelog:delete",
        "feeds.subscribedfeed:delete",
    },
    "editor": CONTENT_DELETES,
    "author": set(),
    "nobody": set(),
}


def admin_urls():
    """``(key, model label or None, route)`` for every URL pattern the admin site serves."""
    for pattern in admin.site.get_urls():
        if isinstance(pattern, URLResolver):
            prefix = str(pattern.pattern)
            label = ".".join(prefix.strip("/").split("/"))
            for inner in pattern.url_patterns:
                view = (inner.name or "redirect").removeprefix(label.replace(".", "_") + "_")
                yield f"{label}:{view}", label, prefix + str(inner.pattern)
        elif pattern.name == "app_list":
            for label in re.search(r"\(\?P<app_label>(.*?)\)", str(pattern.pattern))[1].split("|"):
                yield f"app_list:{label}", None, f"{label}/"
        else:
            yield pattern.name or "catch_all", None, str(pattern.pattern)


ADMIN_URLS = sorted(admin_urls())


def opened_by(key):
    if ":" in key and not key.startswith("app_list:"):
        label, view = key.split(":")
        return MODEL_PAGES[label]["redirect" if view == "redirect" else view]
    return SITE_PAGES[key]


for _pages in MODEL_PAGES.values():
    _pages.setdefault("redirect", ANSWERS_ANYONE)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Everything the walk needs, made once for the module (each test rolls back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


def make_world():
    call_command("create_roles", verbosity=0)
    now = timezone.now()
    root = User.objects.create_superuser("root", password="pw")
    people = {"root": root}
    for name, role in [("editor", "Editor"), ("author", "Author"), ("bob", "Author")]:
        people[name] = User.objects.create_user(name, password="pw", is_staff=True)
        people[name].groups.add(Group.objects.get(name=role))
    people["nobody"] = User.objects.create_user("nobody", password="pw", is_staff=True)
    bob = people["bob"]

    series = Series.objects.create(slug="a-series", title="A Series", language="en")
    tag, category = Tag.objects.create(name="Shared"), Category.objects.create(name="Notes")
    common = {"section": "a-series", "language": "en", "series": series, "author": bob}
    with reversion.create_revision():
        draft = Post.objects.create(
            title="Xyzzy draft", slug="xyzzy-draft", body="Xyzzy body.", series_order=2, **common
        )
        draft.tags.set([tag])
        draft.categories.set([category])
    with reversion.create_revision():
        draft.body = "Xyzzy body, revised."
        draft.save()
        Alias.objects.create(post=draft, path="/old/xyzzy/")
    Post.objects.create(
        title="Xyzzy scheduled",
        slug="xyzzy-later",
        body="Xyzzy soon.",
        status=Post.Status.PUBLISHED,
        published_at=now + dt.timedelta(days=1),
        series_order=3,
        **common,
    )
    Post.objects.create(
        title="Public part",
        slug="public",
        body="Out.",
        status=Post.Status.PUBLISHED,
        published_at=now - dt.timedelta(days=1),
        series_order=1,
        **common,
    )
    with reversion.create_revision():
        gone = Post.objects.create(title="Xyzzy gone", slug="xyzzy-gone", body="Xyzzy.", **common)
    gone.delete()
    Post.objects.create(
        title="Author's own", slug="own", body="Mine.", section="own", language="en",
        author=people["author"],
    )  # fmt: skip

    visit = {"user_agent": "probe", "ip_address": "192.0.2.1", "username": "root"}
    visit |= {"http_accept": "*/*", "path_info": "/admin/login/"}
    targets = {
        "blog.post": draft.pk,
        "blog.tag": tag.pk,
        "blog.category": category.pk,
        "blog.section": Section.objects.create(language="en", slug="a-series", title="S").pk,
        "blog.language": Language.objects.create(code="fr", name="Français").pk,
        "blog.sitesettings": SiteSettings.objects.current().pk,
        "series.series": series.pk,
        "blog.page": Page.objects.create(language="en", path="/en/about/", title="About").pk,
        "auth.user": root.pk,
        "auth.group": Group.objects.get(name="Editor").pk,
        "axes.accessattempt": AccessAttempt.objects.create(**visit, failures_since_start=1).pk,
        "axes.accesslog": AccessLog.objects.create(**visit).pk,
        "axes.accessfailurelog": AccessFailureLog.objects.create(**visit).pk,
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.create(
            id=uuid.uuid4(),
            args_kwargs={"args": [], "kwargs": {}},
            task_path="feeds.websub.announce_post",
            backend_name="default",
            run_after=now,
            exception_class_path="",
            traceback="",
        ).pk,
        "feeds.subscribedfeed": SubscribedFeed.objects.create(path="/en/index.xml").pk,
    }
    newer, older = Version.objects.get_for_object(draft)
    return {
        "users": {role: user.pk for role, user in people.items()},
        "targets": targets,
        "draft": draft.pk,
        "older": older.pk,
        "newer": newer.pk,
        "post_type": ContentType.objects.get_for_model(Post).pk,
    }


def concrete(key, label, route, world):
    """The route with its parameters filled in with the world's objects."""
    if key == "catch_all":
        return "/admin/nowhere/"
    target = world["targets"].get(label)
    values = {
        "<path:object_id>": target,
        "<id>": target,
        "<int:version_id>": world["older"],
        "<path:content_type_id>": world["post_type"],
    }
    if key == "view_on_site":
        values["<path:object_id>"] = world["draft"]
    for parameter, value in values.items():
        route = route.replace(parameter, str(value))
    assert "<" not in route and "(" not in route, f"no rule fills {route}: classify it"
    query = {
        "autocomplete": "?app_label=blog&model_name=post&field_name=series&term=",
        "blog.post:compare": f"?a={world['older']}&b={world['newer']}",
        "blog.post:next_part": f"?series={world['targets']['series.series']}",
        "blog.post:terms": "?kind=tags",
        "blog.post:near_terms": "?kind=tags&q=Shard",
    }
    return f"/admin/{route}{query.get(key, '')}"


def snapshot():
    """Every row a role's POST could change, and how many revisions there are."""
    rows = {
        Post: (
            "title", "body", "status", "published_at", "embargoed_until", "expires_at",
            "updated_at", "slug", "section", "path", "series_id", "series_order",
            "share_version", "author_id",
        ),
        Alias: ("path", "post_id"),
        TaggedPost: ("tag_id", "content_object_id"),
        CategorizedPost: ("tag_id", "content_object_id"),
        Tag: ("name", "slug"),
        Category: ("name", "slug"),
        Section: ("title", "slug", "body"),
        Language: ("code", "language_code", "name", "title", "is_default"),
        SiteSettings: ("title", "base_url", "author", "pluralize_list_titles"),
        Page: ("title", "path", "body", "draft"),
        Series: ("title", "slug", "description"),
        User: ("username", "password", "is_staff", "is_superuser", "is_active"),
        User.groups.through: ("user_id", "group_id"),
        User.user_permissions.through: ("user_id", "permission_id"),
        Group.permissions.through: ("group_id", "permission_id"),
        AccessAttempt: ("failures_since_start",),
        AccessLog: ("username",),
        AccessFailureLog: ("username",),
        DBTaskResult: ("status",),
        SubscribedFeed: ("path",),
        Version: ("object_id",),
    }  # fmt: skip
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list("pk", *fields))
        for model, fields in rows.items()
    }


def opened(key, response):
    """Shown the page; for "view on site", sent to the object's public address."""
    if key == "view_on_site":
        return response.status_code == 302 and not response["Location"].startswith("/admin/")
    return response.status_code == 200


def refused(response):
    """Turned away without the page: forbidden, not found, not allowed, or sent back to
    the index (Django's answer for an object outside the user's queryset)."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404, 405)


def shows_secret(response):
    return SECRET in (response.content.decode() + response.get("Location", "")).lower()


def test_the_walk_covers_the_admin():
    keys = {key for key, _, _ in ADMIN_URLS}
    assert {"blog.post:change", "blog.post:restore", "view_on_site", "autocomplete"} <= keys
    assert len(keys) == len(ADMIN_URLS)


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(("key", "label", "route"), ADMIN_URLS, ids=[k for k, _, _ in ADMIN_URLS])
def test_a_role_opens_and_changes_only_what_it_may(db, world, role, key, label, route):
    url = concrete(key, label, route, world)
    opens = opened_by(key)
    client = Client()
    client.force_login(User.objects.get(pk=world["users"][role]))
    private = role in ("author", "nobody")

    if key not in POST_ONLY:
        response = client.get(url)
        assert response.status_code < 500, url
        if opens is not ANSWERS_ANYONE:
            assert opened(key, response) if role in opens else refused(response), url
        assert not (private and shows_secret(response)), url

    before = snapshot()
    post = Post.objects.filter(pk=world["draft"]).values_list("saved_at", flat=True).first()
    response = client.post(url, {"post": "yes", "version": post.isoformat()})
    assert response.status_code < 500, url
    if opens is not ANSWERS_ANYONE and role not in opens:
        assert refused(response), url
    assert not (private and shows_secret(response)), url
    assert (snapshot() != before) == (key in MAY_CHANGE[role]), url


# What the walk found, pinned one by one


def signed_in(world, role):
    client = Client()
    client.force_login(User.objects.get(pk=world["users"][role]))
    return client


def test_reversions_revert_url_unpublishes_nothing(db, world):
    """The probe: a POST with only a CSRF token to django-reversion's revert page took
    another Author's live post back to draft."""
    bob = User.objects.get(username="bob")
    with reversion.create_revision():
        post = Post.objects.create(title="Bob's", slug="bobs", section="s", language="en",
                                   body="B.", author=bob)  # fmt: skip
    with reversion.create_revision():
        post.status, post.published_at = Post.Status.PUBLISHED, timezone.now()
        post.save()
    draft_version = Version.objects.get_for_object(post).last()
    signed_in(world, "author").post(f"/admin/blog/post/{post.pk}/history/{draft_version.pk}/")
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED


def test_reversions_recover_pages_list_and_recover_nothing(db, world):
    editor = signed_in(world, "editor")
    listing = editor.get("/admin/blog/post/recover/", follow=True)
    assert "Xyzzy gone" not in listing.content.decode()
    gone = Version.objects.get_deleted(Post).get()
    editor.post(f"/admin/blog/post/recover/{gone.pk}/", follow=True)
    assert not Post.objects.filter(slug="xyzzy-gone").exists()


def test_a_series_page_shows_an_author_their_own_parts_and_the_public_ones(db, world):
    series = Series.objects.get()
    Post.objects.filter(title="Author's own").update(series=series, series_order=4)
    content = signed_in(world, "author").get(f"/admin/series/series/{series.pk}/change/")
    content = content.content.decode()
    assert "Public part" in content
    assert "Author&#x27;s own" in content
    assert SECRET not in content.lower()
    everything = signed_in(world, "editor").get(f"/admin/series/series/{series.pk}/change/")
    assert "Xyzzy draft" in everything.content.decode()


def test_view_on_site_leads_only_where_the_user_may_look(db, world):
    url = f"/admin/r/{world['post_type']}/{world['draft']}/"
    assert signed_in(world, "author").get(url).status_code == 404
    assert signed_in(world, "editor").get(url)["Location"].endswith("/en/a-series/xyzzy-draft/")


def test_autocomplete_offers_an_author_series_and_nothing_else(db, world):
    author = signed_in(world, "author")
    query = {"app_label": "blog", "model_name": "post", "field_name": "series", "term": ""}
    answer = author.get("/admin/autocomplete/", query).json()
    assert [result["text"] for result in answer["results"]] == ["A Series"]
    assert author.get("/admin/autocomplete/", {**query, "field_name": "author"}).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "?q=Xyzzy",
        "?status__exact=draft",
        "?state=scheduled",
        "?series__id__exact={series}",
        "?tags__id__exact={tag}",
        "?_facets=1",
        "?series__posts__title__startswith=Xyzzy",
        "?author__username=bob",
    ],
)
def test_an_authors_post_list_filters_and_searches_their_own_posts_only(db, world, query):
    query = query.format(series=world["targets"]["series.series"], tag=world["targets"]["blog.tag"])
    response = signed_in(world, "author").get(f"/admin/blog/post/{query}")
    assert response.status_code in (200, 302, 400)  # 400: a lookup the admin does not allow
    for title in ("Xyzzy draft", "Xyzzy scheduled", "Xyzzy gone"):
        assert title not in response.content.decode()


def test_a_series_log_is_for_those_who_may_change_the_series(db, world):
    """Django logs a change made through the series' parts under the series, naming
    the part: another Author's draft."""
    series = Series.objects.get()
    LogEntry.objects.log_actions(
        user_id=world["users"]["editor"],
        queryset=[series],
        action_flag=CHANGE,
        change_message=[
            {"changed": {"name": "post", "object": "Xyzzy draft", "fields": ["series_order"]}}
        ],
        single_object=True,
    )
    url = f"/admin/series/series/{series.pk}/history/"
    refused = signed_in(world, "author").get(url)
    assert refused.status_code == 403
    assert SECRET not in refused.content.decode().lower()
    assert "Xyzzy draft" in signed_in(world, "editor").get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/blog/post/junk/history/compare/?a=1&b=2",
        "/admin/blog/post/{draft}/history/compare/?a=junk&b=",
        "/admin/blog/post/junk/history/1/restore/",
        "/admin/r/junk/1/",
        "/admin/r/{post_type}/junk/",
    ],
)
def test_junk_in_quires_own_admin_urls_is_a_404(db, world, url):
    response = signed_in(world, "editor").get(url.format(**world))
    assert response.status_code == 404

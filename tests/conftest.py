import datetime as dt
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from blog import languages
from blog.models import Post
from series.models import Series

# Modest and repeatable: no example database in the repository, no deadline (the
# first render of a session builds the Markdown parser).
hypothesis_settings.register_profile(
    "quire",
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("quire")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("QUIRE_SHARED_DIR", ROOT.parent / "shared"))
SEED_FEED = SHARED / "seed" / "en-tags-machine-learning-index.xml"
HUGO_SITE = SHARED / "chenk-top"


def shared_path(path):
    """A file of the real site's test data, or a skip saying why it is missing."""
    if not path.exists():
        pytest.skip(f"real-site test data not found at {path} (the ../shared folder)")
    return path


@pytest.fixture
def seed_feed():
    return shared_path(SEED_FEED)


@pytest.fixture
def hugo_site():
    return shared_path(HUGO_SITE)


@pytest.fixture(autouse=True)
def live_site(settings):
    settings.SITE_URL = "https://www.chenk.top"
    settings.SITE_TITLE = "Chen Kai Blog"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests see every change at once: the page cache, which learns of changes on
    commit (and test transactions never commit), is off unless a test turns it on."""
    settings.PAGE_CACHE_ENABLED = False
    settings.PAGE_CACHE_ALIAS = "default"  # shared as the workers' would be, and cleared
    cache.clear()


@pytest.fixture(autouse=True, scope="module")
def site_identity_after_the_module():
    """A module's shared fixture may change the site's identity in a transaction it
    rolls back (``real_site_once``): forget it after the module, whose tests all saw it."""
    before = languages.generation()
    yield
    if languages.generation() != before:
        languages.forget()


DATABASE_FIXTURES = {"db", "transactional_db", "live_server"}


def uses_the_database(test):
    """Whether pytest-django sets up the test database for ``test``: it is marked
    ``django_db`` or asks for a fixture that needs the database."""
    return test.get_closest_marker("django_db") is not None or not DATABASE_FIXTURES.isdisjoint(
        test.fixturenames
    )


@pytest.fixture(autouse=True)
def site_identity(request, django_db_blocker, monkeypatch):
    """The site's identity is read once per process and kept (blog.languages): read it
    before the test, and again after one that changed it (its rows were rolled back).

    A test that uses no database sees a fresh install's identity, read from none: in a
    run of such tests alone there is no test database to read it from (and the real
    one is not the tests' to read), and in any run it is the same whatever ran before."""
    if not uses_the_database(request.node):
        monkeypatch.setattr(languages, "identity", languages.bootstrap_identity)
        yield
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        languages.identity()
    before = languages.generation()
    yield
    if languages.generation() != before:
        languages.forget()
        with django_db_blocker.unblock():
            languages.identity()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def yesterday(now):
    return now - dt.timedelta(days=1)


@pytest.fixture
def tomorrow(now):
    return now + dt.timedelta(days=1)


@pytest.fixture
def make_post(db, yesterday):
    """Create a post; published yesterday unless told otherwise."""
    counter = iter(range(1, 10_000))

    def make(**fields):
        number = next(counter)
        tags = fields.pop("tags", [])
        categories = fields.pop("categories", [])
        values = {
            "title": f"Post {number}",
            "slug": f"post-{number}",
            "section": "standalone",
            "language": "en",
            "body": f"Body of post {number} with $x_{number}$.",
            "status": Post.Status.PUBLISHED,
            "published_at": yesterday - dt.timedelta(minutes=number),
        }
        values.update(fields)
        post = Post.objects.create(**values)
        post.tags.set(tags)
        post.categories.set(categories)
        return post

    return make


@pytest.fixture
def make_series(db):
    def make(slug="a-series", title="A Series", language="en", **fields):
        return Series.objects.create(slug=slug, title=title, language=language, **fields)

    return make


@pytest.fixture
def imported_seed(db, seed_feed):
    """The live site's machine-learning tag feed, imported the way the README says."""
    from blog.feed_import import import_feed

    report = import_feed(seed_feed.read_bytes())
    assert report.failed == []
    return report


@pytest.fixture(scope="module")
def real_site_once(django_db_setup, django_db_blocker):
    """The real site's sources imported once for a whole test module, in a
    transaction rolled back after it (each test runs in a savepoint inside it)."""
    from blog.hugo.importer import HugoImporter

    site = shared_path(HUGO_SITE)
    with django_db_blocker.unblock(), transaction.atomic():
        assert HugoImporter(site).run().failed == []
        yield site
        transaction.set_rollback(True)


HREF = re.compile(r'href="(/[^"#?]*)"')


def crawl(client, start="/en/", limit=2000):
    """Status of every site page reachable by links from ``start`` (static files aside)."""
    statuses, queue = {}, [start]
    while queue and len(statuses) < limit:
        path = queue.pop()
        if path in statuses:
            continue
        response = client.get(path)
        statuses[path] = response.status_code
        if response.get("Content-Type", "").startswith("text/html"):
            for link in HREF.findall(response.content.decode()):
                if not link.startswith(("/static/", "/admin/", "/media/")):
                    queue.append(unquote(link))
    return statuses

"""No request, however malformed, makes the site answer with a 5xx.

A few thousand requests are generated deterministically from the real site's
addresses (the imported Hugo site's sitemap, taxonomies and feeds) and mutated the
way crawlers, scanners and broken clients mutate them; every answer must be a
2xx, 3xx or 4xx, with the page cache off and on.
"""

import random
import re
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client

from .conftest import HREF

SEED = 20240607
FEED_FILES = ("index.xml", "atom.xml", "feed.json")
LOC = re.compile(r"<loc>([^<]+)</loc>")

PAGE_NUMBERS = [
    "-1",
    "0",
    "abc",
    "1e3",
    "10**20",
    "999999999999999999999",
    "%00",
    "1.5",
    "",
    "last",
    "0x10",
    "１",
    "%FF",
    " 2",
]
SEARCHES = [
    '"',
    '""',
    '"unterminated phrase',
    "-",
    "--",
    "- -",
    '-""',
    "OR",
    "OR OR OR",
    "a OR",
    "OR a",
    "a AND b",
    "NOT a",
    "NEAR(a b)",
    "a*",
    "*",
    "^a",
    "a:b",
    "title:x",
    "body:",
    "{a}",
    "(a",
    "a)",
    "'",
    "';--",
    "%",
    "\\",
    "a & b | !c",
    "<script>",
    "机器学习",
    "机",
    '"深度 学习" -神经',
    "🙂",
    "\x00",
    "a\x00b",
    "\u202e",
    "x" * 5000,
    "word " * 3000,
    '"' * 500,
    "-" * 500,
    "OR " * 1000,
]
TRAVERSALS = ["../", "..%2f", "%2e%2e/", "%2e%2e%2f", "//", "/./", "%2F", ".%2e/", "%5c..%5c"]
BAD_ENCODINGS = ["%C0%AF", "%FF", "%E4%B8", "%ED%A0%80", "%F4%90%80%80", "%80", "%C3", "%00", "%"]
TAGS = [
    "机器学习",
    "深度学习",
    "%E6%9C%BA%E5%99%A8",
    "C%2B%2B",
    "CI/CD",
    "ci%2Fcd",
    "naïve",
    "%20",
    "a b",
    "Ⅻ",
    "ß",
    "İstanbul",
    "x" * 300,
]
METHODS = ["HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "BREW"]
CONDITIONAL_HEADERS = [
    {"If-None-Match": "garbage"},
    {"If-None-Match": '"unterminated'},
    {"If-None-Match": "*"},
    {"If-None-Match": 'W/"x", , ,"y"'},
    {"If-None-Match": "," * 1000},
    {"If-Modified-Since": "yesterday"},
    {"If-Modified-Since": "Mon, 99 Foo 9999 99:99:99 GMT"},
    {"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"},
    {"If-Modified-Since": "Fri, 31 Dec 9999 23:59:59 GMT"},
    {"If-Modified-Since": "-1"},
    {"If-Unmodified-Since": "garbage"},
    {"If-Match": "garbage"},
    {"If-Range": "garbage", "Range": "bytes=5-1"},
    {"Range": "bytes=-0"},
    {"Accept-Encoding": "br;q=abc, gzip;q=-1"},
    {"Accept-Encoding": ",,,;;;"},
    {"Accept-Encoding": "*"},
    {"Accept-Encoding": "identity;q=0"},
    {"Accept-Encoding": "x" * 10000},
    {"Accept-Language": "zz-ZZ;q=2, *;q=abc"},
    {"Accept": "*/*;q=nan"},
    {"Cookie": "sessionid=garbage; csrftoken=\x01"},
    {"Cookie": "=;=;=" * 100},
    {"User-Agent": "1000000000000000000000 subscribers; " * 50},
    {"User-Agent": "Feedly (99999999999999999999999 subscribers)"},
    {"X-Forwarded-Proto": "https, http"},
]
LOGIN_FORMS = [
    {},
    {"username": "admin"},
    {"username": "admin", "password": "x"},
    {"username": "admin\x00", "password": "x\x00"},
    {"username": "a" * 10_000, "password": "b" * 100_000},
    {"username": "管理员", "password": "密码"},
    {"username": ["a", "b"], "password": "x"},
    {"username": "admin", "password": "x", "next": "//evil.example/"},
]
FORWARDED_FOR = ["", "not-an-address", "203.0.113.7", "999.1.1.1, ::1", ", , ,", "x" * 500]
HOSTS = [
    "evil.example",
    "",
    "a" * 300,
    "localhost:abc",
    "[::1",
    "host with spaces",
    "xn--ls8h.example",
    "127.0.0.1:99999",
    "testserver\x00",
    "téléphone.example",
]


def real_paths(client):
    """Public addresses of the imported site: sitemaps, taxonomies, series and feeds."""
    paths = {"/", "/robots.txt", "/sitemap.xml", "/healthz", "/en/search/", "/zh/search/"}
    paths |= {"/en/index.json", "/zh/index.json"}
    index = client.get("/sitemap.xml").content.decode()
    for sitemap in LOC.findall(index):
        paths.add(urlsplit(sitemap).path)
        paths.update(
            urlsplit(url).path for url in LOC.findall(client.get(sitemap).content.decode())
        )
    for index in ("/en/tags/", "/zh/tags/", "/en/categories/", "/zh/categories/"):
        paths.update(HREF.findall(client.get(index).content.decode()))
    paths = {path for path in paths if not path.startswith(("/static/", "/admin/"))}
    folders = [path for path in paths if path.endswith("/") and "/search/" not in path]
    paths.update(folder + name for folder in folders for name in FEED_FILES)
    return sorted(paths)


def traversals(paths, rng):
    """Real paths with ``..``, ``//``, bad UTF-8, overlong and random-byte segments."""
    for path in rng.sample(paths, 20):
        yield from (path.rstrip("/") + "/" + dots + "etc/passwd" for dots in TRAVERSALS)
        yield from (path + encoding for encoding in BAD_ENCODINGS)
        yield path.replace("/", "//")
        yield path + "x" * rng.choice([255, 1024, 10_000])
        yield path + "".join(f"%{byte:02X}" for byte in rng.randbytes(rng.randint(1, 40)))
    yield "/" + "a/" * 2000
    yield "/%2e%2e/%2e%2e/%2e%2e/etc/passwd"
    yield from ("/media/../../config/settings.py", "/media/%2e%2e/%2e%2e/config/settings.py")
    yield from ("/media/%00", "/static/../config/settings.py", "/static/%FF")
    yield from ("/preview/garbage/", "/preview/" + "x" * 5000 + "/", "/preview/%FF%FE/")


def feed_garbage(paths, rng):
    """Feeds with trailing garbage, odd ``full`` and ``page`` parameters."""
    feeds = [path for path in paths if path.endswith(FEED_FILES)]
    for feed in rng.sample(feeds, 15):
        yield from (feed + tail for tail in (".bak", "x", "/", "%00", ";x=1", "/..", "~", ".xml"))
    for feed in rng.sample(feeds, 10):
        for query in ("full=1&full=2", "full=", "full=%00", "full=1&page=0", "page=2&page=3"):
            yield f"{feed}?{query}"
        yield from (f"{feed}?page={quote(n, safe='%')}" for n in PAGE_NUMBERS)


def odd_terms(paths, rng):
    """Taxonomy and series addresses with non-ASCII, encoded and unknown terms."""
    for lang in ("en", "zh", "xx", "EN", "%E4%B8%AD"):
        for tag in TAGS:
            yield from (f"/{lang}/tags/{tag}/", f"/{lang}/categories/{tag}/index.xml")
            yield from (f"/{lang}/series/{tag}/", f"/tags/{tag}/atom.xml")


def page_numbers(paths, rng):
    """Listings at impossible page numbers, in the path and in ``?page=``."""
    folders = [path for path in paths if path.endswith("/")]
    for folder in rng.sample(folders, 12):
        yield from (f"{folder}page/{n}/" for n in ("-1", "0", "1", "2", "99999999999999999999"))
        yield from (f"{folder}?page={quote(n, safe='%')}" for n in PAGE_NUMBERS)


def searches(paths, rng):
    """Search with odd syntax, repeated and huge queries."""
    for lang in ("en", "zh"):
        yield from (f"/{lang}/search/?q={quote(text)}" for text in SEARCHES)
        yield f"/{lang}/search/?q=a&q=b&q=" + "&q=".join(["c"] * 200)
        yield f"/{lang}/search/?q=%FF%C0%AF"
        yield f"/{lang}/search/?q=" + "a" * 100_000


def query_strings(paths, rng):
    """Real paths with many, repeated, huge and malformed parameters."""
    for path in rng.sample(paths, 25):
        yield f"{path}?" + "&".join(f"p{n}={n}" for n in range(2000))
        yield f"{path}?a=" + "b" * 100_000
        yield f"{path}?" + "&" * 5000
        yield f"{path}?%FF=%C0%AF&%00=%00&=&==&a=1=2"
        yield f"{path}?page=1&page=2&page=abc"
        yield f"{path}?" + quote(rng.randbytes(64))


GET_FAMILIES = [traversals, feed_garbage, odd_terms, page_numbers, searches, query_strings]


def generated_requests(paths):
    """Family name → its (method, path, headers, body) requests, the same every run."""
    rng = random.Random(SEED)
    families = {"real": [("GET", path, {}, b"") for path in rng.sample(paths, 150)]}
    for family in GET_FAMILIES:
        families[family.__name__] = [("GET", path, {}, b"") for path in family(paths, rng)]
    families["methods"] = [
        (method, path, {}, b"a=1") for path in rng.sample(paths, 30) for method in METHODS
    ]
    families["headers"] = [
        ("GET", rng.choice(paths), headers, b"") for headers in CONDITIONAL_HEADERS * 3
    ]
    families["hosts"] = [("GET", rng.choice(paths), {"Host": host}, b"") for host in HOSTS * 3]
    families["logins"] = [
        (
            "POST",
            "/admin/login/",
            {"X-Forwarded-For": forwarded},
            urlencode(form, doseq=True).encode(),
        )
        for form in LOGIN_FORMS
        for forwarded in FORWARDED_FOR
    ]
    families["huge_bodies"] = [
        ("POST", path, {}, b"x" * (10 * 1024 * 1024)) for path in rng.sample(paths, 5)
    ]
    return families


def send(client, method, path, headers, body):
    return client.generic(
        method, path, data=body, content_type="application/x-www-form-urlencoded", headers=headers
    )


@pytest.fixture
def real_site(db, real_site_once, settings):
    settings.FEED_ITEM_LIMIT = 3  # feeds in pages, so ``?page=`` means something
    settings.TRUSTED_PROXY_COUNT = 1  # X-Forwarded-For reaches the login throttle
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
    return real_site_once


@pytest.fixture(params=[False, True], ids=["uncached", "cached"])
def page_cache(request, settings):
    """Whether the page cache is on; with it on, every third request is sent (a
    build costs what an uncached answer does) to keep the run short."""
    settings.PAGE_CACHE_ENABLED = request.param
    settings.PAGE_CACHE_GENERATION_CHECK = 0
    return 3 if request.param else 1


def test_no_generated_request_gets_a_server_error(real_site, page_cache):
    client = Client(raise_request_exception=False)
    families = generated_requests(real_paths(client)).values()
    requests = [request for family in families for request in family[::page_cache]]
    assert len(requests) > 2000 // page_cache
    failures = [
        (method, path[:200], headers, response.status_code)
        for method, path, headers, body in requests
        if (response := send(client, method, path, headers, body)).status_code >= 500
    ]
    assert failures == []


@pytest.mark.parametrize("path", ["/en/", "/en/tags/", "/en/search/", "/en/index.xml", "/healthz"])
def test_posting_to_a_public_address_is_refused_not_an_error(real_site, path):
    response = Client(enforce_csrf_checks=True, raise_request_exception=False).post(path)
    assert response.status_code in (403, 405)


@pytest.mark.parametrize("path", ["/en/", "/en/index.xml", "/en/tags/"])
def test_posting_without_csrf_checks_is_method_not_allowed(real_site, path):
    assert Client(raise_request_exception=False).post(path).status_code == 405


def test_a_path_with_a_nul_byte_is_a_bad_request(real_site):
    assert Client().get("/en/tags/%00/").status_code == 400


@pytest.mark.parametrize("path", ["/en/page/0/", "/en/page/-1/", "/en/page/01/"])
def test_a_page_number_below_one_is_not_found(real_site, path):
    assert Client().get(path).status_code == 404


@pytest.mark.parametrize("host", ["evil.example", "a" * 300, "[::1", "localhost:abc", "x y"])
def test_a_host_header_not_allowed_is_a_bad_request(real_site, page_cache, host):
    response = Client(raise_request_exception=False).get("/en/", headers={"host": host})
    assert response.status_code == 400

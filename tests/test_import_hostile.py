"""``import_hugo`` and ``import_feed`` on hostile input: a site made of symbolic links to
secrets, folders outside itself, active files, paths that climb out with ``..`` and
front matter built to exhaust memory. Each bad file is reported with its path and
reason, everything else is imported, nothing outside the site is read and nothing
active is served.

The sites are built by the tests (links to a secret file the test writes beside the
site, and to /etc/passwd and /proc/self/environ); none is kept in the repository."""

import io
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from blog.backups import media_names
from blog.feed_import import MAX_FEED_BYTES, import_feed
from blog.front_matter import MAX_FRONT_MATTER_BYTES, FrontMatterError, split_front_matter
from blog.hugo.importer import HugoImporter
from blog.hugo.pages import MAX_PAGE_BYTES
from blog.imports import ImportAborted
from blog.models import Alias, Post, PostFile
from series.models import Series

from .test_media_serving import fetch

CANARY = "quire-canary-5b0e9d41-never-public"
PASSWD = Path("/etc/passwd")
ENVIRON = Path("/proc/self/environ")

# Eight levels of nine: a 400-byte document that names 9**8 (43 million) strings.
BILLION_LAUGHS = "\n".join(
    [
        "---",
        "title: Laughs",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
            for previous, name in zip("abcdefg", "bcdefgh", strict=True)
        ),
        "tags: *h",
        "---",
        "Body.",
    ]
)


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def page(title, body="Body.", **fields):
    lines = [f"title: {title!r}", "date: 2025-01-02", *(f"{k}: {v}" for k, v in fields.items())]
    return "---\n" + "\n".join(lines) + f"\n---\n{body}\n"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "olive").save(buffer, "PNG")
    return buffer.getvalue()


def link(path, target):
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    return path


@pytest.fixture
def outside(tmp_path):
    """A folder beside the site holding a secret: nothing in it may be read."""
    folder = tmp_path / "outside"
    write(folder / "secret.txt", f"SECRET_KEY={CANARY}\n")
    write(folder / "secret.md", page(CANARY, body=CANARY))
    write(folder / "victim/stolen.md", page(f"Stolen {CANARY}", body=CANARY))
    write(folder / "data/series.toml", f'[notes]\nname = "{CANARY}"\n')
    write(folder / "hugo.toml", f'title = "{CANARY}"\n')
    return folder


@pytest.fixture
def site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://example.org"
    root = tmp_path / "site"
    write(root / "hugo.toml", 'baseURL = "https://example.org/"\ntitle = "A Site"\n')
    write(root / "content/notes/good.md", page("A Good Note"))
    return root


def imported(site, **options):
    return HugoImporter(site, **options).run()


def outcomes(report, site):
    """``{path relative to the site (or as configured): reason}`` of what was refused."""
    refused = {}
    for where, reason in [*report.skipped, *report.failed]:
        path = Path(where)
        refused[str(path.relative_to(site)) if path.is_relative_to(site) else where] = reason
    return refused


def stored_media(settings):
    return {
        name: (Path(settings.MEDIA_ROOT) / name).read_bytes()
        for name in media_names(default_storage)
    }


def database_dump():
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def secrets():
    """The canary, the first line of /etc/passwd and this process's PATH= as
    /proc/self/environ spells it."""
    found = [CANARY, PASSWD.read_text().splitlines()[0]]
    if ENVIRON.exists():
        variables = ENVIRON.read_bytes().decode(errors="replace").split("\0")
        found += [variable for variable in variables if variable.startswith("PATH=")]
    return found


def assert_no_secret_anywhere(client, settings):
    """Not in any row, any stored file, any page, feed or media response."""
    dump = database_dump()
    files = stored_media(settings)
    paths = ["/en/", "/en/index.xml", "/en/notes/", "/en/notes/index.xml", "/sitemap.xml"]
    paths += [post.get_absolute_url() for post in Post.objects.all()]
    paths += [default_storage.url(name) for name in files]
    bodies = [fetch(client, path)[1] for path in paths]
    for secret in secrets():
        assert secret not in dump, secret
        assert not any(secret.encode() in data for data in files.values()), secret
        assert not any(secret.encode() in body for body in bodies), secret


# What the process opens or lists while an import runs (os.open, open(), os.scandir…).
_recording = None


def _audit(event, args):
    if _recording is not None and event in ("open", "os.scandir", "os.listdir"):
        path = args[0] if args else None
        if isinstance(path, (str, bytes, os.PathLike)):
            flags = args[2] if event == "open" and len(args) > 2 else 0
            path = os.path.abspath(os.fsdecode(path))
            _recording.append((path, os.path.islink(path), flags or 0))


sys.addaudithook(_audit)


@contextmanager
def recorded_reads():
    global _recording
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None


def assert_nothing_outside_read(reads, outside):
    for path, is_link, flags in reads:
        assert not Path(path).is_relative_to(outside), path
        assert path not in (str(PASSWD), str(ENVIRON)), path
        if is_link:  # a link may be looked at, but never opened through
            assert flags & os.O_NOFOLLOW, path


# Item 6: symbolic links are never followed


def test_a_page_linked_to_a_secret_is_skipped_and_reported(db, site, outside):
    link(site / "content/notes/env.md", outside / "secret.md")
    report = imported(site)
    assert report.created == 1
    assert outcomes(report, site) == {
        "content/notes/env.md": "a symbolic link; links are never followed"
    }
    assert not Post.objects.filter(title__contains=CANARY).exists()


def test_a_page_linked_to_proc_self_environ_is_not_read(db, site):
    link(site / "content/notes/environ.md", ENVIRON)
    report = imported(site)
    assert Post.objects.count() == 1
    assert "content/notes/environ.md" in outcomes(report, site)


def test_bundle_files_linked_to_secrets_are_skipped_and_never_stored(db, site, outside):
    bundle = site / "content/notes/bundle"
    write(bundle / "index.md", page("A Bundle", body="![f](figure.png) [p](passwd.txt)"))
    write(bundle / "figure.png", png())
    link(bundle / "passwd.txt", PASSWD)
    link(bundle / "environ.txt", ENVIRON)
    link(bundle / "secret.txt", outside / "secret.txt")
    report = imported(site)
    assert set(outcomes(report, site)) == {
        "content/notes/bundle/passwd.txt",
        "content/notes/bundle/environ.txt",
        "content/notes/bundle/secret.txt",
    }
    assert set(PostFile.objects.values_list("name", flat=True)) == {"figure.png"}
    assert [name.rsplit("/", 1)[-1] for name in media_names(default_storage)] == ["figure.png"]


def test_a_linked_folder_is_not_walked_and_is_reported(db, site, outside):
    link(site / "content/notes/more", outside / "victim")
    report = imported(site)
    assert outcomes(report, site) == {
        "content/notes/more": "a symbolic link; links are never followed"
    }
    assert Post.objects.count() == 1


def test_a_linked_data_file_gives_no_series_names(db, site, outside):
    link(site / "data/series.toml", outside / "data/series.toml")
    write(site / "content/notes/part.md", page("Part One", series="notes", series_order=1))
    report = imported(site)
    assert "data/series.toml" in outcomes(report, site)
    assert Series.objects.get().title != CANARY


def test_a_fifo_is_skipped_without_waiting_for_a_writer(db, site):
    os.mkfifo(site / "content/notes/pipe.md")
    report = imported(site)
    assert outcomes(report, site) == {"content/notes/pipe.md": "not a regular file"}


# Item 7: the configuration cannot point the import outside the site


def test_a_content_dir_outside_the_site_is_refused(db, site, outside):
    (site / "hugo.toml").write_text(f'contentDir = "{outside / "victim"}"\n')
    with recorded_reads() as reads:
        report = imported(site)
    assert str(outside / "victim") in outcomes(report, site)
    assert not Post.objects.exists()
    assert_nothing_outside_read(reads, outside)


def test_module_mounts_outside_the_site_are_refused(db, site, outside):
    (site / "hugo.toml").write_text(
        "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n"
        f"[[module.mounts]]\nsource = '{outside / 'victim'}'\ntarget = 'content'\n"
        "[[module.mounts]]\nsource = '../outside/victim'\ntarget = 'content'\n"
    )
    with recorded_reads() as reads:
        report = imported(site)
    assert {str(outside / "victim"), "../outside/victim"} <= set(outcomes(report, site))
    assert list(Post.objects.values_list("title", flat=True)) == ["A Good Note"]
    assert_nothing_outside_read(reads, outside)


def test_a_theme_outside_the_site_gives_no_data(db, site, outside):
    (site / "hugo.toml").write_text('theme = "../../outside"\n')
    (site / "themes").mkdir()
    write(site / "content/notes/part.md", page("Part One", series="notes", series_order=1))
    with recorded_reads() as reads:
        imported(site)
    assert Series.objects.get().title != CANARY
    assert_nothing_outside_read(reads, outside)


def test_a_linked_configuration_file_is_a_clear_error(db, tmp_path, outside):
    site = tmp_path / "linked-site"
    link(site / "hugo.toml", outside / "hugo.toml")
    with pytest.raises(CommandError, match=r"hugo\.toml: a symbolic link; links are never"):
        call_command("import_hugo", str(site))


# Item 8: only passive files are taken from a bundle


def test_a_bundle_keeps_only_passive_files(db, site, client):
    bundle = site / "content/notes/bundle"
    write(bundle / "index.md", page("A Bundle", body="![d](diagram.svg) [e](evil.html)"))
    write(bundle / "figure.png", png())
    write(bundle / "paper.pdf", b"%PDF-1.4\n%%EOF\n")
    write(bundle / "data/points.csv", "x,y\n1,2\n")
    write(bundle / "diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    for name in ("evil.html", "evil.js", "evil.xhtml", "evil.htm", "figure.png.html"):
        write(bundle / name, "<script src='evil.js'></script>")
    report = imported(site)
    assert set(PostFile.objects.values_list("name", flat=True)) == {
        "figure.png",
        "paper.pdf",
        "data/points.csv",
        "diagram.svg",
    }
    refused = outcomes(report, site)
    assert set(refused) == {
        f"content/notes/bundle/{name}"
        for name in ("evil.html", "evil.js", "evil.xhtml", "evil.htm", "figure.png.html")
    }
    assert all(reason.startswith("a type import_hugo does not") for reason in refused.values())


# Item 9: one hostile file never aborts or half-stores an import


def test_image_links_that_climb_out_of_media_are_kept_as_text_and_never_read(db, site):
    body = (
        "![p](/media/../../../etc/passwd)\n\n![q](/static/../../../../etc/passwd)\n\n"
        '<img src="/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd">\n'
    )
    write(site / "content/notes/climb.md", page("Climbing", body=body))
    with recorded_reads() as reads:
        report = imported(site)
    assert (report.created, report.failed) == (2, [])
    assert 'src="/media/../../../etc/passwd"' in Post.objects.get(title="Climbing").body_html
    assert str(PASSWD) not in {path for path, _, _ in reads}


def test_a_url_that_climbs_out_fails_alone_and_later_bundles_are_stored(db, site, client):
    climbing = site / "content/notes/a-climbing"
    write(climbing / "index.md", page("Climbing", url='"/../../../../tmp/x/"'))
    write(climbing / "figure.png", png())
    later = site / "content/notes/z-later"
    write(later / "index.md", page("Later", body="![f](figure.png)"))
    write(later / "figure.png", png())
    report = imported(site)
    assert outcomes(report, site) == {
        "content/notes/a-climbing/index.md": "its address /../../../../tmp/x/ has a “..” "
        "segment; an import never writes outside its folders"
    }
    stored = PostFile.objects.get(post__title="Later")
    assert fetch(client, stored.file.url)[1] == png()
    assert not Post.objects.filter(title="Climbing").exists()


@pytest.mark.parametrize(
    "field", ['slug: "../../x"', 'aliases: ["/../../etc/"]', 'url: "/en/./x/"']
)
def test_slugs_and_aliases_that_climb_out_fail_their_page(db, site, field):
    write(site / "content/notes/climb.md", page("Climbing", **dict([field.split(": ", 1)])))
    report = imported(site)
    [(where, reason)] = report.failed
    assert where.endswith("climb.md")
    assert "segment; an import never writes outside its folders" in reason


@pytest.mark.parametrize("path", ["/old/../post/", "/./old/", "/old/.."])
def test_a_site_path_with_dot_segments_is_refused_wherever_it_is_entered(make_post, path):
    with pytest.raises(ValidationError, match=r"no \. or \.\. segments"):
        Alias(path=path, post=make_post()).full_clean()


# Item 10: front matter and files of bounded size and cost


def test_yaml_aliases_are_refused_at_once(db, site):
    write(site / "content/notes/laughs.md", BILLION_LAUGHS)
    started = time.process_time()
    report = imported(site)
    assert time.process_time() - started < 5  # CPU seconds: refused, not expanded
    assert report.created == 1
    [(where, reason)] = report.failed
    assert where.endswith("laughs.md")
    assert "aliases (*name) are not accepted" in reason


def test_a_billion_laughs_costs_nothing_to_refuse():
    started = time.process_time()
    with pytest.raises(FrontMatterError, match=r"aliases \(\*name\) are not accepted"):
        split_front_matter(BILLION_LAUGHS)
    assert time.process_time() - started < 0.5  # CPU seconds


def test_a_yaml_configuration_with_aliases_is_refused(db, tmp_path):
    write(tmp_path / "config.yaml", "title: &t Site\nparams:\n  name: *t\n")
    with pytest.raises(CommandError, match=r"aliases \(\*name\) are not accepted"):
        call_command("import_hugo", str(tmp_path))


def test_front_matter_past_its_size_limit_is_refused():
    text = "---\ntitle: Long\ndescription: " + "x" * MAX_FRONT_MATTER_BYTES + "\n---\nBody"
    with pytest.raises(FrontMatterError, match="front matter is larger than 64 KiB"):
        split_front_matter(text)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "+++\ntags = " + "[" * 5000 + "]" * 5000 + "\n+++\n",
        '{"tags": ' + "[" * 5000 + "]" * 5000 + "}\n",
        "---\nweight: " + "9" * 5000 + "\n---\n",
        "+++\nweight = " + "9" * 5000 + "\n+++\n",
        '{"weight": ' + "9" * 5000 + "}\n",
        "---\ndate: 2024-13-45\n---\n",
    ],
    ids=["yaml-deep", "toml-deep", "json-deep", "yaml-int", "toml-int", "json-int", "yaml-date"],
)
def test_front_matter_that_breaks_its_parser_is_a_clear_error(text):
    with pytest.raises(FrontMatterError, match=r"^invalid (YAML|TOML|JSON) front matter"):
        split_front_matter(text)


def test_a_page_past_its_size_limit_is_refused_unread(db, site):
    huge = write(site / "content/notes/huge.md", page("Huge", body="x" * MAX_PAGE_BYTES))
    report = imported(site)
    assert report.failed == [
        (str(huge), f"larger than the 2 MiB an import reads ({huge.stat().st_size:,} bytes)")
    ]


def test_a_feed_past_its_size_limit_is_refused_with_a_clear_error(db, tmp_path):
    feed = tmp_path / "huge.xml"
    item = "<item><title>T</title><link>https://a.example/en/s/x/</link></item>"
    head = "<rss version='2.0'><channel><title>x</title><link>https://a.example/</link>"
    feed.write_text(head + item * (MAX_FEED_BYTES // len(item) + 1) + "</channel></rss>")
    with pytest.raises(CommandError, match=r"huge\.xml is larger than the 16 MiB import_feed"):
        call_command("import_feed", str(feed))
    assert not Post.objects.exists()


def test_a_feed_that_never_ends_is_refused_after_its_limit(db):
    with pytest.raises(CommandError, match="larger than the 16 MiB import_feed reads"):
        call_command("import_feed", "/dev/zero")


def test_import_feed_refuses_data_past_its_limit(db):
    with pytest.raises(ImportAborted, match="larger than the 16 MiB import_feed reads"):
        import_feed(b" " * (MAX_FEED_BYTES + 1))


def test_a_feed_item_linking_an_image_out_of_media_imports(db):
    feed = (
        "<rss version='2.0'><channel><title>x</title><link>https://a.example/</link><item>"
        "<title>Climbing</title><link>https://a.example/en/notes/climbing/</link>"
        "<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate><description>"
        "![p](/media/../../../etc/passwd)</description></item>"
        "</channel></rss>"
    )
    report = import_feed(feed.encode())
    assert (report.created, report.failed) == (1, [])


def test_a_feed_declaring_nested_entities_expands_nothing(db):
    entities = ['<!ENTITY a "' + "lol" * 30 + '">'] + [
        f'<!ENTITY {name} "{f"&{previous};" * 10}">'
        for previous, name in zip("abcdefg", "bcdefgh", strict=True)
    ]
    feed = (
        f"<?xml version='1.0'?><!DOCTYPE rss [{''.join(entities)}]><rss version='2.0'>"
        "<channel><title>x</title><link>https://a.example/</link><item><title>&h;</title>"
        "<link>https://a.example/en/notes/laughs/</link>"
        "<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate><description>&h;</description>"
        "</item></channel></rss>"
    )
    started = time.process_time()
    import_feed(feed.encode())
    assert time.process_time() - started < 2  # CPU seconds: nothing was expanded
    assert all(len(post.body) < 1000 for post in Post.objects.all())


# The whole hostile site at once


@pytest.fixture
def hostile_site(site, outside):
    """Every trick above in one site, beside good pages that must all arrive."""
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "A Site"\ntheme = "../../outside"\n'
        "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n"
        f"[[module.mounts]]\nsource = '{outside / 'victim'}'\ntarget = 'content'\n"
    )
    (site / "themes").mkdir()
    notes = site / "content/notes"
    write(
        notes / "part.md", page("Part One", body="![f](/media/../../../etc/passwd)", series="notes")
    )
    link(notes / "env.md", outside / "secret.md")
    link(notes / "environ.md", ENVIRON)
    link(notes / "passwd.md", PASSWD)
    link(notes / "more", outside / "victim")
    link(site / "data/series.toml", outside / "data/series.toml")
    os.mkfifo(notes / "pipe.md")
    write(notes / "laughs.md", BILLION_LAUGHS)
    write(notes / "huge.md", page("Huge", body="x" * MAX_PAGE_BYTES))
    write(notes / "a-climbing/index.md", page("Climbing", url='"/../../../../tmp/x/"'))
    write(notes / "a-climbing/figure.png", png())
    bundle = notes / "bundle"
    write(bundle / "index.md", page("A Bundle", body="![f](figure.png) ![d](diagram.svg)"))
    write(bundle / "figure.png", png())
    write(bundle / "diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    write(bundle / "evil.html", '<script src="evil.js"></script>')
    write(bundle / "evil.js", "fetch('/admin/auth/user/')")
    link(bundle / "passwd.txt", PASSWD)
    link(bundle / "secret.txt", outside / "secret.txt")
    return site


HOSTILE_REFUSALS = {
    "content/notes/env.md": "a symbolic link",
    "content/notes/environ.md": "a symbolic link",
    "content/notes/passwd.md": "a symbolic link",
    "content/notes/more": "a symbolic link",
    "data/series.toml": "a symbolic link",
    "content/notes/pipe.md": "not a regular file",
    "content/notes/laughs.md": "aliases (*name) are not accepted",
    "content/notes/huge.md": "larger than the 2 MiB an import reads",
    "content/notes/a-climbing/index.md": "has a “..” segment",
    "content/notes/bundle/evil.html": "a type import_hugo does not",
    "content/notes/bundle/evil.js": "a type import_hugo does not",
    "content/notes/bundle/passwd.txt": "a symbolic link",
    "content/notes/bundle/secret.txt": "a symbolic link",
}


def test_a_hostile_site_imports_every_good_file_and_reports_every_bad_one(
    db, hostile_site, outside, client, settings
):
    with recorded_reads() as reads:
        report = imported(hostile_site)
    refused = outcomes(report, hostile_site)
    assert str(outside / "victim") in refused  # the mount
    assert "themes/../../outside/data" in refused  # the theme's data
    for path, reason in HOSTILE_REFUSALS.items():
        assert reason in refused.get(path, ""), path
    assert len(refused) == len(HOSTILE_REFUSALS) + 2
    assert set(Post.objects.values_list("title", flat=True)) == {
        "A Good Note",
        "Part One",
        "A Bundle",
    }
    assert set(PostFile.objects.values_list("name", flat=True)) == {"figure.png", "diagram.svg"}
    assert_nothing_outside_read(reads, outside)
    assert_no_secret_anywhere(client, settings)
    for name in media_names(default_storage):
        response, _ = fetch(client, default_storage.url(name))
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        if name.endswith(".svg"):
            assert response["Content-Disposition"] == "attachment"


def test_the_command_prints_a_line_per_refused_file_and_no_traceback(db, hostile_site, capsys):
    call_command("import_hugo", str(hostile_site))
    output = capsys.readouterr()
    assert "posts: 3 created, 0 updated, 0 unchanged, 3 failed" in output.out
    lines = output.err.splitlines()
    assert len(lines) == len(HOSTILE_REFUSALS) + 2, lines
    assert all(line.startswith(("skipped: ", "failed: ")) for line in lines)
    assert "Traceback" not in output.err


def test_strict_refuses_a_hostile_site_and_changes_nothing(db, hostile_site, settings):
    with pytest.raises(ImportAborted, match="outside the site folder; an import reads nothing"):
        imported(hostile_site, strict=True)
    assert not Post.objects.exists()
    assert not Series.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists()


def test_a_data_file_that_is_not_a_table_is_a_clear_error(db, site):
    write(site / "data/series.json", "[1, 2]")
    with pytest.raises(CommandError, match=r"series\.json: not a table of entries"):
        call_command("import_hugo", str(site))


def test_a_series_entry_that_is_not_a_table_is_ignored(db, site):
    write(site / "data/series.toml", 'notes = "Just a name"\n')
    write(site / "content/notes/part.md", page("Part One", series="notes", series_order=1))
    report = imported(site)
    assert (report.created, report.failed) == (2, [])
    assert Series.objects.get().title == "notes"

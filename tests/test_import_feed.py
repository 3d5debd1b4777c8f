"""``import_feed``: items become posts; re-runs change nothing; bad items are reported."""

import pytest
from django.core.management import CommandError, call_command

from blog.feed_import import import_feed
from blog.imports import ImportAborted
from blog.models import Post, Tag
from series.models import Series


def feed(*items, title="Topic on Site", link="https://example.com/en/tags/topic/"):
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(
    title="Series (2): Part Two",
    link="https://example.com/en/a-series/02-part-two/",
    date="Tue, 20 Jan 2026 09:00:00 +0000",
    description="&lt;p&gt;Body $x$&lt;/p&gt;",
):
    return (
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<guid>{link}</guid><description>{description}</description></item>"
    )


def test_the_seed_becomes_32_published_posts(imported_seed):
    assert imported_seed.created == 32
    assert Post.objects.published().count() == 32


def test_section_slug_series_and_part_come_from_link_and_title(imported_seed):
    post = Post.objects.get(slug="12-xgboost-and-lightgbm")
    assert (post.language, post.section) == ("en", "ml-math-derivations")
    assert post.series.title == "ML Math Derivations"
    assert post.series_order == 12
    assert post.title == "ML Math Derivations (12): XGBoost and LightGBM"


def test_the_feed_term_becomes_a_tag_of_every_post(imported_seed):
    tag = Tag.objects.get(slug="machine-learning")
    assert tag.name == "Machine Learning"
    assert Post.objects.filter(tags=tag).count() == 32


def test_a_post_without_a_numbered_title_has_no_series(imported_seed):
    post = Post.objects.get(section="standalone")
    assert post.series is None


def test_reimporting_changes_nothing(imported_seed, seed_feed):
    saved = dict(Post.objects.values_list("pk", "saved_at"))
    series = Series.objects.count()
    again = import_feed(seed_feed.read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 32)
    assert dict(Post.objects.values_list("pk", "saved_at")) == saved
    assert Series.objects.count() == series == 7


def test_a_changed_item_is_updated_in_place(db):
    import_feed(feed(item()))
    report = import_feed(feed(item(description="&lt;p&gt;New body&lt;/p&gt;")))
    assert (report.created, report.updated) == (0, 1)
    assert "New body" in Post.objects.get().body_html


def test_a_bad_item_is_reported_and_the_others_imported(db):
    report = import_feed(feed(item(link="https://example.com/not-a-post/"), item()))
    assert report.created == 1
    assert report.failed == [
        ("https://example.com/not-a-post/", "the link is not of the form /<lang>/<section>/<slug>/")
    ]


def test_an_item_with_an_overlong_title_is_reported(db):
    report = import_feed(feed(item(title="x" * 1000)))
    assert report.created == 0
    assert "at most 300 characters" in report.failed[0][1]


def test_strict_aborts_and_changes_nothing(db):
    with pytest.raises(ImportAborted):
        import_feed(feed(item(), item(link="https://example.com/bad/")), strict=True)
    assert not Post.objects.exists()
    assert not Series.objects.exists()


def test_dry_run_keeps_nothing(db):
    report = import_feed(feed(item()), dry_run=True)
    assert report.created == 1
    assert not Post.objects.exists()


def test_a_file_that_is_not_a_feed_is_a_clear_error(db, tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body>Not a feed</body></html>")
    with pytest.raises(CommandError, match="not an RSS or Atom feed"):
        call_command("import_feed", str(path))


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_feed", str(tmp_path / "missing.xml"))


def test_the_command_prints_the_counts(imported_seed, seed_feed, capsys):
    call_command("import_feed", str(seed_feed))
    assert "0 created, 0 updated, 32 unchanged, 0 failed" in capsys.readouterr().out


def test_an_atom_feed_imports_too(db):
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>
      <link href="https://example.com/en/"/><id>x</id><updated>2026-01-02T00:00:00Z</updated>
      <entry><title>Hello</title><link href="https://example.com/en/notes/hello/"/>
        <id>https://example.com/en/notes/hello/</id><published>2026-01-01T08:00:00Z</published>
        <updated>2026-01-02T08:00:00Z</updated><summary type="html">&lt;p&gt;Hi&lt;/p&gt;</summary>
      </entry></feed>"""
    assert import_feed(atom).created == 1
    post = Post.objects.get()
    assert (post.section, post.slug) == ("notes", "hello")
    assert post.updated_at.day == 2

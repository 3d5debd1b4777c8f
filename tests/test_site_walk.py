"""Walk the site from its home page the way a reader (or a crawler) would."""

from django.core.management import call_command

from blog.models import Post
from series.models import Series

from .conftest import crawl


def test_every_page_reachable_after_the_seed_import_answers_200(client, imported_seed):
    statuses = crawl(client)
    assert len(statuses) > 50
    assert {path: status for path, status in statuses.items() if status != 200} == {}


def test_the_sample_blog_loads_once_and_every_page_answers_200(client, db):
    call_command("load_sample_content")
    call_command("load_sample_content")
    assert Post.objects.published().count() == 5
    assert Series.objects.get().published_parts().count() == 3
    statuses = crawl(client)
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    assert "/zh/standalone/matrix-multiplication-views/" in statuses


def test_the_sample_blog_shows_math_code_a_table_and_a_figure(db):
    call_command("load_sample_content")
    html = "".join(Post.objects.values_list("body_html", flat=True))
    for marker in ('class="math-block"', 'highlight">', 'class="table-wrap"', "<figure"):
        assert marker in html, marker


def test_loading_the_sample_keeps_an_authors_edits(db):
    call_command("load_sample_content")
    post = Post.objects.get(slug="01-the-update-rule")
    post.title = "Edited in the admin"
    post.save()
    call_command("load_sample_content")
    assert Post.objects.get(pk=post.pk).title == "Edited in the admin"

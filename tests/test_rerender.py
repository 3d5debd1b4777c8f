"""``manage.py rerender``: stored HTML rendered again from its Markdown after the
renderer changed — what changed is stored and announced as a save would, nothing else."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from blog.models import MathStyle, Page, Post, Section
from feeds.websub import announce_post
from pagecache.models import ContentGeneration
from series.models import Series

pytestmark = pytest.mark.django_db

TABLE = "| a | b |\n|---|---|\n| 1 | $x^2$ |\n"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action with what follows its commit (signals' on-commit work) done."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def rerender(*arguments):
    output = io.StringIO()
    call_command("rerender", *arguments, stdout=output)
    return output.getvalue()


def stale(model, **fields):
    """Stored HTML as an older renderer left it."""
    row = model.objects.get()
    model.objects.filter(pk=row.pk).update(**fields)
    return row


def announcements():
    return DBTaskResult.objects.filter(task_path=announce_post.module_path).count()


def test_a_stale_page_form_of_a_post_is_rendered_again(make_post):
    fresh = make_post(body=TABLE)
    stale(Post, typeset_body_html="<p>old</p>")
    rerender()
    assert Post.objects.get().typeset_body_html == fresh.typeset_body_html


def test_a_dry_run_reports_what_would_change_and_stores_nothing(make_post):
    post = make_post(body=TABLE)
    stale(Post, typeset_body_html="<p>old</p>")
    output = rerender("--dry-run")
    assert f"would change: {post.get_absolute_url()} (typeset_body_html)" in output
    assert Post.objects.get().typeset_body_html == "<p>old</p>"


def test_a_post_rendered_as_before_is_left_untouched(make_post):
    saved_at = make_post(body=TABLE).saved_at
    output = rerender()
    assert "posts: 1 rendered, 0 changed" in output
    assert Post.objects.get().saved_at == saved_at


def test_a_page_form_change_is_stored_without_moving_the_post_s_saved_at(make_post):
    saved_at = make_post(body=TABLE).saved_at
    stale(Post, typeset_body_html="<p>old</p>")
    rerender()
    assert Post.objects.get().saved_at == saved_at


def test_a_page_form_change_retires_the_cached_pages(make_post, committed):
    committed(lambda: make_post(body=TABLE))
    stale(Post, typeset_body_html="<p>old</p>")
    before = ContentGeneration.objects.get().number
    committed(rerender)
    assert ContentGeneration.objects.get().number == before + 1


def test_a_page_form_change_announces_nothing_to_the_hub(make_post, settings, committed):
    settings.WEBSUB_HUB_URL = "https://hub.example/"
    committed(lambda: make_post(body=TABLE))
    stale(Post, typeset_body_html="<p>old</p>")
    before = announcements()
    committed(rerender)
    assert announcements() == before


def test_a_feed_form_change_is_saved_and_announced_to_the_hub(make_post, settings, committed):
    settings.WEBSUB_HUB_URL = "https://hub.example/"
    post = committed(lambda: make_post(body=TABLE))
    stale(Post, body_html="<p>old</p>")
    before = announcements()
    output = committed(rerender)
    stored = Post.objects.get()
    assert (stored.body_html, stored.saved_at > post.saved_at) == (post.body_html, True)
    assert "1 changed (1 in their feed form)" in output
    assert announcements() == before + 1


def test_math_problems_are_reported_with_the_post_and_line(make_post):
    post = make_post(body="Fine.\n\nNot fine: $w^\\*$.")
    output = rerender()
    expected = f"problem: {post.get_absolute_url()}: line 3: w^\\* — Undefined control sequence"
    assert expected in output


def test_every_batch_is_rendered_again(make_post):
    for _ in range(3):
        make_post(body=TABLE)
    Post.objects.update(typeset_body_html="<p>old</p>")
    rerender("--batch-size", "1")
    assert not Post.objects.filter(typeset_body_html="<p>old</p>").exists()


def test_the_math_styles_of_every_post_are_kept(make_post):
    make_post(body=TABLE)
    MathStyle.objects.all().delete()
    rerender()
    assert MathStyle.objects.filter(declaration="height:0.8141em").exists()


def test_a_page_is_rendered_again():
    Page.objects.create(path="/en/about/", language="en", title="About", body=TABLE)
    fresh = stale(Page, body_html="<p>old</p>")
    rerender()
    assert Page.objects.get().body_html == fresh.body_html


def test_a_section_introduction_is_rendered_again():
    Section.objects.create(language="en", slug="notes", title="Notes", body=TABLE)
    fresh = stale(Section, body_html="<p>old</p>")
    rerender()
    assert Section.objects.get().body_html == fresh.body_html


def test_a_series_description_is_rendered_again():
    Series.objects.create(language="en", slug="a-series", title="A Series", description=TABLE)
    fresh = stale(Series, description_html="<p>old</p>")
    rerender()
    assert Series.objects.get().description_html == fresh.description_html


def test_a_batch_size_below_one_is_refused():
    with pytest.raises(CommandError, match="at least 1"):
        rerender("--batch-size", "0")

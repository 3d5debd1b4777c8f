"""Stored HTML rendered again from its source, for when the renderer changed.

Rows keep HTML rendered from their Markdown when they were saved (a post's feed and
page forms, a page's body, a section's introduction; apps add theirs with
``renders_stored_html``). After an upgrade that renders differently, ``rerender`` (the
``rerender`` management command) renders every row again and stores what changed, in
batches, each in its own transaction with its rows locked, so an author's save is
never overwritten by HTML from the body it replaced.

A row whose feed form changed is saved as an author's save is: feeds validate on its
``saved_at`` and a WebSub hub hears of it. A row whose page forms alone changed is
updated in place and the page cache is told (``public_content_changed``), as a
save would; no hub is pinged for what no feed shows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from pagecache.signals import public_content_changed

from .models import MathStyle
from .signals import reindex_on_commit

BATCH_SIZE = 50


@dataclass(frozen=True)
class Renderable:
    """A model with stored HTML: ``render(row)`` renders its ``fields`` in memory and
    returns the math declarations they use and the problems met (texts);
    ``feed_fields`` are those feeds carry; ``after_update(row, changed)`` does what a
    save's signals would for the fields changed in place (e.g. reindexing)."""

    model: type
    fields: tuple
    render: Callable
    feed_fields: tuple = ()
    after_update: Callable | None = None


@dataclass
class Outcome:
    """What ``rerender`` found for one model: the rows rendered, those whose stored
    HTML changed (label, fields), how many of them in their feed form, and the
    problems met (label, text)."""

    name: str
    rendered: int = 0
    changed: list = field(default_factory=list)
    feed_changed: int = 0
    problems: list = field(default_factory=list)


_renderables = []


def renders_stored_html(model, fields, render, feed_fields=(), after_update=None):
    """Have ``rerender`` render ``model``'s stored HTML again (see ``Renderable``)."""
    if all(renderable.model is not model for renderable in _renderables):
        _renderables.append(Renderable(model, tuple(fields), render, feed_fields, after_update))


def renderables():
    return tuple(_renderables)


POST_FORMS = (
    "body_html",
    "summary_html",
    "typeset_body_html",
    "typeset_summary_html",
    "toc_html",
    "body_text",
    "reading_minutes",
)
POST_FEED_FORMS = ("body_html", "summary_html")


def render_post_again(post):
    rendered = post.render()
    return rendered.math_declarations, [str(error) for error in post.math_errors]


def render_typeset_again(row):
    """For a model whose ``render()`` returns a ``Typeset`` (a page, a section, a series)."""
    typeset = row.render()
    problems = [f"{tex} — {message}" for tex, _display, message, _position in typeset.errors]
    return typeset.declarations, problems


def reindex_changed_text(post, values):
    if "body_text" in values:
        reindex_on_commit(post.pk)


def label(row):
    return row.get_absolute_url() if hasattr(row, "get_absolute_url") else str(row)


def rerender(renderable, batch_size=BATCH_SIZE, dry_run=False):
    """Render every row of ``renderable.model`` again; store what changed unless
    ``dry_run``. Returns an ``Outcome``."""
    model = renderable.model
    outcome = Outcome(str(model._meta.verbose_name_plural))
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        with transaction.atomic():
            batch = model.objects.select_for_update().filter(pk__in=ids[start : start + batch_size])
            _rerender_batch(renderable, batch.order_by("pk"), outcome, dry_run)
    return outcome


def _rerender_batch(renderable, rows, outcome, dry_run):
    declarations, updates, saves = set(), [], []
    for row in rows:
        stored = {name: getattr(row, name) for name in renderable.fields}
        used, problems = renderable.render(row)
        outcome.rendered += 1
        outcome.problems.extend((label(row), problem) for problem in problems)
        declarations |= used  # kept even for a row unchanged: the table may have been emptied
        changed = [name for name in renderable.fields if getattr(row, name) != stored[name]]
        if not changed:
            continue
        outcome.changed.append((label(row), changed))
        if set(changed) & set(renderable.feed_fields):
            outcome.feed_changed += 1
            saves.append(row)
        else:
            updates.append((row, {name: getattr(row, name) for name in changed}))
    if dry_run:
        return
    MathStyle.keep(declarations)
    for row in saves:
        row.save()
    for row, values in updates:
        renderable.model.objects.filter(pk=row.pk).update(**values)
        if renderable.after_update is not None:
            renderable.after_update(row, values)
    if updates:
        public_content_changed.send(sender=renderable.model)

"""The apps announce that public content changed; the page cache advances the generation
once the transaction commits. The cache knows no content model: each app says which of
its changes readers can see (raw saves included — ``loaddata``, django-reversion's
``revert()`` — which skip the models' own ``save()`` but change what readers see all
the same)."""

from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from .generation import advance_generation, current_generation
from .transactions import on_commit_once

public_content_changed = Signal()
"""Sent by an app, with its model as sender, for any change a public page or feed could show."""


@receiver(public_content_changed, dispatch_uid="pagecache-advance-generation")
def _content_changed(sender, **kwargs):
    on_commit_once("pagecache-advance-generation", advance_generation)


def announce_changes_to(*models):
    """Send ``public_content_changed`` whenever a row of ``models`` is saved or deleted,
    or, for an m2m through model, whenever its links change."""

    def announce(sender, **kwargs):
        public_content_changed.send(sender=sender)

    for model in models:
        uid = f"pagecache-announce-{model._meta.label_lower}"
        post_save.connect(announce, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(announce, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        m2m_changed.connect(announce, sender=model, weak=False, dispatch_uid=f"{uid}-m2m")


@receiver(request_started, sender=WSGIHandler, dispatch_uid="pagecache-look-for-changes-wsgi")
@receiver(request_started, sender=ASGIHandler, dispatch_uid="pagecache-look-for-changes-asgi")
def look_for_changes_made_elsewhere(sender, **kwargs):
    """Each request a server hands this process first looks for a new generation (at
    most once a PAGE_CACHE_GENERATION_CHECK), so what the process keeps of the content
    (``generation_seen``: the site's identity) follows a change another process made,
    page cache on or off. Here, at the request, not where the identity is read: code
    that renders outside a request (a management command, a test) reads no database.
    The test client's requests come from the process that made the changes, which
    heard of them as it made them."""
    current_generation()

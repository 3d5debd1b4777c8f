"""Any change to public content raises the revision once its transaction commits —
raw saves included (``loaddata``, django-reversion's ``revert()``), which skip the
models' own ``save()`` but change what readers see all the same."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from blog.models import (
    Alias,
    CategorizedPost,
    Category,
    Page,
    Post,
    PostFile,
    Section,
    Tag,
    TaggedPost,
)
from series.models import Series

from .revision import raise_revision

CONTENT_MODELS = (
    Post,
    Series,
    Section,
    Tag,
    Category,
    TaggedPost,
    CategorizedPost,
    Alias,
    PostFile,
    Page,
)


class _RaiseOnCommit:
    """One pending raise per transaction, however many rows it changes (an import
    saves thousands)."""

    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        raise_revision()


def _content_changed(sender, **kwargs):
    connection = transaction.get_connection()
    pending = getattr(connection, "pagecache_pending_raise", None)
    # Still queued in this transaction? (A rolled-back savepoint drops its callbacks.)
    queued = pending is not None and any(
        callback is pending for _, callback, *_ in connection.run_on_commit
    )
    if pending is None or pending.done or not queued:
        connection.pagecache_pending_raise = _RaiseOnCommit()
        transaction.on_commit(connection.pagecache_pending_raise)


for model in CONTENT_MODELS:
    post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{model}")
    post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-del-{model}")
for through in (TaggedPost, CategorizedPost):
    m2m_changed.connect(_content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through}")

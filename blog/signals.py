"""Work that follows a post's save once the transaction commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Post, TaggedPost
from .search import forget_post, index_post


@receiver(post_save, sender=Post)
def reindex_saved_post(sender, instance, raw=False, **kwargs):
    # On commit: the admin and the importers set tags after saving the post itself.
    if not raw:
        transaction.on_commit(partial(index_post, instance.pk))


@receiver(m2m_changed, sender=TaggedPost)
def reindex_retagged_post(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Post):
        transaction.on_commit(partial(index_post, instance.pk))


@receiver(post_delete, sender=Post)
def unindex_deleted_post(sender, instance, **kwargs):
    transaction.on_commit(partial(forget_post, instance.pk))

"""What follows a change to a post: with a WebSub hub set, every committed change
is announced (see ``websub``); a renamed tag changes the feed items of its posts."""

from functools import partial

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from blog.models import CategorizedPost, Post, Tag, TaggedPost
from pagecache.transactions import on_commit_once

from .websub import announce_post


def announce_on_commit(post_id):
    """Queue the post's announcement once the change is committed; the save itself
    only writes the task's row."""
    if settings.WEBSUB_HUB_URL:
        on_commit_once(("websub", post_id), partial(announce_post.enqueue, post_id))


@receiver(post_save, sender=Post)
@receiver(post_delete, sender=Post)
def post_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        announce_on_commit(instance.pk)


@receiver(m2m_changed, sender=TaggedPost)
@receiver(m2m_changed, sender=CategorizedPost)
def terms_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Post):
        announce_on_commit(instance.pk)


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created, raw=False, **kwargs):
    """Feed items name their tags, and feeds validate on their posts' ``saved_at``:
    a renamed tag's posts are changed posts. (Not announced: see the README.)"""
    if not created and not raw:
        Post.objects.filter(tags=instance).update(saved_at=timezone.now())

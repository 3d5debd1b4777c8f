"""Work that follows a post's save once the transaction commits, the site identity read
again when a setting changes, and what the blog tells the page cache: which of its
rows readers see, and when posts appear or go."""

from functools import partial

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.generation import follow_schedule, generation_seen
from pagecache.signals import announce_changes_to
from pagecache.transactions import on_commit_once

from . import languages
from .languages import forget_on_commit
from .models import (
    Alias,
    CategorizedPost,
    Category,
    Language,
    MenuEntry,
    Page,
    Post,
    PostFile,
    Section,
    SiteSettings,
    SocialLink,
    Tag,
    TaggedPost,
)
from .search import forget_post, index_post

announce_changes_to(
    Post,
    Section,
    Tag,
    Category,
    TaggedPost,
    CategorizedPost,
    Alias,
    PostFile,
    Page,
    SiteSettings,
    Language,
    MenuEntry,
    SocialLink,
)
follow_schedule(Post.objects.next_visibility_change)


@receiver(post_save, sender=Post)
def reindex_saved_post(sender, instance, raw=False, **kwargs):
    # On commit: the admin and the importers set tags after saving the post itself.
    if not raw:
        reindex_on_commit(instance.pk)


@receiver(m2m_changed, sender=TaggedPost)
def reindex_retagged_post(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Post):
        reindex_on_commit(instance.pk)


@receiver(post_delete, sender=Post)
def unindex_deleted_post(sender, instance, **kwargs):
    on_commit_once(("unindex", instance.pk), partial(forget_post, instance.pk))


def reindex_on_commit(post_id):
    on_commit_once(("search", post_id), partial(index_post, post_id))


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
@receiver(post_save, sender=Language)
@receiver(post_delete, sender=Language)
@receiver(post_save, sender=MenuEntry)
@receiver(post_delete, sender=MenuEntry)
@receiver(post_save, sender=SocialLink)
@receiver(post_delete, sender=SocialLink)
def reread_site_identity(sender, **kwargs):
    forget_on_commit()


@receiver(generation_seen, dispatch_uid="blog-reread-site-identity")
def reread_site_identity_changed_elsewhere(sender, **kwargs):
    languages.forget()

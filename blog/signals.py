"""Work that follows a save: a post's search entry once the transaction commits, the
site identity read again when a setting changes."""

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .languages import forget_on_commit
from .models import Language, MenuEntry, Post, SiteSettings, SocialLink, TaggedPost
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

"""Taxonomy terms (tags and categories) through django-taggit, with Hugo's slugs."""

from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase

from ..rendering import strip_control_characters
from ..slugs import term_slug


class TermBase(TagBase):
    """A taxonomy term whose slug follows Hugo's ``urlize``, keeping its old URL."""

    name = models.CharField("name", unique=True, max_length=100)
    slug = models.CharField(
        "slug", unique=True, max_length=100, blank=True, help_text="Empty: derived from the name."
    )

    url_name = None

    class Meta:
        abstract = True
        ordering = ["name"]

    def save(self, *args, **kwargs):
        # taggit derives the slug (through ``slugify`` below) and numbers clashes.
        self.name = strip_control_characters(self.name).strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self, lang):
        return reverse(self.url_name, kwargs={"lang": lang, "term": self.slug})

    def slugify(self, tag, i=None):
        slug = term_slug(tag)
        return f"{slug}-{i}" if i is not None else slug


class Tag(TermBase):
    url_name = "blog:tag"

    class Meta(TermBase.Meta):
        verbose_name = "tag"
        verbose_name_plural = "tags"


class Category(TermBase):
    url_name = "blog:category"

    class Meta(TermBase.Meta):
        verbose_name = "category"
        verbose_name_plural = "categories"


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_posts", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_tag")
        ]
        indexes = [  # a tag's posts, newest first, from the index alone
            models.Index(fields=["tag", "-content_object"], name="tag_posts_idx")
        ]


class CategorizedPost(TaggedItemBase):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)
    tag = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="categorized_posts", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_category")
        ]
        indexes = [models.Index(fields=["tag", "-content_object"], name="category_posts_idx")]

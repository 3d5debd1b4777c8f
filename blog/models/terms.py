"""Taxonomy terms (tags and categories) through django-taggit, with Hugo's slugs."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from ..rendering import strip_control_characters
from ..slugs import term_slug
from ..term_input import OrderedTermsField


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


class OrderedItem(TaggedItemBase):
    """A post's term, numbered in the order its author gave its terms (front matter,
    feed item or admin field): pages, feeds, JSON-LD and exports list them so."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    @classmethod
    def place(cls, post, term_ids, keep_existing=False):
        """Give ``post`` exactly the terms ``term_ids``, numbered in that order (or add
        the ones it lacks after its own, with ``keep_existing``), in a handful of queries."""
        rows = {row.tag_id: row for row in cls.objects.filter(content_object=post)}
        wanted = list(dict.fromkeys(term_ids))
        start = 0
        if keep_existing:
            wanted = [pk for pk in wanted if pk not in rows]
            start = max((row.position + 1 for row in rows.values()), default=0)
        elif rows.keys() - set(wanted):
            cls.objects.filter(pk__in=[rows[pk].pk for pk in rows.keys() - set(wanted)]).delete()
        moved = []
        for position, pk in enumerate(wanted, start):
            row = rows.get(pk)
            if row is None:
                rows[pk] = cls(content_object=post, tag_id=pk, position=position)
            elif row.position != position:
                row.position = position
                moved.append(row)
        cls.objects.bulk_create([rows[pk] for pk in wanted if rows[pk].pk is None])
        cls.objects.bulk_update(moved, ["position"])


class OrderedTermsManager(_TaggableManager):
    """``post.tags.set()`` that keeps the order it was given (taggit's does not)."""

    def set(self, tags, **kwargs):
        tag_kwargs = kwargs.get("tag_kwargs", {})
        terms = list(dict.fromkeys(self.term(tag, tag_kwargs) for tag in tags))
        super().set(terms, **kwargs)
        self.through.place(self.instance, [term.pk for term in terms])

    def term(self, tag, tag_kwargs):
        """The term a name stands for, created if there is none, as taggit finds it:
        ignoring case under ``TAGGIT_CASE_INSENSITIVE`` (the oldest term of several);
        a term is itself."""
        if not isinstance(tag, str):
            return tag
        terms = self.through.tag_model().objects
        case_insensitive = getattr(settings, "TAGGIT_CASE_INSENSITIVE", False)
        lookup = {"name__iexact" if case_insensitive else "name": tag, **tag_kwargs}
        found = terms.filter(**lookup).order_by("pk").first()
        return found or terms.get_or_create(**lookup, defaults={"name": tag})[0]


class OrderedTerms(TaggableManager):
    """A post's tags or categories, read and written in their author's order."""

    def __init__(self, *args, through=None, **kwargs):
        if isinstance(through, type):  # not the migrations' copy, which names it
            related = through._meta.get_field("tag").remote_field.related_name
            kwargs["ordering"] = [f"{related}__position", f"{related}__pk"]
        super().__init__(*args, through=through, manager=OrderedTermsManager, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(form_class=OrderedTermsField, **kwargs)

    def value_from_object(self, obj):
        return list(getattr(obj, self.name).all()) if obj.pk else []

    def deconstruct(self):
        """As taggit's own field: the order is in how it is read, not in the schema."""
        name, _path, args, kwargs = super().deconstruct()
        return name, "taggit.managers.TaggableManager", args, kwargs


class TaggedPost(OrderedItem):
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


class CategorizedPost(OrderedItem):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)
    tag = models.ForeignKey(
        Category, on_delete=models.CASCADE, related_name="categorized_posts", db_index=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_post_category")
        ]
        indexes = [models.Index(fields=["tag", "-content_object"], name="category_posts_idx")]

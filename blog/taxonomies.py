"""The blog's taxonomies (tags and categories) behind one interface."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Category, Post, Tag


@dataclass(frozen=True)
class Taxonomy:
    key: str
    model: type
    post_field: str
    items_relation: str
    url_name: str
    feed_url_name: str
    label: str
    singular_label: str

    def posts(self, lang, term):
        return Post.objects.published().in_language(lang).filter(**{self.post_field: term})

    def terms_with_counts(self, lang):
        """Terms with at least one public post in ``lang``, each with ``post_count``."""
        public = Post.objects.published().in_language(lang)
        return (
            self.model.objects.filter(**{f"{self.items_relation}__content_object__in": public})
            .annotate(post_count=Count(self.items_relation))
            .order_by("name")
        )


TAXONOMIES = {
    "tags": Taxonomy(
        key="tags",
        model=Tag,
        post_field="tags",
        items_relation="tagged_posts",
        url_name="blog:tag",
        feed_url_name="feeds:tag",
        label=_("Tags"),
        singular_label=_("Tag"),
    ),
    "categories": Taxonomy(
        key="categories",
        model=Category,
        post_field="categories",
        items_relation="categorized_posts",
        url_name="blog:category",
        feed_url_name="feeds:category",
        label=_("Categories"),
        singular_label=_("Category"),
    ),
}

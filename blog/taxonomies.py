"""The blog's taxonomies (tags and categories) behind one interface."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .models import Category, Post, Tag

# A page of a term's posts, newest first, is read from whichever side is cheaper: a
# term on few posts fetches them through its own index and sorts them; a term on
# more than this many walks the posts newest first through the public index and
# keeps those it is on (an index probe each), stopping at the end of the page.
# Either way a page costs about the same however large the blog and the term grow;
# the database's planner, left to choose, picked the first way for a term on every
# post (seconds at 100,000 posts).
LARGE_TERM = 500


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

    def newest_posts(self, lang, term):
        """``posts``, in the form that reads a newest-first page of them cheapest."""
        on_term = getattr(term, self.items_relation)
        if on_term.count() <= LARGE_TERM:
            return self.posts(lang, term).newest_first()
        tagged = on_term.filter(content_object=OuterRef("pk"))
        return Post.objects.published().in_language(lang).filter(Exists(tagged)).newest_first()

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

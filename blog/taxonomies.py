"""The blog's taxonomies (tags and categories) behind one interface."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from .models import Category, Post, Tag

# A term's public posts are read from one of two sides. From the term's side, each of
# its posts is looked up (and a page of them sorted): the cost grows with the term.
# From the posts' side, the public posts are walked newest first through their index,
# probing the term's index for each and stopping at the end of the page: cheap when
# the term is on many posts, but a walk past every newer post when its posts are few
# and old. The posts' side is taken for a term on more than one post in this many
# (the span of post ids standing in for the number of posts), which bounds either
# walk to about a third of the blog, and counting from the posts' side costs a post
# about that share of a look-up. The database's planner, left to choose, read a term
# on every post from the term's side, which grows with the blog (docs/BENCHMARKS.md).
DENSE_TERM_SHARE = 3


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

    def term_posts(self, lang, term):
        """``posts``, ready to be read a newest-first page at a time and counted."""
        size = (
            self.model.objects.filter(pk=term.pk)
            .values(
                on_term=Count(self.items_relation),
                highest_id=Subquery(Post.objects.order_by("-pk").values("pk")[:1]),
                lowest_id=Subquery(Post.objects.order_by("pk").values("pk")[:1]),
            )
            .get()
        )
        id_span = (size["highest_id"] or 0) - (size["lowest_id"] or 1) + 1
        return TermPosts(self, lang, term, size["on_term"], id_span)

    def terms_with_counts(self, lang):
        """Terms with at least one public post in ``lang``, each with ``post_count``."""
        public = Post.objects.published().in_language(lang)
        return (
            self.model.objects.filter(**{f"{self.items_relation}__content_object__in": public})
            .annotate(post_count=Count(self.items_relation))
            .order_by("name")
        )


@dataclass(frozen=True)
class TermPosts:
    """A term's public posts in one language, read and counted from whichever side
    is cheaper for the term's size."""

    taxonomy: Taxonomy
    lang: str
    term: object
    on_term: int  # posts on the term, in any language or state
    id_span: int  # from the lowest post id to the highest, for the number of posts

    def newest_first(self):
        return self._cheaper_side().newest_first()

    def count(self):
        return self._cheaper_side().count()

    def _cheaper_side(self):
        if self.on_term * DENSE_TERM_SHARE > self.id_span:
            return self._from_posts_side()
        return self.taxonomy.posts(self.lang, self.term)

    def _from_posts_side(self):
        """The public posts that are on the term, for reading from the posts' side."""
        relation = getattr(self.term, self.taxonomy.items_relation)
        on_term = relation.filter(content_object=OuterRef("pk"))
        return Post.objects.published().in_language(self.lang).filter(Exists(on_term))


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

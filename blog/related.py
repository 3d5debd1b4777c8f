"""Related posts: the posts sharing the most tags with a post, at a bounded cost.

Counting shared tags over every post of a tag grows with the blog (a tag on half of
100,000 posts), so the candidates are, per tag, only the ``POOL_PER_TAG`` posts last
added to it: one short range of the tag's index each, whatever the blog's size.
"""

from django.db.models import Count
from django.db.models.expressions import RawSQL

from .models import Post, TaggedPost

RELATED_POSTS = 5
POOL_PER_TAG = 50


def last_added_to_each(tag_ids):
    """The ids of the ``POOL_PER_TAG`` posts last added to each tag (by post id,
    drafts included), as SQL.

    One short, limited range of the tag's index per tag, joined with UNION ALL: a
    form whose size the planner knows (PostgreSQL misjudged an OR of ranges a
    hundredfold and scanned every post). Written out because the ORM spends longer
    composing these subqueries than the database spends answering them.
    """
    table = TaggedPost._meta.db_table
    tag = TaggedPost._meta.get_field("tag").column
    post = TaggedPost._meta.get_field("content_object").column
    ranges = " UNION ALL ".join(
        f"SELECT {post} FROM (SELECT {post} FROM {table} WHERE {tag} = %s"
        f" ORDER BY {post} DESC LIMIT %s) AS last_added_{number}"
        for number in range(len(tag_ids))
    )
    params = [value for tag_id in tag_ids for value in (tag_id, POOL_PER_TAG)]
    return RawSQL(ranges, params)


def related_posts(post, fields):
    """Up to ``RELATED_POSTS`` public posts in the post's language and outside its
    series, sharing the most tags with it, newest first among equals."""
    tag_ids = [tag.pk for tag in post.tag_list]
    if not tag_ids:
        return []
    candidates = (
        Post.objects.published()
        .in_language(post.language)
        .filter(pk__in=last_added_to_each(tag_ids), tags__in=tag_ids)
        .exclude(pk=post.pk)
    )
    if post.series_id:
        candidates = candidates.exclude(series_id=post.series_id)
    return list(
        candidates.annotate(shared_tags=Count("id"))
        .order_by("-shared_tags", "-published_at")
        .only(*fields)[:RELATED_POSTS]
    )

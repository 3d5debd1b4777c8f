"""Related posts: the posts sharing the rarest tags with a post, at a bounded cost.

A shared tag counts by its rarity, as in IDF: sharing "Variational Inference" (on two
posts) says more than sharing "Machine Learning" (on most of them). Carriers are
counted up to ``COUNT_CAP``: past that every tag is equally common, and counting costs
the same whatever the blog's size.

Counting shared tags over every post of a tag grows with the blog too (a tag on half
of 100,000 posts), so the candidates are, per tag, only the ``POOL_PER_TAG`` posts last
added to it: one short range of the tag's index each.
"""

import math

from django.db import connection
from django.db.models import Case, FloatField, Sum, Value, When
from django.db.models.expressions import RawSQL

from .models import Post, TaggedPost

RELATED_POSTS = 5
POOL_PER_TAG = 50
COUNT_CAP = 1000
POSTS_COUNT_CAP = 10 * COUNT_CAP
CANDIDATES = 3 * RELATED_POSTS
MINIMUM_WEIGHT = 0.01  # a tag on every post still tells equals apart a little
PER_SERIES = 2  # at most this many related posts from any one series


def _columns():
    table = TaggedPost._meta.db_table
    tag = TaggedPost._meta.get_field("tag").column
    post = TaggedPost._meta.get_field("content_object").column
    return table, tag, post


def last_added_to_each(tag_ids):
    """The ids of the ``POOL_PER_TAG`` posts last added to each tag (by post id,
    drafts included), as SQL.

    One short, limited range of the tag's index per tag, joined with UNION ALL: a
    form whose size the planner knows (PostgreSQL misjudged an OR of ranges a
    hundredfold and scanned every post). Written out because the ORM spends longer
    composing these subqueries than the database spends answering them.
    """
    table, tag, post = _columns()
    ranges = " UNION ALL ".join(
        f"SELECT {post} FROM (SELECT {post} FROM {table} WHERE {tag} = %s"
        f" ORDER BY {post} DESC LIMIT %s) AS last_added_{number}"
        for number in range(len(tag_ids))
    )
    params = [value for tag_id in tag_ids for value in (tag_id, POOL_PER_TAG)]
    return RawSQL(ranges, params)


def tag_weights(tag_ids):
    """Each tag's rarity weight, ``log((N + 1) / n)`` for the ``n`` posts carrying it
    (counted up to ``COUNT_CAP``) among the ``N`` posts (counted up to
    ``POSTS_COUNT_CAP``), in one query of bounded index ranges. Not the highest post
    id for ``N``: ids have gaps (deletions, PostgreSQL's sequences), and a large one
    would let two common tags outweigh a rare one."""
    table, tag, post = _columns()
    counts = " UNION ALL ".join(
        f"SELECT CAST(%s AS INTEGER), COUNT(*) FROM (SELECT {post} FROM {table} WHERE {tag} = %s"
        f" LIMIT %s) AS carriers_{number}"
        for number in range(len(tag_ids))
    )
    params = [value for tag_id in tag_ids for value in (tag_id, tag_id, COUNT_CAP)]
    posts = (
        f"SELECT CAST(NULL AS INTEGER), COUNT(*) FROM"
        f" (SELECT id FROM {Post._meta.db_table} LIMIT %s) AS posts"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{posts} UNION ALL {counts}", [POSTS_COUNT_CAP, *params])
        (_, total), *rows = cursor.fetchall()
    return {
        tag_id: max(MINIMUM_WEIGHT, math.log((total + 1) / max(count, 1))) for tag_id, count in rows
    }


def related_posts(post, fields):
    """Up to ``RELATED_POSTS`` public posts in the post's language and outside its
    series, sharing the rarest tags with it (newest first among equals), no more than
    ``PER_SERIES`` from any one series while others are left to show."""
    tag_ids = [tag.pk for tag in post.tag_list]
    if not tag_ids:
        return []
    weights = tag_weights(tag_ids)
    candidates = (
        Post.objects.published()
        .in_language(post.language)
        .filter(pk__in=last_added_to_each(tag_ids), tags__in=tag_ids)
        .exclude(pk=post.pk)
    )
    if post.series_id:
        candidates = candidates.exclude(series_id=post.series_id)
    score = Sum(
        Case(
            *(When(tags__id=tag_id, then=Value(weight)) for tag_id, weight in weights.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    ranked = list(
        candidates.annotate(shared_weight=score)
        .order_by("-shared_weight", "-published_at")
        .only(*fields, "series")[:CANDIDATES]
    )
    return spread_over_series(ranked)


def spread_over_series(ranked):
    """The first ``RELATED_POSTS`` of ``ranked``, taking at most ``PER_SERIES`` of any
    series before the rest are allowed in (in rank order)."""
    chosen, held_back, per_series = [], [], {}
    for candidate in ranked:
        key = candidate.series_id
        if key is not None and per_series.get(key, 0) >= PER_SERIES:
            held_back.append(candidate)
            continue
        per_series[key] = per_series.get(key, 0) + 1
        chosen.append(candidate)
    return (chosen + held_back)[:RELATED_POSTS]

"""Keeping the search index current: called (on commit) whenever a post is saved."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value

from ..models import Post
from .text import for_index

SQLITE_TABLE = "blog_post_search"


def search_config(lang):
    return settings.BLOG_LANGUAGES.get(lang, {}).get("search_config", "simple")


def index_post(post_id):
    post = Post.objects.filter(pk=post_id).prefetch_related("tags").first()
    if post is None:
        return forget_post(post_id)
    title = for_index(post.title)
    tags = for_index(" ".join(tag.name for tag in post.tags.all()))
    body = for_index(post.body_text)
    if connection.vendor == "postgresql":
        config = search_config(post.language)
        vector = (
            SearchVector(Value(title), weight="A", config=config)
            + SearchVector(Value(tags), weight="B", config=config)
            + SearchVector(Value(body), weight="C", config=config)
        )
        # update(), not save(): the index is no change readers or feeds should see.
        Post.objects.filter(pk=post_id).update(search_vector=vector)
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [post_id])
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
                [post_id, title, tags, body],
            )
    return None


def forget_post(post_id):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [post_id])

"""Keeping the search index current: called (on commit) whenever a post is saved."""

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Value

from ..languages import language_code
from ..models import Post
from .text import for_index

SQLITE_TABLE = "blog_post_search"


# PostgreSQL's text search configurations, by a language's primary subtag.
SEARCH_CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
}


def search_config(lang):
    """The stemming a language's posts are indexed with; "simple" (no stemming) for
    languages PostgreSQL has none for, Chinese included."""
    return SEARCH_CONFIGS.get(language_code(lang).split("-")[0].lower(), "simple")


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

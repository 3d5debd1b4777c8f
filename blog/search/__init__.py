"""Full-text search: PostgreSQL's text search, or SQLite's FTS5, behind one interface."""

from .index import forget_post, index_post
from .query import SearchResult, search

__all__ = ["SearchResult", "forget_post", "index_post", "search"]

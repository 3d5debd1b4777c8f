from .listings import HomeView, SectionView, TermDetailView, TermIndexView
from .math import math_stylesheet
from .pages import PageView, render_page
from .posts import PostDetailView, SharedDraftView, render_post_page
from .search import SearchView
from .search_index import search_index
from .site import DefaultLanguageRedirect, health, media, robots_txt

__all__ = [
    "DefaultLanguageRedirect",
    "HomeView",
    "PageView",
    "PostDetailView",
    "SearchView",
    "SectionView",
    "SharedDraftView",
    "TermDetailView",
    "TermIndexView",
    "health",
    "math_stylesheet",
    "media",
    "render_page",
    "render_post_page",
    "robots_txt",
    "search_index",
]

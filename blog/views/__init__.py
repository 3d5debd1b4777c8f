from .listings import HomeView, SectionView, TermDetailView, TermIndexView
from .math import math_stylesheet
from .posts import PostDetailView, SharedDraftView, render_post_page
from .search import SearchView
from .site import DefaultLanguageRedirect, health, media, robots_txt

__all__ = [
    "DefaultLanguageRedirect",
    "HomeView",
    "PostDetailView",
    "SearchView",
    "SectionView",
    "SharedDraftView",
    "TermDetailView",
    "TermIndexView",
    "health",
    "math_stylesheet",
    "media",
    "render_post_page",
    "robots_txt",
]

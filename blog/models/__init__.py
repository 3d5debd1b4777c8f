from .math import MathStyle, TypesetOnSave
from .pages import Page, PageQuerySet
from .paths import Alias, PostFile
from .posts import Post, PostQuerySet
from .sections import Section, default_section_title
from .site import Language, MenuEntry, SiteSettings, SocialLink
from .terms import CategorizedPost, Category, Tag, TaggedPost, TermBase
from .validators import RESERVED_SECTIONS, validate_path_segment, validate_section


def series_model():
    """The series app's model, which posts belong to. The blog names it only lazily
    (``"series.Series"``, Django's way to relate apps without importing one from the
    other), so the series app builds on the blog and the blog imports nothing of it."""
    return Post._meta.get_field("series").related_model


__all__ = [
    "RESERVED_SECTIONS",
    "Alias",
    "CategorizedPost",
    "Category",
    "Language",
    "MathStyle",
    "MenuEntry",
    "Page",
    "PageQuerySet",
    "Post",
    "PostFile",
    "PostQuerySet",
    "Section",
    "SiteSettings",
    "SocialLink",
    "Tag",
    "TaggedPost",
    "TermBase",
    "TypesetOnSave",
    "default_section_title",
    "series_model",
    "validate_path_segment",
    "validate_section",
]

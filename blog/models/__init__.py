from .fields import RESERVED_SECTIONS, validate_path_segment, validate_section
from .math import MathStyle
from .pages import Page, PageQuerySet
from .paths import Alias, PostFile
from .posts import Post, PostQuerySet
from .sections import Section, default_section_title
from .terms import CategorizedPost, Category, Tag, TaggedPost, TermBase

__all__ = [
    "RESERVED_SECTIONS",
    "Alias",
    "CategorizedPost",
    "Category",
    "MathStyle",
    "Page",
    "PageQuerySet",
    "Post",
    "PostFile",
    "PostQuerySet",
    "Section",
    "Tag",
    "TaggedPost",
    "TermBase",
    "default_section_title",
    "validate_path_segment",
    "validate_section",
]

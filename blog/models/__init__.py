from .fields import RESERVED_SECTIONS, validate_path_segment, validate_section
from .math import MathStyle
from .paths import Alias, PostFile
from .posts import Post, PostQuerySet
from .sections import Section, default_section_title
from .site import Language, MenuEntry, SiteSettings, SocialLink
from .terms import CategorizedPost, Category, Tag, TaggedPost, TermBase

__all__ = [
    "RESERVED_SECTIONS",
    "Alias",
    "CategorizedPost",
    "Category",
    "Language",
    "MathStyle",
    "MenuEntry",
    "Post",
    "PostFile",
    "PostQuerySet",
    "Section",
    "SiteSettings",
    "SocialLink",
    "Tag",
    "TaggedPost",
    "TermBase",
    "default_section_title",
    "validate_path_segment",
    "validate_section",
]

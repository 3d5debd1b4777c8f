"""The authoring admin: posts (editor, preview, revisions, roles), pages and terms."""

from . import pages, posts, site, terms  # noqa: F401 (registers the model admins)

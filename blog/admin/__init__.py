"""The authoring admin: posts (editor, preview, revisions, roles) and terms."""

from . import posts, site, terms  # noqa: F401 (registers the model admins)

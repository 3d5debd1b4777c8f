"""What the admin's "add post" form sends, for tests that write posts through it."""


def post_add_form(**fields):
    """A complete, valid add form for a published post; ``fields`` override it."""
    return {
        "title": "Written in the admin",
        "body": "Some $x_1$.",
        "tags": "",
        "categories": "",
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
        "updated_at_0": "2026-01-01",
        "updated_at_1": "09:00:00",
        "language": "en",
        "section": "standalone",
        "slug": "written-in-the-admin",
        "summary": "",
        "description": "",
        "translation_key": "",
        "path": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        **fields,
    }

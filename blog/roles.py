"""The two authoring roles and what each may do in the admin."""

AUTHOR = "Author"
EDITOR = "Editor"

WRITE_POSTS = [
    ("blog", "post", "add_post"),
    ("blog", "post", "change_post"),
    ("blog", "post", "view_post"),
    ("blog", "post", "delete_post"),
    ("blog", "alias", "view_alias"),
    ("blog", "tag", "view_tag"),
    ("blog", "category", "view_category"),
    ("series", "series", "view_series"),
]

ROLE_PERMISSIONS = {
    # Writes and revises their own drafts; an Editor publishes them.
    AUTHOR: WRITE_POSTS,
    # Everything about content: publishing, anyone's posts, series, terms, aliases,
    # pages, and the site's settings and languages.
    EDITOR: [
        *WRITE_POSTS,
        ("blog", "post", "publish_post"),
        ("blog", "post", "edit_others_posts"),
        *[
            (app, model, f"{action}_{model}")
            for app, model in [
                ("blog", "alias"),
                ("blog", "tag"),
                ("blog", "category"),
                ("blog", "section"),
                ("blog", "page"),
                ("series", "series"),
                ("blog", "language"),
                ("blog", "menuentry"),
                ("blog", "sociallink"),
            ]
            for action in ("add", "change", "delete", "view")
        ],
        # The site's identity: its one settings row is changed, never added or deleted.
        ("blog", "sitesettings", "change_sitesettings"),
        ("blog", "sitesettings", "view_sitesettings"),
    ],
}

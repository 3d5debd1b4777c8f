"""Move the post's wide text columns behind the narrow ones.

SQLite stores a row as one record spilling into a chain of overflow pages, and
reaching a column means walking the chain up to it. With ``status`` and
``published_at`` behind 60 KB of Markdown and HTML, every filter on a listing or a
feed read the whole post. Re-adding a column puts it last, so each wide column is
copied into a new one and renamed back, shortest and most read first; the
migration state keeps the order, so later table rebuilds keep it too.
"""

from django.db import migrations, models
from django.db.models import F

WIDE_COLUMNS = [  # (name, field as it stands), in their new order
    (
        "summary",
        models.TextField(blank=True, help_text="Markdown; used when the body has no <!--more-->."),
    ),
    ("description", models.TextField(blank=True, help_text="Plain text for search engines.")),
    ("summary_html", models.TextField(default="", editable=False)),
    ("toc_html", models.TextField(default="", editable=False)),
    ("body_html", models.TextField(default="", editable=False)),
    (
        "body_text",
        models.TextField(default="", editable=False, help_text="For search and snippets."),
    ),
    (
        "body",
        models.TextField(
            help_text="Markdown; $…$ and $$…$$ for math, <!--more--> ends the summary."
        ),
    ),
]


def copy_column(name):
    def copy(apps, schema_editor, source, target):
        # PostgreSQL refuses to alter a table with deferred constraint checks pending.
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        apps.get_model("blog", "Post").objects.update(**{target: F(source)})
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")

    return migrations.RunPython(
        lambda apps, editor: copy(apps, editor, name, f"{name}_moved"),
        lambda apps, editor: copy(apps, editor, f"{name}_moved", name),
    )


def move_last(name, field):
    """Fields without a default get "" for the copy, kept out of the final state."""
    keeps_default = field.has_default()
    if not keeps_default:
        field.default = ""
    return [
        migrations.AddField("post", f"{name}_moved", field, preserve_default=keeps_default),
        copy_column(name),
        migrations.RemoveField("post", name),
        migrations.RenameField("post", f"{name}_moved", name),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_authoring"),
    ]

    operations = [operation for name, field in WIDE_COLUMNS for operation in move_last(name, field)]

"""Tables and blocks of code in series descriptions take focus, as in posts (see blog's
0012_focusable_scrollers)."""

from django.db import migrations

from blog.rendering.scrollers import make_stored_scrollers_focusable


def make_scrollers_focusable(apps, schema_editor):
    make_stored_scrollers_focusable(apps.get_model("series", "Series"), ["description_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0002_typeset_math"),
    ]

    operations = [
        migrations.RunPython(make_scrollers_focusable, migrations.RunPython.noop),
    ]

"""Display formulas in series descriptions take focus, as in posts: 0003's step again
(see blog's 0013_focusable_display_math)."""

from importlib import import_module

from django.db import migrations

focusable_scrollers = import_module("series.migrations.0003_focusable_scrollers")


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0003_focusable_scrollers"),
    ]

    operations = [
        migrations.RunPython(
            focusable_scrollers.make_scrollers_focusable, migrations.RunPython.noop
        ),
    ]

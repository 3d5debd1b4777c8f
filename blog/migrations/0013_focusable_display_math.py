"""Typeset display formulas take focus in the page form too, like tables and code
(``blog.rendering.scrollers``): 0012's step again, which now finds them in the page
forms already stored."""

from importlib import import_module

from django.db import migrations

focusable_scrollers = import_module("blog.migrations.0012_focusable_scrollers")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0012_focusable_scrollers"),
    ]

    operations = [
        migrations.RunPython(
            focusable_scrollers.make_scrollers_focusable, migrations.RunPython.noop
        ),
    ]

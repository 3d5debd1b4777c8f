"""Tables and blocks of code in series descriptions take focus, as in posts (see blog's
0012_focusable_scrollers)."""

from django.db import migrations

from blog.rendering.scrollers import focusable_scrollers


def make_scrollers_focusable(apps, schema_editor):
    Series = apps.get_model("series", "Series")
    for series in Series.objects.only("description_html").iterator(chunk_size=100):
        focusable = focusable_scrollers(series.description_html)
        if focusable != series.description_html:
            Series.objects.filter(pk=series.pk).update(description_html=focusable)


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0002_typeset_math"),
    ]

    operations = [
        migrations.RunPython(make_scrollers_focusable, migrations.RunPython.noop),
    ]

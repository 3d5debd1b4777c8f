"""Series descriptions with their math typeset (see blog's 0007_typeset_math)."""

from django.db import migrations, models

from blog.rendering import render_typeset


def typeset_descriptions(apps, schema_editor):
    Series = apps.get_model("series", "Series")
    MathStyle = apps.get_model("blog", "MathStyle")
    declarations = set()
    for series in Series.objects.only("description").iterator(chunk_size=100):
        typeset = render_typeset(series.description)
        Series.objects.filter(pk=series.pk).update(description_html=typeset.html)
        declarations |= typeset.declarations
    MathStyle.objects.bulk_create(
        [MathStyle(declaration=text) for text in sorted(declarations)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_typeset_math"),
        ("series", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="series",
            name="description_html",
            field=models.TextField(default="", editable=False, help_text="Math typeset."),
        ),
        migrations.RunPython(typeset_descriptions, migrations.RunPython.noop),
    ]

"""Tables and blocks of code take focus in the page form (``blog.rendering.scrollers``):
the page forms already stored get their ``tabindex`` here; the feed forms do not change."""

from django.db import migrations

from blog.rendering.scrollers import focusable_scrollers

PAGE_FORMS = {
    "Post": ("typeset_body_html", "typeset_summary_html"),
    "Page": ("body_html",),
    "Section": ("body_html",),
}


def make_scrollers_focusable(apps, schema_editor):
    for model_name, fields in PAGE_FORMS.items():
        model = apps.get_model("blog", model_name)
        for row in model.objects.only(*fields).iterator(chunk_size=100):
            stored = {field: getattr(row, field) for field in fields}
            changed = {
                field: focusable
                for field, html in stored.items()
                if (focusable := focusable_scrollers(html)) != html
            }
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_pages"),
    ]

    operations = [
        migrations.RunPython(make_scrollers_focusable, migrations.RunPython.noop),
    ]

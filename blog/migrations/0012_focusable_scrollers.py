"""Tables and blocks of code take focus in the page form (``blog.rendering.scrollers``):
the page forms already stored get their ``tabindex`` here; the feed forms do not change."""

from django.db import migrations

from blog.rendering.scrollers import make_stored_scrollers_focusable

PAGE_FORMS = {
    "Post": ("typeset_body_html", "typeset_summary_html"),
    "Page": ("body_html",),
    "Section": ("body_html",),
}


def make_scrollers_focusable(apps, schema_editor):
    for model_name, fields in PAGE_FORMS.items():
        make_stored_scrollers_focusable(apps.get_model("blog", model_name), fields)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_pages"),
    ]

    operations = [
        migrations.RunPython(make_scrollers_focusable, migrations.RunPython.noop),
    ]

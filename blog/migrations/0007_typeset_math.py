"""Math typeset at save (``blog.rendering.typeset``): the page forms of each post's
body and summary, its contents and plain text, and section introductions, rendered
again for the content already stored; the feed forms do not change."""

from django.db import migrations, models
from django.urls import reverse

from blog.rendering import render_post, render_typeset


def typeset_stored_content(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    Section = apps.get_model("blog", "Section")
    MathStyle = apps.get_model("blog", "MathStyle")
    declarations = set()
    fields = ("language", "section", "slug", "path", "body", "summary")
    for post in Post.objects.only(*fields).iterator(chunk_size=100):
        page = post.path or reverse(
            "blog:post",
            kwargs={"lang": post.language, "section": post.section, "slug": post.slug},
        )
        rendered = render_post(post.body, post.summary, page_path=page)
        Post.objects.filter(pk=post.pk).update(
            typeset_body_html=rendered.typeset_body_html,
            typeset_summary_html=rendered.typeset_summary_html,
            toc_html=rendered.toc_html,
            body_text=rendered.body_text,
            reading_minutes=rendered.reading_minutes,
        )
        declarations |= rendered.math_declarations
    for section in Section.objects.only("body").iterator(chunk_size=100):
        typeset = render_typeset(section.body)
        Section.objects.filter(pk=section.pk).update(body_html=typeset.html)
        declarations |= typeset.declarations
    MathStyle.objects.bulk_create(
        [MathStyle(declaration=text) for text in sorted(declarations)], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_summaries_resolve_links"),
    ]

    operations = [
        migrations.CreateModel(
            name="MathStyle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("declaration", models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="post",
            name="typeset_summary_html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="post",
            name="typeset_body_html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AlterField(
            model_name="section",
            name="body_html",
            field=models.TextField(default="", editable=False, help_text="Math typeset."),
        ),
        migrations.RunPython(typeset_stored_content, migrations.RunPython.noop),
    ]

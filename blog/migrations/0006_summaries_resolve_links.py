"""Stored summaries hold root-relative links from now on (see ``Post.render``)."""

from django.db import migrations
from django.urls import reverse

from blog.rendering import sanitize_html


def resolve_summary_links(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    posts = Post.objects.only("language", "section", "slug", "path", "summary_html")
    for post in posts.iterator(chunk_size=500):
        page = post.path or reverse(
            "blog:post",
            kwargs={"lang": post.language, "section": post.section, "slug": post.slug},
        )
        resolved = sanitize_html(post.summary_html, page)
        if resolved != post.summary_html:
            Post.objects.filter(pk=post.pk).update(summary_html=resolved)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_indexes_for_listings"),
    ]

    operations = [
        migrations.RunPython(resolve_summary_links, migrations.RunPython.noop),
    ]

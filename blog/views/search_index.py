"""``/<lang>/index.json``: the search index the Hugo theme's client-side search
fetched from the home page's JSON output, for the public posts of a language."""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from pagecache.policy import public

from ..models import Post
from ..rendering import plain_text

INDEX_FIELDS = ("title", "language", "section", "slug", "path", "published_at", "summary_html")


@require_safe
@public()
def search_index(request, lang):
    """Title, permalink, date, summary text, tags and section of each public post,
    newest first, in two queries whatever their number."""
    posts = (
        Post.objects.published().in_language(lang).newest_first().with_tags().only(*INDEX_FIELDS)
    )
    entries = [
        {
            "title": post.title,
            "permalink": post.permalink,
            "date": post.published_at,
            "summary": plain_text(post.summary_html),
            "tags": [tag.name for tag in post.tag_list],
            "section": post.section,
        }
        for post in posts
    ]
    return JsonResponse(
        entries, safe=False, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
    )

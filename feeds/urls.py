from django.urls import path

from blog import converters  # noqa: F401 (registers the path converters)

from .channels import home_channel, section_channel, series_channel
from .feeds import FEED_CLASSES
from .views import default_language_tag, feed_view, term_resolver

app_name = "feeds"

# Each channel's folder and URL name; every format's file sits in the folder
# (index.xml, atom.xml, feed.json), named e.g. "tag", "tag-atom", "tag-json".
CHANNELS = [
    ("<lang:lang>/", home_channel, {}, "home"),
    ("<lang:lang>/tags/<term:term>/", term_resolver("tags"), {}, "tag"),
    ("<lang:lang>/categories/<term:term>/", term_resolver("categories"), {}, "category"),
    ("<lang:lang>/series/<term:slug>/", series_channel, {}, "series"),
    ("<lang:lang>/<str:section>/", section_channel, {}, "section"),
    # The live site serves its default language's tag feeds without a prefix too.
    ("tags/<term:term>/", default_language_tag, {}, "tag-default-language"),
]

urlpatterns = [
    path(
        folder + feed_class.format.file_name,
        feed_view(resolve, feed_class),
        extra,
        name=name + feed_class.format.url_suffix,
    )
    for folder, resolve, extra, name in CHANNELS
    for feed_class in FEED_CLASSES
]

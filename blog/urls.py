from django.urls import path

from . import converters, views  # noqa: F401 (converters registers the path converters)

app_name = "blog"


def paginated(route, view, name):
    """``route`` and its Hugo pages ``route/page/<n>/`` (tried first: terms may hold ``/``)."""
    return [
        path(f"{route}page/<page:page>/", view, name=f"{name}-page"),
        path(route, view, name=name),
    ]


urlpatterns = [
    path("preview/<str:token>/", views.SharedDraftView.as_view(), name="shared-draft"),
    *paginated("<lang:lang>/", views.HomeView.as_view(), "home"),
    path("<lang:lang>/search/", views.SearchView.as_view(), name="search"),
    path("<lang:lang>/index.json", views.search_index, name="search-index"),
    path("<lang:lang>/tags/", views.TermIndexView.as_view(taxonomy="tags"), name="tags"),
    *paginated(
        "<lang:lang>/tags/<term:term>/", views.TermDetailView.as_view(taxonomy="tags"), "tag"
    ),
    path(
        "<lang:lang>/categories/",
        views.TermIndexView.as_view(taxonomy="categories"),
        name="categories",
    ),
    *paginated(
        "<lang:lang>/categories/<term:term>/",
        views.TermDetailView.as_view(taxonomy="categories"),
        "category",
    ),
    *paginated("<lang:lang>/<str:section>/", views.SectionView.as_view(), "section"),
    path("<lang:lang>/<str:section>/<str:slug>/", views.PostDetailView.as_view(), name="post"),
]

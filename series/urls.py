from django.urls import path

from blog import converters  # noqa: F401 (registers the path converters)

from . import views

app_name = "series"

urlpatterns = [
    path("<lang:lang>/series/", views.SeriesIndexView.as_view(), name="index"),
    path("<lang:lang>/series/<term:slug>/", views.SeriesDetailView.as_view(), name="detail"),
]

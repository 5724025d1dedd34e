from django.urls import path

from articles import views
from core.cache import cache_public_page
from publishing.views import until_next_publish

app_name = "articles"

list_view = views.ArticleListView.as_view()
detail_view = views.ArticleDetailView.as_view()

urlpatterns = [
    path(
        "",
        cache_public_page(until_next_publish, paginated=True)(list_view),
        name="list",
    ),
    path("feed/", views.feed, name="feed"),
    path(
        "<slug:slug>/",
        cache_public_page(until_next_publish)(detail_view),
        name="detail",
    ),
]

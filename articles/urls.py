from django.urls import path

from articles import views
from core.cache import cache_public_page

app_name = "articles"

list_view = views.ArticleListView.as_view()
detail_view = views.ArticleDetailView.as_view()

urlpatterns = [
    path(
        "",
        cache_public_page(views.until_next_publish, paginated=True)(list_view),
        name="list",
    ),
    path("feed/", views.feed, name="feed"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path(
        "<slug:slug>/",
        cache_public_page(views.until_next_publish)(detail_view),
        name="detail",
    ),
]

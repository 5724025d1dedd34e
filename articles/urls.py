from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", views.feed, name="feed"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]

from django.urls import path

from publishing import views

app_name = "publishing"

urlpatterns = [
    path("<str:model>/<int:pk>/", views.preview, name="preview"),
]

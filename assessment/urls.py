from django.urls import path

from assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.start, name="start"),
    path("result/<str:code>/", views.result, name="result"),
]

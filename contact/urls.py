from django.urls import path

from contact import views

app_name = "contact"

urlpatterns = [
    path("", views.inquiry, name="inquiry"),
    path("thanks/", views.thanks, name="thanks"),
]

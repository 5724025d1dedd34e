from django.urls import path

from core.cache import cache_public_page
from people import views

app_name = "people"

urlpatterns = [
    path(
        "people/<slug:slug>/",
        cache_public_page()(views.PersonDetailView.as_view()),
        name="person",
    ),
    path(
        "case-studies/<slug:slug>/",
        cache_public_page()(views.CaseStudyDetailView.as_view()),
        name="case_study",
    ),
]

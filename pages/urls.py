from django.urls import path

from core.cache import PAGE_TIMEOUT, cache_public_page
from pages import views
from pages.models import Page
from publishing.views import until_next_publish

app_name = "pages"


def page_view(*kinds: str, timeout=PAGE_TIMEOUT):
    """A page of these kinds, cached like an article. Only pages that list
    other pages wait on a scheduled one; a scheduled page's own address is a
    404 until then, and 404s are never stored."""
    return cache_public_page(timeout)(views.PageDetailView.as_view(kinds=kinds))


urlpatterns = [
    path(
        "services/",
        page_view(Page.Kind.SERVICES, timeout=until_next_publish),
        name="services",
    ),
    # A service page lists testimonials and case studies, About the people:
    # a scheduled one appears on time.
    path(
        "services/<slug:slug>/",
        page_view(Page.Kind.SERVICE, timeout=until_next_publish),
        name="service",
    ),
    path(
        "about/", page_view(Page.Kind.ABOUT, timeout=until_next_publish), name="about"
    ),
    path("privacy/", page_view(Page.Kind.PRIVACY), name="privacy"),
    path("<slug:slug>/", page_view(Page.Kind.PLAIN), name="detail"),
]

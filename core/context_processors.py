from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from core.models import site_values

# The pages every page links to: navigation, breadcrumbs, calls to action.
SITE_URL_NAMES = {
    "home": "home",
    "articles": "articles:list",
    "feed": "articles:feed",
    "assessment": "assessment:start",
    "contact": "contact:inquiry",
    "services": "pages:services",
    "privacy": "pages:privacy",
}


def site_context() -> dict:
    """What every page needs, the error pages served while the database is down too."""
    values = site_values()  # one cache read for the number and the copy
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site_phone": values.phone,
        # Navigation, footer and call-to-action words staff edit.
        "site_copy": values.copy,
        "site_navigation": values.navigation,
        # Reversed once per page rather than by a {% url %} at each of the
        # dozen links: the uncached article's goal in docs/performance.md.
        "site_urls": {name: reverse(view) for name, view in SITE_URL_NAMES.items()},
    }


def site(request: HttpRequest) -> dict:
    return site_context()

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from contact.models import current_phone

# The pages every page links to: navigation, breadcrumbs, calls to action.
SITE_URL_NAMES = {
    "home": "home",
    "articles": "articles:list",
    "feed": "articles:feed",
    "assessment": "assessment:start",
    "contact": "contact:inquiry",
}


@cache
def site_urls(script_prefix: str) -> dict[str, str]:
    """Reversed once per process (and script prefix), not on every render.

    An article page linked to these a dozen times; reversing each link on
    every render was a tenth of what an uncached page cost.
    """
    return {key: reverse(name) for key, name in SITE_URL_NAMES.items()}


def safe_site_context() -> dict:
    """What every page needs, even the error pages served while the database is down."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site_phone": current_phone(),
        "site_urls": site_urls(get_script_prefix()),
    }


def site(request: HttpRequest) -> dict:
    return safe_site_context()

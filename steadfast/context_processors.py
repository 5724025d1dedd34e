from django.conf import settings
from django.http import HttpRequest

from contact.models import current_phone


def safe_site_context() -> dict:
    """What every page needs, even the error pages served while the database is down."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site_phone": current_phone(),
    }


def site(request: HttpRequest) -> dict:
    return safe_site_context()

from django.conf import settings
from django.http import HttpRequest

from core.models import current_phone


def site_context() -> dict:
    """What every page needs, the error pages served while the database is down too."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "site_phone": current_phone(),
    }


def site(request: HttpRequest) -> dict:
    return site_context()

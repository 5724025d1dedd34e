import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from core.views import bad_request, service_unavailable

logger = logging.getLogger(__name__)


class ExtraSecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class MalformedQueryStringMiddleware:
    """Answer a query string that is not valid UTF-8 with a 400.

    Django would decode it with replacement characters and carry on; a request
    like that comes from a scanner or a broken link, never from our pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if query:
            try:
                # WSGI hands over the raw bytes decoded as latin-1.
                unquote_to_bytes(query.encode("latin-1")).decode("utf-8")
            except UnicodeError:
                return bad_request(request, None)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer a database outage with the 503 page, which names the phone number."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error(
            "Database unavailable for %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return service_unavailable()

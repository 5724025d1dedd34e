import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.cache import cache_public_page
from core.context_processors import site_context

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@cache_public_page()
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /contact/thanks/",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def error_page(template_name: str, status: int, **context) -> HttpResponse:
    """A branded error page that needs nothing from the request or the database.

    Whatever failed (a bad request, the database, a context processor) must
    not break the page that reports it, so no context processor runs.
    """
    html = render_to_string(template_name, site_context() | context)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None) -> HttpResponse:
    # Also answers a bad Host header, an oversized body and undecodable input.
    return error_page("400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page("403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # A view that knows a likely target (a mistyped article address) sets
    # ``suggestion`` on its Http404; core stays free of the other apps.
    return error_page(
        "404.html",
        404,
        suggestion=getattr(exception, "suggestion", None),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page("500.html", 500)


def service_unavailable() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a missing or stale token gets a plain-language 403."""
    logger.warning("CSRF failure on %s: %s", request.path, reason)
    return error_page("403_csrf.html", 403)


def login_locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: too many failed sign-ins from this address."""
    cooloff_seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = error_page(
        "login_locked_out.html",
        429,
        failure_limit=settings.AXES_FAILURE_LIMIT,
        cooloff_minutes=cooloff_seconds // 60,
    )
    response["Retry-After"] = str(cooloff_seconds)
    response["Cache-Control"] = "no-store"
    return response

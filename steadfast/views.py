import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.structured_data import share_image
from articles.views import public_cache_timeout
from steadfast.context_processors import safe_site_context
from steadfast.middleware import cache_public_page, error_page

logger = logging.getLogger(__name__)

HOME_ARTICLES = 3


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The featured (newest) article, a few more, and the call to action."""
    latest = list(
        Article.objects.published().defer("body", "body_html")[: HOME_ARTICLES + 1]
    )
    context = {
        "featured": latest[0] if latest else None,
        "more_articles": latest[1:],
        "share_image": share_image(None),
    }
    response = render(request, "home.html", context)
    return cache_public_page(response, public_cache_timeout)


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


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /contact/thanks/",
        "",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
    return cache_public_page(response)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page("500.html", 500)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Also answers a bad Host header, an oversized body and undecodable input.
    return error_page("400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page("403.html", 403)


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
    context = {
        **safe_site_context(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    response = HttpResponse(
        render_to_string("login_locked_out.html", context), status=429
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response

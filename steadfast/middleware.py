import hashlib
import logging
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import has_vary_header, set_response_etag

from contact.middleware import UTM_KEYS
from steadfast.context_processors import safe_site_context

logger = logging.getLogger(__name__)

PAGE_CACHE_GENERATION_KEY = "page-cache:generation"
# Query parameters that select a different page of content.
PAGE_CACHE_QUERY_KEYS = {"page"}
# Campaign tags and ad-click ids: the page is the same with or without them
# (FirstTouchMiddleware, above the cache, records them), so they are served
# the cached page and left out of its key. Any other query string (typos,
# cache busters) is rendered, never cached.
TRACKING_QUERY_KEYS = {
    *UTM_KEYS,
    "fbclid",
    "gclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "twclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
}
# Each worker also keeps the pages it serves for a second, so a busy page
# costs no round trip to the shared cache at all. A change made through this
# worker shows at once; through another worker or host, within that second.
LOCAL_PAGE_SECONDS = 1
local_pages = LocMemCache(
    "steadfast-public-pages",
    {"TIMEOUT": LOCAL_PAGE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 200}},
)
# Kept in place of a page whose view did not ask for caching (the contact
# form, the thank-you page), so the next request for it goes straight to the
# view instead of looking in the shared cache first. Only for a 200: a crawl
# of missing URLs must not push the real pages out. Cleared with the pages.
NOT_CACHED = "not-cached"
NOT_CACHED_SECONDS = 60


# How long a public page may be served from the cache. Content changes clear
# it at once; this bounds what a change made while the cache was unreachable
# leaves behind.
PUBLIC_PAGE_TIMEOUT = 5 * 60


def cache_public_page(
    response: HttpResponse, timeout: int | Callable[[], int] = PUBLIC_PAGE_TIMEOUT
) -> HttpResponse:
    """Let PublicPageCacheMiddleware keep this response for ``timeout`` seconds.

    Only views that call this are cached, so nothing personal is ever stored
    by accident. ``timeout`` may be a function: it is called only when the
    page is actually stored, so the requests that are never cached (campaign
    links, the common case when an article is shared) skip what it costs.
    """
    response.public_cache_timeout = timeout
    return response


def invalidate_public_pages() -> None:
    """Forget every cached public page: in this worker at once, and in every
    other worker and host sharing the cache within ``LOCAL_PAGE_SECONDS``."""
    local_pages.clear()
    try:
        advance_page_cache_generation()
    except Exception:
        # The change is saved; pages cached before it expire on their own.
        logger.exception("Page cache unavailable: cached pages not forgotten")


def advance_page_cache_generation() -> None:
    try:
        cache.incr(PAGE_CACHE_GENERATION_KEY)
    except ValueError:
        cache.set(PAGE_CACHE_GENERATION_KEY, 1, timeout=None)


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from this worker's copy or the
    shared cache.

    It sits above sessions, CSRF and auth so a hit costs at most one cache
    round trip and no SQL. Visitors with a session (staff) and query strings
    the pages do not use always reach the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        page = local_pages.get(key)
        if page == NOT_CACHED:
            return self.get_response(request)
        if page is not None:
            return page
        try:
            # One round trip (MGET on Redis): the current generation and the
            # page, which is only valid if it was stored in that generation.
            found = cache.get_many([PAGE_CACHE_GENERATION_KEY, key])
        except Exception:
            # The cache being down must cost speed, never the page.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        generation = found.get(PAGE_CACHE_GENERATION_KEY, 0)
        cached_generation, cached = found.get(key, (None, None))
        if cached is not None and cached_generation == generation:
            local_pages.set(key, cached)
            return cached
        response = self.get_response(request)
        timeout = getattr(response, "public_cache_timeout", 0)
        if not timeout and response.status_code == 200:
            local_pages.set(key, NOT_CACHED, NOT_CACHED_SECONDS)
        elif self.is_storable_response(response):
            if callable(timeout):
                timeout = timeout()
            if timeout > 0:
                self.store(key, generation, response, timeout)
        return response

    @staticmethod
    def store(key: str, generation: int, response: HttpResponse, timeout: int) -> None:
        if not response.has_header("ETag"):
            set_response_etag(response)
        try:
            cache.set(key, (generation, response), timeout)
        except Exception:
            logger.exception("Page cache unavailable")
        local_pages.set(key, response, min(timeout, LOCAL_PAGE_SECONDS))

    @staticmethod
    def cache_key(request: HttpRequest) -> str | None:
        """The page's key in the cache, or None if the request must reach the view."""
        # HEAD too (link checkers, uptime monitors): the server drops the body.
        if request.method not in {"GET", "HEAD"}:
            return None
        try:
            request.get_host()
        except DisallowedHost:
            # No cached page for a Host we do not serve: CommonMiddleware
            # below refuses it, and the security headers go on the 400.
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if "messages" in request.COOKIES:
            return None
        # keep_blank_values: "/?x" is a different URL from "/", never a cache key.
        query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if not {key for key, _ in query} <= PAGE_CACHE_QUERY_KEYS | TRACKING_QUERY_KEYS:
            return None
        content_query = urlencode(
            [(key, value) for key, value in query if key in PAGE_CACHE_QUERY_KEYS]
        )
        url = f"{request.path}?{content_query}" if content_query else request.path
        # Hashed: a path can be longer than a cache key may be.
        digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        return f"page-cache:{digest}"

    @staticmethod
    def is_storable_response(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


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
                return error_page("400.html", 400)
        return self.get_response(request)


def error_page(template_name: str, status: int) -> HttpResponse:
    """A branded error page that needs nothing from the request or the database.

    Whatever failed (a bad request, the database, a context processor) must
    not break the page that reports it.
    """
    return HttpResponse(
        render_to_string(template_name, safe_site_context()), status=status
    )


class DatabaseUnavailableMiddleware:
    """Answer a database outage with a friendly 503 instead of an error page.

    The page names the phone number, so a prospect can still reach us.
    """

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
        return service_unavailable_response()


def service_unavailable_response() -> HttpResponse:
    response = error_page("503.html", 503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response

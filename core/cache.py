"""The page cache: anonymous visitors get public pages from Django's cache.

A view opts in with ``@cache_public_page``. ``PageCacheMiddleware`` then keeps
its 200 responses to anonymous GET and HEAD requests in the default cache
(Redis, or files on one host) and serves them without running the view.

- **Forgotten when content changes**: ``forget_cached_pages()`` advances a
  generation number kept beside the pages; a page stored under an older
  generation is never served. One ``get_many`` fetches both.
- **Never served by another release**: the key holds the static manifest's
  hash, ``RELEASE_ID`` and whether ``DEBUG`` is on, so a page that links
  another release's stylesheets (or a development server's unhashed ones)
  is never served (``test_a_page_cached_by_one_release_is_not_served_by_the_next``).
- **Junk query strings never grow the cache**: only ``?page=N`` on a
  paginated view is part of the key, and campaign tags are left out of it;
  any other query string is rendered and not stored
  (``test_junk_query_strings_are_rendered_and_never_stored``).
- **A CDN in front may keep stored pages** for their timeout
  (``Cache-Control: public, s-maxage``); browsers revalidate with the ETag.
- **Compressed once, when stored**: each page is kept as it is, gzipped and
  in brotli, and a visitor gets the smallest their browser accepts
  (``Vary: Accept-Encoding``), rather than GZipMiddleware compressing every
  hit again (docs/performance.md). A stored page holds nothing secret (no
  CSRF token, no session), so compressing it once gives BREACH nothing to
  compare.
- **Each worker keeps the pages it served for a second** (``recent_pages``),
  looked up before the URL is resolved, so a busy page costs neither a trip
  to the shared cache nor URL resolving (docs/performance.md has the
  figures). A change shows at once in the worker that saved it, and within
  that second in the others.

Django's ``cache_page`` keys on the whole URL and cannot be forgotten on
save, which the tests above need; this module is the small difference.
"""

import hashlib
import logging
import math
import pickle
import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import parse_qsl

import brotli
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

# How long a page may be served from the cache. Content changes forget it at
# once; this bounds what a change made while the cache was unreachable leaves.
PAGE_TIMEOUT = 5 * 60
GENERATION_KEY = "page-cache:generation"
recent_pages = LocMemCache(
    "recent-pages", {"TIMEOUT": 1, "OPTIONS": {"MAX_ENTRIES": 300}}
)
PAGE_NUMBER_RE = re.compile(r"[1-9][0-9]{0,3}")
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
# Campaign tags and ad-click ids leave the page as it is: a shared link gets
# the cached page (FirstTouchMiddleware, above, records where it came from).
TRACKING_KEYS = {*UTM_KEYS, "fbclid", "gclid", "msclkid", "li_fat_id", "mc_cid"}
# The encodings a page is stored in, best first; "" is the page as it is.
ENCODINGS = {
    "br": lambda content: brotli.compress(content, mode=brotli.MODE_TEXT),
    "gzip": compress_string,
}
ACCEPTS = {encoding: re.compile(rf"\b{encoding}\b") for encoding in ENCODINGS}


def cache_public_page(
    timeout: int | Callable[[], int] = PAGE_TIMEOUT, *, paginated: bool = False
):
    """Let PageCacheMiddleware keep this view's pages for ``timeout`` seconds.

    ``timeout`` may be a function, called when a page is stored. Only views
    marked with this are cached, so nothing personal is stored by accident.
    """

    def decorator(view):
        view.page_cache = (timeout, paginated)
        return view

    return decorator


def forget_cached_pages() -> None:
    """Make every cached page stale, for every worker and host."""
    recent_pages.clear()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, timeout=None)
    except Exception:
        # The change is saved; pages cached before it expire on their own.
        logger.exception("Page cache unavailable: cached pages not forgotten")


def seconds_until(moment: datetime | None) -> int:
    """How long a page may be cached: PAGE_TIMEOUT, or less, to expire at
    ``moment`` (a scheduled publish the page must not miss)."""
    if moment is None:
        return PAGE_TIMEOUT
    seconds = math.ceil((moment - timezone.now()).total_seconds())
    return max(0, min(PAGE_TIMEOUT, seconds))


def release() -> str:
    """What a page's links depend on besides its content."""
    if settings.DEBUG:
        return "debug"
    manifest_hash = getattr(staticfiles_storage, "manifest_hash", "")
    return f"{manifest_hash}-{settings.RELEASE_ID}"


def page_key(request: HttpRequest, paginated: bool) -> str | None:
    """The page's key in the cache, or None when the request must reach the view."""
    if request.method not in {"GET", "HEAD"}:
        return None
    # Staff (a session) and a pending message see something of their own.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None  # CommonMiddleware answers it with a 400
    page_number = ""
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), True):
        if paginated and name == "page" and not page_number:
            if not PAGE_NUMBER_RE.fullmatch(value):
                return None
            page_number = value
        elif name not in TRACKING_KEYS:
            return None
    url = f"{request.path}?page={page_number}"
    # Hashed: a path can be longer than a cache key may be.
    digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
    return f"page:{release()}:{digest}"


def accepted_encoding(request: HttpRequest) -> str:
    """The best stored encoding the browser accepts ("" for none), read as
    GZipMiddleware reads the header."""
    # META, not request.headers: a hit need not build every header.
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    for encoding, accepts in ACCEPTS.items():
        if accepts.search(accepted):
            return encoding
    return ""


def encoded_copies(response: HttpResponse) -> dict[str, HttpResponse]:
    """The page as it is and compressed in each of ENCODINGS, keyed by encoding."""
    patch_vary_headers(response, ("Accept-Encoding",))
    copies = {"": response}
    for encoding, compress in ENCODINGS.items():
        compressed = compress(response.content)
        if len(compressed) >= len(response.content):
            copies[encoding] = response  # robots.txt: nothing to gain
            continue
        copy = pickle.loads(pickle.dumps(response))
        copy.content = compressed
        copy["Content-Encoding"] = encoding
        copy["Content-Length"] = str(len(copy.content))
        # As GZipMiddleware does: the bytes differ, the page is the same.
        if copy["ETag"].startswith('"'):
            copy["ETag"] = "W/" + copy["ETag"]
        copies[encoding] = copy
    return copies


def can_store(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Serve anonymous GETs of opted-in views from the cache.

    It sits above sessions, CSRF and auth, so a cached page costs one cache
    round trip and no SQL, and below the middleware that adds security
    headers, so a stored page carries them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A page this worker served in the last second, before the URL is
        # resolved: without a query string its key is the same paginated or
        # not, and only opted-in views' pages are kept.
        if not request.META.get("QUERY_STRING"):
            base_key = page_key(request, paginated=False)
            if base_key is not None:
                encoding = accepted_encoding(request)
                page = recent_pages.get(f"{base_key}:{encoding}")
                if page is not None:
                    return page
        # The view runs outside every ``except`` below: an error it raises is
        # reported as its own, not "during handling of" a page-cache miss.
        try:
            page_cache = getattr(resolve(request.path_info).func, "page_cache", None)
        except Resolver404:
            page_cache = None
        if page_cache is None:
            return self.get_response(request)
        timeout, paginated = page_cache
        page_base_key = page_key(request, paginated)
        if page_base_key is None:
            response = self.get_response(request)
            # Rendered for this request alone (staff, a one-off query string).
            patch_cache_control(response, private=True)
            return response
        encoding = accepted_encoding(request)
        key = f"{page_base_key}:{encoding}"
        page = recent_pages.get(key)
        if page is not None:
            return page
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:
            # The cache being down costs speed, never the page.
            logger.exception("Page cache unavailable")
            found = None
        if found is None:
            return self.get_response(request)
        generation = found.get(GENERATION_KEY, 0)
        stored_generation, page = found.get(key, (None, None))
        if page is not None and stored_generation == generation:
            recent_pages.set(key, page)
            return page
        response = self.get_response(request)
        if can_store(response):
            seconds = timeout() if callable(timeout) else timeout
            if seconds > 0:
                copies = self.store(page_base_key, generation, response, seconds)
                return copies[encoding]
        return response

    @staticmethod
    def store(
        base_key: str, generation: int, response: HttpResponse, seconds: int
    ) -> dict[str, HttpResponse]:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        if not response.has_header("ETag"):
            set_response_etag(response)
        copies = encoded_copies(response)
        entries = {f"{base_key}:{enc}": page for enc, page in copies.items()}
        try:
            cache.set_many(
                {key: (generation, page) for key, page in entries.items()}, seconds
            )
        except Exception:
            logger.exception("Page cache unavailable")
        recent_pages.set_many(entries, min(seconds, 1))
        return copies

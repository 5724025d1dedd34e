from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from core.cache import UTM_KEYS

FIRST_TOUCH_COOKIE = "first_touch"
FIRST_TOUCH_SALT = "contact.first-touch"
UTM_MAX_LENGTH = 100
URL_MAX_LENGTH = 500


def cap(value: str, limit: int) -> str:
    """Printable text only, at most ``limit`` characters."""
    if not value.isprintable():
        value = "".join(ch for ch in value if ch.isprintable())
    return value[:limit]


def external_referrer(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    parts = urlsplit(referer)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    try:
        host = request.get_host()
    except DisallowedHost:
        # Not a visit to record: CommonMiddleware refuses it further down,
        # where its 400 gets the security headers.
        return ""
    if parts.netloc == host:
        return ""
    # Only the origin and path: query strings can carry other sites' secrets.
    return cap(f"{parts.scheme}://{parts.netloc}{parts.path}", URL_MAX_LENGTH)


class FirstTouchMiddleware:
    """Remember where a visit started, so the inquiry can say what brought them.

    The first touch (UTM parameters, a link from another site) is kept in a
    signed cookie, set only when there is one and none is kept yet. It writes
    nothing to the database, and the middleware sits above the page cache:
    a visitor from a shared link is served the cached page, plus the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        touch = new_first_touch(request) if request.method == "GET" else None
        response = self.get_response(request)
        if touch:
            response.set_cookie(
                FIRST_TOUCH_COOKIE,
                signing.dumps(touch, salt=FIRST_TOUCH_SALT, compress=True),
                max_age=settings.SESSION_COOKIE_AGE,
                **session_cookie_flags(),
            )
            # A shared cache (a CDN, a proxy) may store a response that sets
            # a cookie unless told not to.
            patch_cache_control(response, private=True)
        return response


def session_cookie_flags() -> dict[str, bool | str]:
    """The session cookie's flags, for the cookies that keep a visitor's
    state instead of a session (the first touch, the inquiry receipt)."""
    return {
        "secure": settings.SESSION_COOKIE_SECURE,
        "httponly": settings.SESSION_COOKIE_HTTPONLY,
        "samesite": settings.SESSION_COOKIE_SAMESITE,
    }


def new_first_touch(request: HttpRequest) -> dict[str, str] | None:
    """What this request says about where the visit started, if it is the first."""
    utm = {
        key: cap(request.GET[key], UTM_MAX_LENGTH)
        for key in UTM_KEYS
        if request.GET.get(key)
    }
    referrer = external_referrer(request)
    if not utm and not referrer:
        return None
    if first_touch(request):
        return None
    return {
        "landing_page": cap(request.get_full_path(), URL_MAX_LENGTH),
        "referrer": referrer,
        **utm,
    }


def first_touch(request: HttpRequest) -> dict[str, str]:
    """The recorded first touch, re-checked (the cookie is signed, but be strict)."""
    if FIRST_TOUCH_COOKIE not in request.COOKIES:
        return {}
    try:
        data = signing.loads(
            request.COOKIES[FIRST_TOUCH_COOKIE],
            salt=FIRST_TOUCH_SALT,
            max_age=settings.SESSION_COOKIE_AGE,
        )
    except signing.BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    allowed = {"landing_page": URL_MAX_LENGTH, "referrer": URL_MAX_LENGTH}
    allowed |= dict.fromkeys(UTM_KEYS, UTM_MAX_LENGTH)
    return {
        key: cap(str(data[key]), limit)
        for key, limit in allowed.items()
        if data.get(key)
    }

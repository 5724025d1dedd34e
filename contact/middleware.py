from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse

FIRST_TOUCH_SESSION_KEY = "contact_first_touch"
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
UTM_MAX_LENGTH = 100
URL_MAX_LENGTH = 500


def cap(value: str, limit: int) -> str:
    """Printable text only, at most ``limit`` characters."""
    return "".join(ch for ch in value if ch.isprintable())[:limit]


def external_referrer(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    parts = urlsplit(referer)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    if parts.netloc == request.get_host():
        return ""
    # Only the origin and path: query strings can carry other sites' secrets.
    return cap(f"{parts.scheme}://{parts.netloc}{parts.path}", URL_MAX_LENGTH)


class FirstTouchMiddleware:
    """Remember where a visit started, so the inquiry can say what brought them.

    It only opens the session when there is something to record (UTM
    parameters or a link from another site) and nothing is recorded yet, so
    ordinary visitors get no cookie and public pages stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET":
            self.record(request)
        return self.get_response(request)

    @staticmethod
    def record(request: HttpRequest) -> None:
        utm = {
            key: cap(request.GET[key], UTM_MAX_LENGTH)
            for key in UTM_KEYS
            if request.GET.get(key)
        }
        referrer = external_referrer(request)
        if not utm and not referrer:
            return
        if FIRST_TOUCH_SESSION_KEY in request.session:
            return
        request.session[FIRST_TOUCH_SESSION_KEY] = {
            "landing_page": cap(request.get_full_path(), URL_MAX_LENGTH),
            "referrer": referrer,
            **utm,
        }


def first_touch(request: HttpRequest) -> dict[str, str]:
    """The recorded first touch, re-checked (session data is ours, but be strict)."""
    data = request.session.get(FIRST_TOUCH_SESSION_KEY) or {}
    if not isinstance(data, dict):
        return {}
    allowed = {"landing_page": URL_MAX_LENGTH, "referrer": URL_MAX_LENGTH}
    allowed |= dict.fromkeys(UTM_KEYS, UTM_MAX_LENGTH)
    return {
        key: cap(str(data[key]), limit)
        for key, limit in allowed.items()
        if data.get(key)
    }

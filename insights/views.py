"""The endpoint insights.js sends events to.

Cookie-less by design: no session or CSRF token is read or set (it is
CSRF-exempt and refuses other origins instead), nothing about the sender is
stored, and the answer is an empty 204 that no cache keeps.
"""

import json
import logging
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ratelimit import client_ip, count_in_window
from insights.models import (
    WRITE_EVERY_SECONDS,
    CountedPage,
    Event,
    count_soon,
    is_first_visit_today,
    write_pending_counts,
)

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 1024
# Crawlers, link previewers, scripts and headless browsers (Lighthouse too):
# cheap to tell from the user agent, and never readers.
NOT_A_READER_RE = re.compile(
    r"bot|crawl|spider|slurp|headless|lighthouse|preview|python|curl|wget|"
    r"java/|go-http|httpclient|okhttp|phantomjs|puppeteer|playwright|selenium",
    re.IGNORECASE,
)


def no_content() -> HttpResponse:
    return HttpResponse(status=204)


def bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def wants_no_counting(request: HttpRequest) -> bool:
    """Global Privacy Control, Do Not Track, a robot or a prefetch."""
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get(
        "Purpose", ""
    )
    user_agent = request.headers.get("User-Agent", "")
    return (
        request.headers.get("Sec-GPC") == "1"
        or request.headers.get("DNT") == "1"
        or "prefetch" in purpose
        or not user_agent
        or NOT_A_READER_RE.search(user_agent) is not None
    )


def is_same_origin(request: HttpRequest) -> bool:
    """Sent by one of this site's pages: browsers always send Origin with a
    beacon. The host alone is compared, so a proxy that ends TLS without
    telling Django does not turn every event away."""
    origin = urlsplit(request.headers.get("Origin", ""))
    return origin.scheme in {"http", "https"} and origin.netloc == request.get_host()


def is_within_rate_limit(request: HttpRequest) -> bool:
    """A generous allowance per address per minute; the key is a keyed hash
    that expires with the minute, never the address."""
    digest = salted_hmac(
        "insights.rate-limit", client_ip(request), algorithm="sha256"
    ).hexdigest()[:32]
    count = count_in_window(f"insights:rate:{digest}", 60)
    # With the cache down, count anyway, as the assessment does.
    return count is None or count <= settings.INSIGHTS_EVENTS_PER_MINUTE


def parse_event(body: bytes) -> tuple[str, Event, str] | None:
    """The fixed schema: {"p": path, "e": event, "s": section id or ""}."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not set(data) <= {"p", "e", "s"}:
        return None
    path, event, section = data.get("p"), data.get("e"), data.get("s", "")
    if not all(isinstance(value, str) for value in (path, event, section)):
        return None
    if event not in Event.sent_by_pages():
        return None
    event = Event(event)
    # A view is of the page; a section seen needs its section (a click has
    # none before the first heading).
    if (event == Event.VIEW and section) or (event == Event.SEEN and not section):
        return None
    return path, event, section


@csrf_exempt
@never_cache
@require_POST
def event(request: HttpRequest) -> HttpResponse:
    """Count one event; 204 whether or not it was counted, 400 for junk."""
    length = request.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return bad_request("An event is at most 1 KB.")
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return bad_request("An event is at most 1 KB.")
    if not is_same_origin(request):
        return HttpResponse("Only this site's pages send events.", status=403)
    if wants_no_counting(request):
        return no_content()
    if not is_within_rate_limit(request):
        response = HttpResponse("Too many events; try again in a minute.", status=429)
        response["Retry-After"] = "60"
        return response
    parsed = parse_event(body)
    if parsed is None:
        return bad_request("Not an event this site counts.")
    path, kind, section = parsed
    layout = CountedPage.objects.layout(path)
    if layout is None:
        return bad_request("Not a page this site counts.")
    page_id, section_ids = layout
    if section and section not in section_ids:
        return bad_request("Not a section of this page.")
    try:
        count_soon(page_id, kind, section)
        if kind == Event.VIEW and is_first_visit_today(
            page_id, client_ip(request), request.headers.get("User-Agent", "")
        ):
            count_soon(page_id, Event.VISITOR)
        write_pending_counts_each_minute()
    except Exception:
        # A lost count is no reason to trouble the reader's browser.
        logger.exception("Insights could not count an event")
    return no_content()


# When this worker last offered to write the pending counts.
last_write = 0.0


def write_pending_counts_each_minute() -> None:
    """Once a minute, across every worker and host: the first event of a new
    minute writes what the cache has gathered."""
    global last_write
    now = time.monotonic()
    if now - last_write < WRITE_EVERY_SECONDS:
        return
    last_write = now
    if cache.add(f"insights:written:{int(time.time()) // WRITE_EVERY_SECONDS}", 1, 120):
        write_pending_counts()

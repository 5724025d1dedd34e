"""Spam defences without third-party scripts: honeypot, fill time, rate limit."""

import ipaddress
import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)

FORM_TOKEN_SALT = "contact.inquiry-form"


@dataclass(frozen=True)
class FormToken:
    """What the signed hidden field carries: when the form was shown, and its id."""

    submission_id: uuid.UUID
    issued_at: float


def issue_form_token(now: float | None = None) -> str:
    payload = {"id": uuid.uuid4().hex, "t": now if now is not None else time.time()}
    return signing.dumps(payload, salt=FORM_TOKEN_SALT, compress=True)


def read_form_token(value: str) -> FormToken | None:
    """The token's contents, or None if it is missing or was tampered with."""
    try:
        payload = signing.loads(value, salt=FORM_TOKEN_SALT)
        return FormToken(uuid.UUID(payload["id"]), float(payload["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def spam_reason(honeypot: str, token: FormToken | None, now: float) -> str:
    """Why a submission looks automated, or "" when it looks human."""
    if honeypot:
        return "Filled in the hidden honeypot field."
    if token is None:
        return "Form token missing or tampered with."
    elapsed = now - token.issued_at
    if elapsed < settings.CONTACT_MIN_FILL_SECONDS:
        return f"Sent {max(elapsed, 0):.1f}s after the form was shown."
    return ""


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, unless it is a proxy we trust.

    X-Forwarded-For is only believed when the request came from an address in
    CONTACT_TRUSTED_PROXIES, and then we take the right-most address that is
    not one of our proxies (the left-most entries are the client's to forge).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.CONTACT_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for candidate in reversed([part.strip() for part in forwarded.split(",")]):
        if candidate and candidate not in trusted:
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote


def count_in_window(key: str, window: int) -> int | None:
    """Add one to a counter in the shared cache that lives ``window`` seconds.

    The cache is shared by every worker and host (Redis in production), so the
    count holds across them. None when the cache is down: the caller decides.
    """
    try:
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:
            # It expired between add and incr: start the next window the same
            # way, so a count a neighbour has just started is added to, not
            # overwritten.
            cache.add(key, 0, timeout=window)
            return cache.incr(key)
    except Exception:
        logger.exception("Cache unavailable counting %s", key)
        return None


def rate_limit_exceeded(request: HttpRequest) -> bool:
    """Count this submission against the client's limit.

    If the cache is down we let the prospect through: losing an inquiry costs
    more than a little spam.
    """
    count = count_in_window(
        f"contact:rate:{client_ip(request)}", settings.CONTACT_RATE_LIMIT_WINDOW
    )
    return count is not None and count > settings.CONTACT_RATE_LIMIT

"""Spam defences without third-party scripts: honeypot, fill time, rate limit."""

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest

from core.ratelimit import client_ip, count_in_window

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


def rate_limit_exceeded(request: HttpRequest) -> bool:
    """Count this submission against the client's limit.

    If the cache is down we let the prospect through: losing an inquiry costs
    more than a little spam.
    """
    count = count_in_window(
        f"contact:rate:{client_ip(request)}", settings.CONTACT_RATE_LIMIT_WINDOW
    )
    return count is not None and count > settings.CONTACT_RATE_LIMIT

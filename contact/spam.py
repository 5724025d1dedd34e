"""Spam defences without third-party scripts: honeypot, fill time, rate limit."""

import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.crypto import constant_time_compare, salted_hmac

from core.ratelimit import client_ip, count_in_window

FORM_TOKEN_SALT = "contact.inquiry-form"


@dataclass(frozen=True)
class FormToken:
    """What the signed hidden field carries: the form's id, when it was shown
    and to which browser."""

    submission_id: uuid.UUID
    issued_at: float
    browser: str

    def is_for(self, browser: str, now: float) -> bool:
        """Sent back by the browser it was shown to, before it expired.

        Only then may a repeat of it find the inquiry it already saved: a token
        copied from another visitor's page must never show that inquiry.
        """
        return (
            constant_time_compare(self.browser, browser)
            and now - self.issued_at <= settings.CONTACT_FORM_TOKEN_MAX_AGE
        )


def browser_key(request: HttpRequest) -> str:
    """This browser, as its CSRF cookie names it, without revealing the cookie.

    The CSRF middleware has checked the cookie on a POST; on a GET this gives
    a new browser its cookie.
    """
    get_token(request)
    secret = request.META["CSRF_COOKIE"]
    return salted_hmac(FORM_TOKEN_SALT, secret, algorithm="sha256").hexdigest()[:32]


def issue_form_token(browser: str, now: float | None = None) -> str:
    payload = {
        "id": uuid.uuid4().hex,
        "t": now if now is not None else time.time(),
        "b": browser,
    }
    return signing.dumps(payload, salt=FORM_TOKEN_SALT, compress=True)


def read_form_token(value: str) -> FormToken | None:
    """The token's contents, or None if it is missing or was tampered with."""
    try:
        payload = signing.loads(value, salt=FORM_TOKEN_SALT)
        # A form shown before tokens named their browser is refreshed, not
        # quarantined.
        browser = str(payload.get("b", ""))
        return FormToken(uuid.UUID(payload["id"]), float(payload["t"]), browser)
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


def over_the_limit(request: HttpRequest, *, sent: bool) -> bool:
    """Count this post against the client's allowance, and say if it is spent.

    Inquiries sent and posts with errors have separate allowances: a prospect
    fixing typos keeps every inquiry of theirs, and a bot posting nonsense
    still meets a limit. If the cache is down we let the post through: losing
    an inquiry costs more than a little spam.
    """
    if sent:
        kind, limit = "sent", settings.CONTACT_RATE_LIMIT
    else:
        kind, limit = "invalid", settings.CONTACT_INVALID_POST_LIMIT
    count = count_in_window(
        f"contact:{kind}:{client_ip(request)}", settings.CONTACT_RATE_LIMIT_WINDOW
    )
    return count is not None and count > limit

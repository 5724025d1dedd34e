"""When a session's second factor was last checked, and who may try again."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django_otp import login as otp_login

from accounts.models import AuditEvent
from core.ratelimit import client_ip, count_in_window

VERIFIED_AT = "staff_verified_at"
SIGNED_IN_AT = "staff_signed_in_at"
SEEN_AT = "staff_seen_at"


def mark_verified(request: HttpRequest, device, *, step_up: bool = False) -> None:
    """The session's second factor has just been checked with ``device``."""
    otp_login(request, device)
    request.session[VERIFIED_AT] = time.time()
    if step_up:
        AuditEvent.record(
            request,
            AuditEvent.Kind.SECOND_FACTOR_CONFIRMED,
            detail=f"with {device_label(device)}",
        )


def verified_recently(request: HttpRequest) -> bool:
    """Whether the second factor was checked within STEP_UP_MAX_AGE."""
    verified_at = request.session.get(VERIFIED_AT)
    if not request.user.is_verified() or verified_at is None:
        return False
    return time.time() - verified_at <= settings.STEP_UP_MAX_AGE.total_seconds()


def device_label(device) -> str:
    kind = {
        "totpdevice": "an authenticator app",
        "staticdevice": "a recovery code",
        "webauthncredential": "a passkey",
    }.get(device._meta.model_name, "a device")
    return f'{kind} ("{device.name}")' if device.name else kind


def failures_key(request: HttpRequest) -> str:
    return f"sign-in-failures:{client_ip(request)}"


def count_address_failure(request: HttpRequest) -> None:
    count_in_window(failures_key(request), settings.SIGN_IN_ADDRESS_WINDOW_SECONDS)


def address_is_blocked(request: HttpRequest) -> bool:
    """Too many failed sign-ins from this address, on any accounts."""
    try:
        failures = cache.get(failures_key(request)) or 0
    except Exception:
        # The cache is down: the per-account lockout (in the database) holds.
        return False
    return failures >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT

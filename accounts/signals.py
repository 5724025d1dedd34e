"""Sign-ins, failures and sign-outs, recorded as they happen.

Django announces them with these signals whichever view signed the person in
(the admin's form, a passkey, the test client), so the audit trail and the
session's clock are set here rather than in each view.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.verification import (
    SEEN_AT,
    SIGNED_IN_AT,
    VERIFIED_AT,
    count_address_failure,
    device_label,
)


@receiver(user_logged_in)
def start_staff_session(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    # An absolute end: the cookie's expiry does not move when the session is
    # saved again, as it would with a number of seconds.
    request.session.set_expiry(
        timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    device = getattr(user, "otp_device", None)
    if device is not None:
        request.session[VERIFIED_AT] = now
    if getattr(user, "backend", "").endswith("WebAuthnBackend"):
        how = "a passkey"
    elif device is not None:
        how = f"password and {device_label(device)}"
    else:
        how = "password only, to set up a second factor"
    AuditEvent.record(request, AuditEvent.Kind.SIGNED_IN, user=user, detail=how)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    if request is None:
        return
    count_address_failure(request)
    AuditEvent.record(
        request,
        AuditEvent.Kind.SIGN_IN_FAILED,
        user=None,
        username=str(credentials.get("username", "")),
        detail=str(credentials.get("reason", "wrong password or unknown name")),
    )


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs) -> None:
    if request is not None and user is not None:
        reason = getattr(request, "sign_out_reason", "")
        AuditEvent.record(request, AuditEvent.Kind.SIGNED_OUT, user=user, detail=reason)

"""The staff member's own security: enrolment, factors, recovery codes,
sign-out everywhere, and confirming it's them before a sensitive change."""

import io
import time
from base64 import b32encode
from datetime import UTC, timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn import exceptions
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from accounts.admin import admin_context
from accounts.decorators import (
    recent_second_factor_required,
    signed_in_staff_required,
    verified_staff_required,
)
from accounts.forms import CodeForm
from accounts.middleware import PASSKEY_THEN_SEND, step_up_redirect
from accounts.models import (
    AuditEvent,
    end_sessions,
    has_sign_in_factor,
    make_recovery_codes,
    recovery_codes_left,
)
from accounts.verification import (
    VERIFIED_AT,
    device_label,
    mark_verified,
    verified_recently,
)

ENROLLING_APP = "accounts_enrolling_totp"
# security.txt's Expires, ahead of today (RFC 9116 asks for under a year).
SECURITY_TXT_LIFETIME = timedelta(days=180)


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@never_cache
@signed_in_staff_required
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in (or adding an app): a passkey, or an authenticator app."""
    user = request.user
    first_factor = not has_sign_in_factor(user)
    if not first_factor and not user.is_verified():
        return redirect("admin:login")
    if not first_factor and not verified_recently(request):
        # A new factor is a way in for whoever holds it: the session alone
        # (perhaps left open) is not enough.
        return step_up_redirect(request)
    device = enrolling_app(request)
    form = CodeForm(user, request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        del request.session[ENROLLING_APP]
        mark_verified(request, device)
        AuditEvent.record(
            request, AuditEvent.Kind.FACTOR_ADDED, detail=device_label(device)
        )
        if first_factor:
            return show_recovery_codes(request, first=True)
        messages.success(request, "Your authenticator app is set up.")
        return redirect("accounts:security")
    return TemplateResponse(
        request,
        "accounts/enrol.html",
        admin_context(
            request,
            "Set up your second factor" if first_factor else "Add an authenticator app",
            form=form,
            first_factor=first_factor,
            secret=b32encode(device.bin_key).decode(),
            after_passkey=reverse("accounts:passkey_added"),
        ),
    )


def enrolling_app(request: HttpRequest) -> TOTPDevice:
    """The unconfirmed app being set up in this session (one at a time)."""
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(ENROLLING_APP)
    ).first()
    if device is None:
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
        request.session[ENROLLING_APP] = device.pk
    return device


@never_cache
@signed_in_staff_required
def enrol_qr_code(request: HttpRequest) -> HttpResponse:
    """The QR code of the app being set up, drawn here: the secret never
    leaves for a third party's QR service."""
    device = get_object_or_404(
        TOTPDevice,
        user=request.user,
        confirmed=False,
        pk=request.session.get(ENROLLING_APP),
    )
    svg = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        svg,
        kind="svg",
        scale=5,
        dark="#1a1a2e",
        light="#ffffff",
        title="Authenticator app QR code",
        xmldecl=False,
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@never_cache
@signed_in_staff_required
def passkey_added(request: HttpRequest) -> HttpResponse:
    """After a passkey is registered: the recovery codes on a first enrolment."""
    passkey = (
        WebAuthnCredential.objects.filter(user=request.user, confirmed=True)
        .order_by("-created_at")
        .first()
    )
    if passkey is None or not request.user.is_verified():
        return redirect("accounts:enrol")
    AuditEvent.record(
        request, AuditEvent.Kind.FACTOR_ADDED, detail=device_label(passkey)
    )
    if recovery_codes_left(request.user) == 0:
        return show_recovery_codes(request, first=True)
    messages.success(request, "Your passkey is set up.")
    return redirect("accounts:security")


def show_recovery_codes(request: HttpRequest, *, first: bool = False):
    codes = make_recovery_codes(request.user)
    AuditEvent.record(request, AuditEvent.Kind.RECOVERY_CODES_MADE)
    return TemplateResponse(
        request,
        "accounts/recovery_codes.html",
        admin_context(request, "Your recovery codes", codes=codes, first=first),
    )


@never_cache
@verified_staff_required
def security(request: HttpRequest) -> HttpResponse:
    user = request.user
    return TemplateResponse(
        request,
        "accounts/security.html",
        admin_context(
            request,
            "Your sign-in security",
            apps=TOTPDevice.objects.filter(user=user, confirmed=True),
            passkeys=WebAuthnCredential.objects.filter(user=user, confirmed=True),
            codes_left=recovery_codes_left(user),
            after_passkey=reverse("accounts:passkey_added"),
            confirmed_recently=verified_recently(request),
        ),
    )


@require_POST
@verified_staff_required
@recent_second_factor_required
def remove_factor(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = {"app": TOTPDevice, "passkey": WebAuthnCredential}[kind]
    device = get_object_or_404(model, user=request.user, pk=pk)
    others = [
        each
        for each in (
            *TOTPDevice.objects.filter(user=request.user, confirmed=True),
            *WebAuthnCredential.objects.filter(user=request.user, confirmed=True),
        )
        if each != device
    ]
    if not others:
        messages.error(
            request,
            "This is your only passkey or app: add another before you remove it.",
        )
        return redirect("accounts:security")
    label = device_label(device)
    device.delete()
    AuditEvent.record(request, AuditEvent.Kind.FACTOR_REMOVED, detail=label)
    messages.success(request, f"Removed {label}.")
    return redirect("accounts:security")


@require_POST
@verified_staff_required
@recent_second_factor_required
def regenerate_recovery_codes(request: HttpRequest) -> HttpResponse:
    return show_recovery_codes(request)


@require_POST
@verified_staff_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of this account, this one included."""
    user = request.user
    AuditEvent.record(request, AuditEvent.Kind.SIGNED_OUT_EVERYWHERE)
    logout(request)
    end_sessions(user)
    messages.success(request, "You are signed out on every device.")
    return redirect("admin:login")


@never_cache
@verified_staff_required
def confirm(request: HttpRequest) -> HttpResponse:
    """Step-up: the second factor again, before a sensitive change or export."""
    next_url = safe_next(request, reverse("admin:index"))
    form = CodeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        mark_verified(request, form.device, step_up=True)
        return redirect(next_url)
    return TemplateResponse(
        request,
        "accounts/confirm.html",
        admin_context(request, "Confirm it's you", form=form, next=next_url),
    )


class PasskeySignIn(CompleteCredentialAuthenticationView):
    """django-otp-webauthn's passkey sign-in, which also starts the step-up
    clock (and counts as a step-up when already signed in)."""

    def complete_auth(self, device):
        step_up = self.request.user.is_authenticated
        super().complete_auth(device)
        mark_verified(self.request, device, step_up=step_up)

    def get_success_url(self):
        # A kept change is sent by the page itself (send-again.js).
        if self.request.GET.get("next") == PASSKEY_THEN_SEND:
            return ""
        return super().get_success_url()


class OnlyStaffRegisterPasskeys:
    """A passkey is for staff; once they have a factor, a new one needs the
    second factor checked in the last ten minutes, as any sensitive change."""

    def check_can_register(self):
        user = self.request.user
        if not user.is_staff:
            raise exceptions.NotAuthenticated()
        if has_sign_in_factor(user) and not verified_recently(self.request):
            raise exceptions.NotVerified(
                detail="Confirm it's you first: reload this page and follow its link."
            )


class PasskeyRegistrationStart(
    OnlyStaffRegisterPasskeys, BeginCredentialRegistrationView
):
    pass


class PasskeyRegistration(
    OnlyStaffRegisterPasskeys, CompleteCredentialRegistrationView
):
    """The first passkey also verifies the session that enrolled it."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200 and self.request.user.is_verified():
            self.request.session.setdefault(VERIFIED_AT, time.time())
        return response


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where researchers report what they find.

    Expires is computed on each request, so the file is never stale, and is
    well under the RFC's "less than a year" ahead.
    """
    site = settings.SITE_URL
    expires = (timezone.now() + SECURITY_TXT_LIFETIME).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {site}/.well-known/security.txt",
        f"Policy: {site}/report-a-vulnerability/",
    ]
    response = HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response

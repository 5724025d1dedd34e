"""Staff sessions: how long they last, what they reach before a second factor,
and when they must confirm it's still them."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.admin import admin_context
from accounts.forms import CodeForm
from accounts.models import has_sign_in_factor
from accounts.verification import (
    SEEN_AT,
    SIGNED_IN_AT,
    address_is_blocked,
    mark_verified,
    verified_recently,
)
from core.views import error_page

# The step-up form kept inside a change that was sent too late.
STEP_UP_PREFIX = "step_up"
STEP_UP_FIELD = f"{STEP_UP_PREFIX}-otp_token"
# A passkey check that sends the kept form rather than going anywhere.
PASSKEY_THEN_SEND = "#send-again"

# How often the idle clock is written: not on every request.
SEEN_RESOLUTION_SECONDS = 60


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signing_in = request.method == "POST" and self.is_sign_in(request)
        if signing_in and address_is_blocked(request):
            return address_locked_out()
        # Only a browser with a session has anything to check: public pages
        # for visitors never touch the session (and so stay cacheable).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.end_stale_session(request)
        return self.get_response(request)

    @staticmethod
    def is_sign_in(request) -> bool:
        return request.path in (
            reverse("admin:login"),
            reverse("otp_webauthn:credential-authentication-complete"),
        )

    @staticmethod
    def end_stale_session(request) -> None:
        if not request.user.is_authenticated:
            return
        now = time.time()
        session = request.session
        signed_in_at = session.get(SIGNED_IN_AT)
        seen_at = session.get(SEEN_AT)
        if signed_in_at is None or seen_at is None:
            request.sign_out_reason = "a session from before the time limits"
        elif now - signed_in_at > settings.SESSION_COOKIE_AGE:
            request.sign_out_reason = "12 hours after signing in"
        elif now - seen_at > settings.STAFF_SESSION_IDLE_SECONDS:
            idle_minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
            request.sign_out_reason = f"idle for {idle_minutes} minutes"
        if hasattr(request, "sign_out_reason"):
            logout(request)  # recorded, with the reason (accounts/signals.py)
            return
        if now - seen_at > SEEN_RESOLUTION_SECONDS:
            session[SEEN_AT] = now

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        in_admin = request.path.startswith(reverse("admin:index"))
        own_account = request.path.startswith(reverse("accounts:security"))
        if not user.is_verified():
            if own_account or request.path in (
                reverse("admin:login"),
                reverse("admin:logout"),
            ):
                return None
            if in_admin:
                if has_sign_in_factor(user):
                    return None  # the admin's own guard asks them to sign in
                return redirect("accounts:enrol")
            # Anywhere else (a draft's preview, say) the session is anyone's:
            # a staff-only view outside the admin asks for sign-in too.
            request.user = AnonymousUser()
            return None
        if in_admin and self.needs_step_up(request) and not verified_recently(request):
            if request.method == "POST" and not request.FILES:
                return confirm_and_send_again(request)
            return step_up_redirect(request)
        return None

    @staticmethod
    def needs_step_up(request) -> bool:
        """Changing users, groups or site settings (STEP_UP_ADMIN_MODELS)."""
        match = request.resolver_match
        name = match.url_name if match and match.namespace == "admin" else ""
        for label in settings.STEP_UP_ADMIN_MODELS:
            prefix = label.replace(".", "_") + "_"
            if not (name or "").startswith(prefix):
                continue
            reading = name.endswith(("_changelist", "_history"))
            return request.method == "POST" or not reading
        return False


def confirm_and_send_again(request):
    """A change sent after the check went stale: ask for the code here, with
    what was typed kept in the page, and send it on once the code is right,
    so nothing typed is lost."""
    form = CodeForm(
        request.user,
        request.POST if STEP_UP_FIELD in request.POST else None,
        prefix=STEP_UP_PREFIX,
    )
    if form.is_valid():
        mark_verified(request, form.device, step_up=True)
        request.POST = request.POST.copy()
        del request.POST[STEP_UP_FIELD]
        return None
    kept = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", STEP_UP_FIELD)
        for value in values
    ]
    return TemplateResponse(
        request,
        "accounts/confirm.html",
        admin_context(
            request,
            "Confirm it's you",
            form=form,
            kept=kept,
            action=request.get_full_path(),
            next=PASSKEY_THEN_SEND,
        ),
        status=403,
    )


def step_up_redirect(request):
    """To the page that asks for the second factor, then back here."""
    if request.method == "GET":
        back = request.get_full_path()
    else:
        # A form that only posts says where to come back to.
        back = request.POST.get("next") or request.path
    return redirect(f"{reverse('accounts:confirm')}?{urlencode({'next': back})}")


def address_locked_out():
    window = settings.SIGN_IN_ADDRESS_WINDOW_SECONDS
    response = error_page(
        "login_locked_out.html",
        429,
        failure_limit=settings.SIGN_IN_ADDRESS_FAILURE_LIMIT,
        cooloff_minutes=window // 60,
    )
    response["Retry-After"] = str(window)
    response["Cache-Control"] = "no-store"
    return response

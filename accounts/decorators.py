"""Guards for the views of staff accounts, and step-up for any view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.middleware import step_up_redirect
from accounts.models import AuditEvent
from accounts.verification import verified_recently


def signed_in_staff_required(view):
    """Any signed-in member of staff, verified or not (enrolment)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not (request.user.is_authenticated and request.user.is_staff):
            return redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return guarded


def verified_staff_required(view):
    """Staff whose session has passed the second factor."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_staff and user.is_verified()):
            return redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return guarded


def recent_second_factor_required(view):
    """Ask for the second factor again when the last check is older than
    STEP_UP_MAX_AGE (ten minutes), then come back.

    Works on a view ``(request, ...)`` and on a method or admin action
    ``(self, request, ...)``: the request is the first HttpRequest argument.
    """

    @wraps(view)
    def guarded(*args, **kwargs):
        request = next(arg for arg in args if isinstance(arg, HttpRequest))
        if not verified_recently(request):
            return step_up_redirect(request)
        return view(*args, **kwargs)

    return guarded


def redirect_to_sign_in(request: HttpRequest):
    return redirect_to_login(request.get_full_path())


def records_export(what: str):
    """Record an export in the audit trail: who, when, from where, how many."""

    def decorate(view):
        @wraps(view)
        def recorded(*args, **kwargs):
            request = next(arg for arg in args if isinstance(arg, HttpRequest))
            rows = next((arg for arg in args if isinstance(arg, QuerySet)), None)
            count = f" ({rows.count()})" if rows is not None else ""
            AuditEvent.record(
                request, AuditEvent.Kind.EXPORTED, detail=f"{what}{count}"
            )
            return view(*args, **kwargs)

        return recorded

    return decorate

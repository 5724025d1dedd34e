"""The admin site: Django's, with our titles and one guard on every list.

Apart from core/admin.py, whose registrations would otherwise run while the
default site is still being created (core.apps.SiteAdminConfig names it).
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest
from django.urls import path
from django.utils.module_loading import import_string


class SiteAdminSite(admin.AdminSite):
    """The admin: core.apps.SiteAdminConfig makes it the default site."""

    site_header = "Steadfast Partners"
    site_title = "Steadfast Partners admin"
    index_title = "Website administration"

    @property
    def login_form(self):
        # Username, password and one-time code (settings.ADMIN_LOGIN_FORM),
        # named in settings so that core imports no other app.
        return import_string(settings.ADMIN_LOGIN_FORM)

    def has_permission(self, request: HttpRequest) -> bool:
        # No admin page, the index included, for a session whose second
        # factor is unverified (django-otp's OTPMiddleware adds is_verified);
        # superusers too. Without the middleware nobody gets in.
        is_verified = getattr(request.user, "is_verified", None)
        return bool(super().has_permission(request) and is_verified and is_verified())

    def get_urls(self):
        # Before the admin's own "view on site" redirect, which asks only
        # that a user be staff: a draft's address is its editors' business.
        shortcut = self.admin_view(view_on_site_for_those_who_may_view)
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                shortcut,
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        if getattr(view, "__name__", "") == "changelist_view":
            view = refuse_filters_out_of_range(view)
        return super().admin_view(view, cacheable)


def refuse_filters_out_of_range(changelist_view):
    """A 400 for a list filter the database cannot compute, not a 500.

    ``?published_at__year=99999999999`` passes the admin's own check of the
    lookup and fails only when the list is counted, with OverflowError or
    ValueError; on any list, ours or a library's.
    """

    @wraps(changelist_view)
    def view(request: HttpRequest, *args, **kwargs):
        # Only a list filtered through the address: anything else that raises
        # is a bug to see as a 500.
        filtered = any("__" in name for name in request.GET)
        if request.method not in ("GET", "HEAD") or not filtered:
            return changelist_view(request, *args, **kwargs)
        try:
            return changelist_view(request, *args, **kwargs)
        except (OverflowError, ValueError) as error:
            raise BadRequest("A filter in the address is out of range.") from error

    return view


def view_on_site_for_those_who_may_view(
    request: HttpRequest, content_type_id: int, object_id: str
):
    """The admin's redirect to an object's page, for staff who may see it."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    opts = model._meta if model is not None else None
    if opts is None or not any(
        request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    ):
        raise Http404("Nothing to show here.")
    return shortcut(request, content_type_id, object_id)

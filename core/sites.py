"""The admin site: Django's, with our titles and one guard on every list.

Apart from core/admin.py, whose registrations would otherwise run while the
default site is still being created (core.apps.SiteAdminConfig names it).
"""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.http import HttpRequest


class SiteAdminSite(admin.AdminSite):
    """The admin: core.apps.SiteAdminConfig makes it the default site."""

    site_header = "Steadfast Partners"
    site_title = "Steadfast Partners admin"
    index_title = "Website administration"

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

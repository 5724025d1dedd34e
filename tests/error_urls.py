"""A URLconf with a view that fails, to see what visitors get when code breaks."""

from django.db import OperationalError
from django.urls import path

from steadfast.urls import handler404, handler500, urlpatterns


def broken_view(request):
    raise RuntimeError("SECRET_KEY leaked in a traceback")


def database_down_view(request):
    raise OperationalError("database is locked")


# First: the site's own patterns end with a catch-all for plain pages.
urlpatterns = [
    path("broken/", broken_view),
    path("database-down/", database_down_view),
    *urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]

"""The site's URLconf plus a services page, as the pages app will add one."""

from django.http import HttpResponse
from django.urls import include, path

from steadfast.urls import handler404, handler500, urlpatterns


def services(request):
    return HttpResponse("Services")


urlpatterns = [
    path("", include(([path("services/", services, name="services")], "pages"))),
    *urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from accounts import views as account_views
from accounts.urls import passkey_urlpatterns
from core import views as core_views
from pages import views as page_views
from publishing import views as publishing_views

urlpatterns = [
    path("", page_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", account_views.security_txt, name="security_txt"),
    path("sitemap.xml", page_views.sitemap, name="sitemap"),
    path("articles/", include("articles.urls")),
    path("contact/", include("contact.urls")),
    path("assessment/", include("assessment.urls")),
    path("admin/account/passkeys/", include((passkey_urlpatterns, "otp_webauthn"))),
    path("admin/account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("preview/", include("publishing.urls")),
    path("", include("people.urls")),
    path("insights/", include("insights.urls")),
    # Last: a plain page's address is any one-part path no other app uses.
    path("", include("pages.urls")),
]
# Uploaded images; in production the proxy serves MEDIA_ROOT (README).
# Before the pages' catch-all, which would take /media/... otherwise.
if settings.DEBUG:
    urlpatterns.insert(
        0, re_path(r"^media/(?P<path>.*)$", publishing_views.media, name="media")
    )

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

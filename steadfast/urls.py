from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import views as article_views
from steadfast import views

admin.site.site_header = "Steadfast Partners"
admin.site.site_title = "Steadfast Partners admin"
admin.site.index_title = "Website administration"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", article_views.sitemap, name="sitemap"),
    path("articles/", include("articles.urls")),
    path("contact/", include("contact.urls")),
    path("assessment/", include("assessment.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded share images; in production the proxy serves MEDIA_ROOT (README).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "steadfast.views.bad_request"
handler403 = "steadfast.views.permission_denied"
handler404 = "steadfast.views.page_not_found"
handler500 = "steadfast.views.server_error"

import base64
import hashlib
import re

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from core.models import NavigationLink, SiteCopy, SiteSettings

_IMPORTMAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.DOTALL)


# tiptap (inside django-prose-editor 0.28.0) injects one constant <style> of
# editor base rules. Allowed by hash; after upgrading the editor, take the new
# hash from the CSP error in the browser console (the browser suite fails).
EDITOR_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]


def allow_editor_inline_code(response: HttpResponse) -> HttpResponse:
    """Let the editor's inline import map and base styles through our strict CSP.

    Each is allowed by its hash, which keeps 'unsafe-inline' out of the policy.
    https://www.w3.org/TR/CSP3/#grammardef-hash-source
    """
    if hasattr(response, "render"):
        response.render()
    script_hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in _IMPORTMAP.findall(response.content)
    ]
    if script_hashes:
        policy = dict(settings.SECURE_CSP)
        policy["script-src"] = [*policy.get("script-src", []), *script_hashes]
        policy["style-src"] = [*policy.get("style-src", []), *EDITOR_STYLE_HASHES]
        response._csp_config = policy
    return response


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One record: the list goes straight to it."""

    fields = ("phone_number", "updated_at")
    readonly_fields = ("updated_at",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings_record, _ = SiteSettings.objects.get_or_create(
            pk=SiteSettings.SINGLETON_PK
        )
        return HttpResponseRedirect(
            reverse("admin:core_sitesettings_change", args=[settings_record.pk])
        )


class NavigationLinkInline(admin.TabularInline):
    model = NavigationLink
    extra = 1
    fields = ["position", "label", "url"]
    verbose_name_plural = "Main navigation (in the order shown)"


@admin.register(SiteCopy)
class SiteCopyAdmin(admin.ModelAdmin):
    """One record: the words every page shares. The list goes straight to it."""

    inlines = [NavigationLinkInline]
    readonly_fields = ("updated_at",)
    fieldsets = [
        ("Footer", {"fields": ["footer_text"]}),
        (
            "Call-to-action panel",
            {
                "fields": ["cta_heading", "cta_text", "cta_assessment_prompt"],
                "description": "Shown on the home page, every article and page.",
            },
        ),
        ("Home page", {"fields": ["assessment_teaser"]}),
        ("Contact page", {"fields": ["contact_heading", "contact_intro"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        record, _ = SiteCopy.objects.get_or_create(pk=SiteCopy.SINGLETON_PK)
        return HttpResponseRedirect(
            reverse("admin:core_sitecopy_change", args=[record.pk])
        )

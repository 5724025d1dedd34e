from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.models import NavigationLink, SiteCopy, SiteSettings


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records staff read and never add, change or delete: figures, trails."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


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
    fields = ["label", "url", "position"]
    verbose_name_plural = (
        "Main navigation (in the order shown; move a link with its arrows)"
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(SiteCopy)
class SiteCopyAdmin(admin.ModelAdmin):
    """The words every page shares, drafted, previewed, then published.

    The list goes straight to the draft record: saving keeps it from
    visitors, "Publish" copies it onto the live one.
    """

    inlines = [NavigationLinkInline]
    change_form_template = "admin/core/sitecopy/change_form.html"
    fieldsets = [
        (
            "Call-to-action panel",
            {
                "fields": ["cta_heading", "cta_text", "cta_assessment_prompt"],
                "description": "Shown on the home page, every article and page.",
            },
        ),
        (
            "Footer",
            {
                "fields": ["footer_text", "email", "postal_address", "linkedin_url"],
                "description": (
                    "The footer always links to the privacy notice; the email, "
                    "address and LinkedIn page show when they are filled in."
                ),
            },
        ),
    ]

    class Media:
        js = ["core/reorder.js"]
        css = {"all": ["core/reorder.css"]}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="core_sitecopy_preview"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        draft = SiteCopy.draft_record()
        return HttpResponseRedirect(
            reverse("admin:core_sitecopy_change", args=[draft.pk])
        )

    def get_object(self, request, object_id, from_field=None):
        # Staff always edit the draft; the live record changes by publishing.
        if str(object_id) != str(SiteCopy.DRAFT_PK):
            return None
        return super().get_object(request, object_id, from_field)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if "_publish" in request.POST:
            form.instance.publish()
            request.site_copy_outcome = "Published: every page shows the new words."
        else:
            request.site_copy_outcome = (
                "Draft saved: visitors still see the published words. Preview "
                "it, then publish."
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # One message per save, saying what happened.
        if level == messages.SUCCESS and hasattr(request, "site_copy_outcome"):
            message = request.site_copy_outcome
        return super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request: HttpRequest, obj):
        request.POST = request.POST.copy()
        request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        context["has_draft"] = bool(obj and obj.differs_from_live())
        return super().render_change_form(request, context, add, change, **kwargs)

    def preview_view(self, request: HttpRequest):
        """The draft's navigation, call-to-action panel and footer, on a page
        laid out as every page is."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        draft = SiteCopy.draft_record()
        context = {
            "site_copy": draft,
            "site_navigation": draft.navigation(),
            "site_copy_preview": True,
        }
        response = TemplateResponse(request, "core/site_copy_preview.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

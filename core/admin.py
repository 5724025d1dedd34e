import base64
import hashlib
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.drafts import readable_changes
from core.images import validate_upload_size
from core.models import Image, NavigationLink, SiteCopy, SiteSettings

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


PUBLISH_BUTTON = "_publish"
# What the sanitiser removes from pasted text that an editor should hear about.
_REMOVED_ON_SAVE = re.compile(
    r"<script|<style|<iframe|\son[a-z]+\s*=|javascript:", re.I
)


def warn_about_removed_markup(request: HttpRequest) -> None:
    if _REMOVED_ON_SAVE.search(request.POST.get("body", "")):
        messages.warning(
            request,
            "Scripts, styles and event handlers pasted into the text were "
            "removed; the text, its tables and links are kept.",
        )


class DraftAdminMixin:
    """Editing live content saves a draft; "Publish changes" makes it live.

    For a ``DraftedContent`` model edited with simple-history's admin: the
    change form shows the draft, saving keeps it beside the live version,
    and History lists changes as words instead of markup.
    """

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # simple-history 3.13 calls select_related() with no field names when
        # the model has no ForeignKey, which Django 6.1 deprecates.
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user"
        )

    # The rich-text editor's inline import map and style, on every page that
    # shows it: the form and a past version from History.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return allow_editor_inline_code(response)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        return allow_editor_inline_code(response)

    # admin/<app>/<model>/submit_line.html adds the "Publish changes" button.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.has_draft:
            obj.apply_draft()
        return obj

    def is_saving_draft(self, request: HttpRequest, obj) -> bool:
        """Whether this save keeps the words as a draft: the saved version is
        live and the editor did not press "Publish changes"."""
        if obj.pk is None or PUBLISH_BUTTON in request.POST:
            return False
        live = type(obj).objects.filter(pk=obj.pk).first()
        return live is not None and live.is_published

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        warn_about_removed_markup(request)
        if self.is_saving_draft(request, obj):
            obj.keep_as_draft(type(obj).objects.get(pk=obj.pk))
            if obj.has_draft:
                messages.info(
                    request,
                    "Saved as a draft: visitors still see the published version. "
                    "Preview it, then press “Publish changes”.",
                )
        else:
            if obj.has_draft and PUBLISH_BUTTON in request.POST:
                messages.success(request, "Your changes are live.")
            obj.draft = {}
        super().save_model(request, obj, form, change)

    def response_change(self, request: HttpRequest, obj):
        if PUBLISH_BUTTON in request.POST:
            # Back to the form, as "Save and continue editing" does.
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        context["can_publish_changes"] = bool(obj and obj.pk and obj.is_published)
        context["has_draft"] = bool(obj and obj.has_draft)
        return super().render_change_form(request, context, add, change, **kwargs)

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        fields = self.model.DRAFT_FIELDS
        labels = {
            name: str(self.model._meta.get_field(name).verbose_name).capitalize()
            for name in fields
        }
        records = list(historical_records)
        for record, previous in zip(records, records[1:], strict=False):
            record.history_delta_changes = readable_changes(
                previous, record, fields, labels
            )


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
        (
            "Home page",
            {
                "fields": [
                    "home_featured_label",
                    "home_more_heading",
                    "home_assessment_heading",
                    "assessment_teaser",
                ]
            },
        ),
        (
            "Contact page",
            {
                "fields": [
                    "contact_heading",
                    "contact_intro",
                    "contact_form_heading",
                    "contact_call_heading",
                    "contact_call_text",
                    "contact_next_heading",
                    "contact_next_steps",
                    "contact_privacy_note",
                ]
            },
        ),
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


class ImageUploadField(forms.ImageField):
    """Size first: a 30 MB file hears that it is too large, not that Pillow
    could not read it."""

    def to_python(self, data):
        if data is not None and getattr(data, "size", 0):
            validate_upload_size(data)
        return super().to_python(data)


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "is_decorative"]
        field_classes = {"file": ImageUploadField}


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The image library: what the editor's "Browse..." lists and uploads to."""

    form = ImageForm
    list_display = ["preview", "__str__", "is_decorative", "size", "uploaded_at"]
    list_display_links = ["__str__"]
    search_fields = ["alt_text"]
    readonly_fields = ["preview", "size", "uploaded_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Image | None = None):
        # Its renditions are made from the first upload: a new picture is a
        # new image, uploaded as one.
        if obj is not None:
            return [*self.readonly_fields, "file"]
        return self.readonly_fields

    @admin.display(description="Picture")
    def preview(self, image: Image) -> SafeString | str:
        if not image.renditions:
            return "–"
        thumbnail = image.thumbnail
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="image-library__thumb">',
            thumbnail["url"],
            thumbnail["width"],
            thumbnail["height"],
        )

    @admin.display(description="Size (pixels)")
    def size(self, image: Image) -> str:
        return f"{image.width}×{image.height}"

    class Media:
        css = {"all": ["core/image-picker.css"]}

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [
            path("picker/", picker, name="core_image_picker"),
            *super().get_urls(),
        ]

    def picker_view(self, request: HttpRequest):
        """The editor's image picker: choose from the library or upload one.

        It opens in a window of its own; a static script hands the choice
        back to the editor (core/static/core/image-picker.js).
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_add = self.has_add_permission(request)
        form = ImageForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and can_add and form.is_valid():
            image = form.save()
            messages.success(request, "Uploaded. Choose it below to insert it.")
            return redirect(f"{request.get_full_path()}#image-{image.pk}")
        context = {
            **self.admin_site.each_context(request),
            "title": "Insert an image",
            "opts": self.model._meta,
            "form": form if can_add else None,
            "images": Image.objects.all()[:60],
            "func_num": request.GET.get("CKEditorFuncNum", ""),
        }
        return TemplateResponse(request, "admin/core/image/picker.html", context)

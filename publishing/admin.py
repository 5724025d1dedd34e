"""The editor's admin: one way to save a draft, preview, publish and schedule,
the history as readable text, and the image library the editor inserts from."""

import base64
import hashlib
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from publishing.history import readable_changes
from publishing.images import Image, validate_upload_size
from publishing.models import Publishable, Status

_IMPORTMAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.DOTALL)

# tiptap (inside django-prose-editor 0.28.0) injects one constant <style> of
# editor base rules. Allowed by hash; after upgrading the editor, take the new
# hash from the CSP error in the browser console (the browser suite fails).
EDITOR_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]

SAVE_DRAFT, PUBLISH, UNPUBLISH = "_save_draft", "_publish", "_unpublish"
# What the sanitiser removes from pasted text that an editor should hear about.
_REMOVED_ON_SAVE = re.compile(
    r"<script|<style|<iframe|\son[a-z]+\s*=|javascript:", re.I
)


def allow_editor_inline_code(response: HttpResponse) -> HttpResponse:
    """Let the editor's inline import map and base styles through our strict CSP.

    Each is allowed by its hash, which keeps 'unsafe-inline' out of the policy.
    The policy is a copy for this response alone: the site's stays as it is.
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


def warn_about_removed_markup(request: HttpRequest) -> None:
    if _REMOVED_ON_SAVE.search(request.POST.get("body", "")):
        messages.warning(
            request,
            "Scripts, styles and event handlers pasted into the text were "
            "removed; the text, its tables and links are kept.",
        )


def when(moment) -> str:
    """“15 December, 9:00”, in the site's time zone."""
    return timezone.localtime(moment).strftime("%-d %B, %-H:%M")


class PublishableForm(forms.ModelForm):
    """The fields every kind of content has for publishing and for search."""

    FIELDS = ["seo_title", "meta_description", "share_image", "published_at"]

    class Meta:
        widgets = {
            "meta_description": forms.Textarea(attrs={"rows": 2, "maxlength": 160}),
        }


class PublishableAdmin(admin.ModelAdmin):
    """The change form of every ``Publishable``: buttons that say what they do.

    "Save draft" keeps the words from visitors: on a live record as a draft
    beside the published version, otherwise as a record not yet published.
    "Publish" (or "Schedule", for a date ahead) makes them live. Each save
    says in one message what happened, and the History says it too.
    """

    change_form_template = "admin/publishing/publishable/change_form.html"
    object_history_template = "admin/publishing/publishable/object_history.html"
    save_as = False

    class Media:
        css = {"all": ["publishing/editor.css"]}
        js = [
            "publishing/editor-a11y.js",
            "publishing/publish-button.js",
            "publishing/counter.js",
        ]

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

    def history_view(self, request, object_id, extra_context=None):
        # Without the right to view users, "changed by" is a name, not a link
        # to a page that would answer 403.
        if not request.user.has_perm("auth.view_user"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # Staff edit the words they are working on: the draft, if there is one.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.has_draft:
            obj.apply_draft()
        return obj

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "publication_status"]

    @admin.display(description="Publication", ordering="status")
    def publication(self, obj: Publishable) -> str:
        return obj.publication_state

    @admin.display(description="Publication")
    def publication_status(self, obj: Publishable) -> str:
        if obj.pk is None:
            return "Not saved yet."
        if obj.is_scheduled:
            return f"Scheduled for {when(obj.published_at)}."
        if obj.is_published:
            state = f"Published {when(obj.published_at)}."
            if obj.has_draft:
                state += " Unpublished changes are waiting."
            return state
        return "Draft: only editors see it, through Preview."

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        warn_about_removed_markup(request)
        outcome = self.publish_or_keep_draft(request, obj, form)
        obj._change_reason = request.publishing_outcome = outcome
        super().save_model(request, obj, form, change)

    def publish_or_keep_draft(self, request: HttpRequest, obj, form) -> str:
        """Set what this save does to ``obj`` by the button pressed; say what
        happened, as the message and the History put it."""
        if PUBLISH in request.POST:
            obj.status, obj.draft = Status.PUBLISHED, {}
            if obj.is_scheduled:
                return f"Scheduled for {when(obj.published_at)}"
            return "Published"
        if UNPUBLISH in request.POST:
            if not self.can_unpublish(obj):
                raise PermissionDenied("This page is always live.")
            obj.status, obj.draft = Status.DRAFT, {}
            return "Unpublished"
        live = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
        if live is not None and live.is_published:
            # Visitors keep the published words; the new ones wait beside them.
            obj.keep_as_draft(live)
            return "Draft saved" if obj.has_draft else "No changes"
        obj.status = Status.DRAFT
        return "Draft saved"

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # One message per save: ours says what happened, Django's would add
        # "was changed successfully" beside it.
        outcome = getattr(request, "publishing_outcome", None)
        if outcome is None or level != messages.SUCCESS:
            return super().message_user(request, message, level, *args, **kwargs)
        details = {
            "Draft saved": ". Visitors see nothing of it until you publish.",
            "No changes": ": this is the published version.",
            "Unpublished": ": visitors no longer see it.",
        }
        return super().message_user(
            request, f"{outcome}{details.get(outcome, '.')}", messages.SUCCESS
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self.back_to_the_form(request, super().response_add, obj)

    def response_change(self, request, obj):
        return self.back_to_the_form(request, super().response_change, obj)

    @staticmethod
    def back_to_the_form(request, respond, obj):
        # Every save returns to the form, as "Save and continue editing" does.
        request.POST = request.POST.copy()
        request.POST["_continue"] = "1"
        return respond(request, obj)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        context |= {
            "show_save_and_add_another": False,
            "show_save_and_continue": False,
            "show_save": False,
            "is_live": bool(obj and obj.pk and obj.is_published),
            "can_unpublish": bool(
                obj
                and obj.pk
                and obj.status == Status.PUBLISHED
                and self.can_unpublish(obj)
            ),
            "has_draft": bool(obj and obj.has_draft),
            "is_scheduled": bool(obj and obj.pk and obj.is_scheduled),
        }
        return super().render_change_form(request, context, add, change, **kwargs)

    def can_unpublish(self, obj: Publishable) -> bool:
        return True

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

    def get_view_on_site_url(self, obj=None):
        # Only a published address: a draft's is no one's business but the
        # editors', who have Preview.
        if obj is None or not obj.is_published:
            return None
        return super().get_view_on_site_url(obj)


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled (published, date still ahead) or live."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("live", "Published"),
            ("waiting", "Changes waiting"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Status.DRAFT)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "waiting":
                return queryset.waiting()
        return queryset


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
    """The image library: what the editor's image dialog lists and uploads to."""

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
        css = {"all": ["publishing/library.css"]}

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker_view)
        return [
            path("picker/", picker, name="publishing_image_picker"),
            *super().get_urls(),
        ]

    def picker_view(self, request: HttpRequest) -> JsonResponse:
        """The editor's image dialog (publishing/image-library.js) reads the
        library here and uploads to it: the new image, or what to fix."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_add_permission(request):
                raise PermissionDenied
            form = ImageForm(request.POST, request.FILES)
            if not form.is_valid():
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            return JsonResponse({"image": picker_item(form.save())}, status=201)
        images = Image.objects.exclude(renditions=[])[:60]
        return JsonResponse(
            {
                "images": [picker_item(image) for image in images],
                "canUpload": self.has_add_permission(request),
            }
        )


def picker_item(image: Image) -> dict:
    """What the editor's dialog needs of an image: its thumbnail and its id."""
    thumbnail = image.thumbnail
    return {
        "id": image.pk,
        "src": image.src,
        "thumbnail": thumbnail["url"],
        "width": thumbnail["width"],
        "height": thumbnail["height"],
        "alt": image.alt,
        "label": str(image),
    }

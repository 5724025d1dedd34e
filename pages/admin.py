from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DraftAdminMixin
from pages.models import Page


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            "title",
            "slug",
            "kind",
            "lead",
            "body",
            "meta_description",
            "position",
            "status",
            "published_at",
        ]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "meta_description": forms.Textarea(attrs={"rows": 2, "maxlength": 160}),
        }


@admin.register(Page)
class PageAdmin(DraftAdminMixin, SimpleHistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "kind", "address", "status", "published_at", "is_live"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "lead", "body", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    history_list_display = ["status", "kind"]

    def get_readonly_fields(self, request: HttpRequest, obj: Page | None = None):
        # The kind sets the address: the site's own pages keep theirs.
        if obj is not None and obj.kind in Page.SINGLE_KINDS:
            return [*self.readonly_fields, "kind"]
        return self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Page | None = None):
        if obj is not None and obj.kind in Page.SINGLE_KINDS:
            return False
        return super().has_delete_permission(request, obj)

    class Media:
        # The article editor's accessibility fixes apply to the same editor here.
        css = {"all": ["articles/admin.css"]}
        js = ["articles/admin-a11y.js", "pages/admin-counter.js"]

    def get_fieldsets(self, request: HttpRequest, obj: Page | None = None):
        note = (
            obj.editor_note
            if obj
            else ("Choose the kind of page first: it sets the address and the layout.")
        )
        return [
            (
                None,
                {
                    "fields": ["title", "slug", "kind", "lead", "body"],
                    "description": note,
                },
            ),
            ("Search and sharing", {"fields": ["meta_description"]}),
            (
                "Publishing",
                {"fields": ["status", "published_at", "position", "preview_link"]},
            ),
            (
                "Revisions",
                {
                    "classes": ["collapse"],
                    "fields": ["created_at", "updated_at"],
                    "description": "Every change and its author are under History.",
                },
            ),
        ]

    @admin.display(boolean=True, description="Live")
    def is_live(self, page: Page) -> bool:
        return page.is_published

    @admin.display(description="Address")
    def address(self, page: Page) -> str:
        return page.get_absolute_url()

    @admin.display(description="Preview")
    def preview_link(self, page: Page) -> SafeString | str:
        if page.pk is None:
            return "Save the page to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this page</a> '
            "(shows the last saved version, even if it is a draft)",
            reverse("pages:preview", kwargs={"pk": page.pk}),
        )

    def view_on_site(self, page: Page) -> str:
        if page.is_published:
            return page.get_absolute_url()
        return reverse("pages:preview", kwargs={"pk": page.pk})

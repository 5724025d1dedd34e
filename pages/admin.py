from django import forms
from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from pages.models import Page
from publishing.admin import PublicationFilter, PublishableAdmin, PublishableForm


class PageAdminForm(PublishableForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Every page says in its own words what it is about; an article may
        # fall back on its summary.
        self.fields["meta_description"].required = True

    class Meta(PublishableForm.Meta):
        model = Page
        fields = [
            "title",
            "slug",
            "kind",
            "lead",
            "body",
            *Page.KIND_FIELDS[Page.Kind.HOME],
            *Page.KIND_FIELDS[Page.Kind.CONTACT],
            "position",
            "effective_date",
            *PublishableForm.FIELDS,
        ]
        widgets = {
            **PublishableForm.Meta.widgets,
            "lead": forms.Textarea(attrs={"rows": 3}),
            "assessment_teaser": forms.Textarea(attrs={"rows": 2}),
            "call_text": forms.Textarea(attrs={"rows": 2}),
            "privacy_note": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }


@admin.register(Page)
class PageAdmin(PublishableAdmin, SimpleHistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "kind", "address", "publication", "published_at"]
    list_filter = ["kind", PublicationFilter]
    search_fields = ["title", "lead", "body", "slug"]
    raw_id_fields = ["share_image"]
    readonly_fields = ["created_at", "updated_at"]
    history_list_display = ["status", "kind"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Page | None = None):
        if obj is not None and obj.kind in Page.SINGLE_KINDS:
            return {}
        return {"slug": ["title"]}

    def get_readonly_fields(self, request: HttpRequest, obj: Page | None = None):
        # The kind sets the address: the site's own pages keep theirs.
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.kind in Page.SINGLE_KINDS:
            return [*fields, "kind", "slug"]
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: Page | None = None):
        if obj is not None and obj.kind in Page.SINGLE_KINDS:
            return False
        return super().has_delete_permission(request, obj)

    def can_unpublish(self, page: Page) -> bool:
        return page.kind not in Page.SINGLE_KINDS

    def get_fieldsets(self, request: HttpRequest, obj: Page | None = None):
        note = (
            obj.editor_note
            if obj
            else "Choose the kind of page first: it sets the address and the layout."
        )
        hidden = obj.hidden_fields() if obj else set(Page.KIND_FIELDS[Page.Kind.HOME])
        if obj is None:
            hidden |= set(Page.KIND_FIELDS[Page.Kind.CONTACT])
            hidden |= set(Page.KIND_FIELDS[Page.Kind.PRIVACY])

        def shown(*names: str) -> list[str]:
            return [name for name in names if name not in hidden]

        fieldsets = [
            (
                None,
                {
                    "fields": shown(
                        "title", "slug", "kind", "lead", "body", "effective_date"
                    ),
                    "description": note,
                },
            ),
            (
                "Home page sections",
                {"fields": shown(*Page.KIND_FIELDS[Page.Kind.HOME])},
            ),
            (
                "Around the form",
                {"fields": shown(*Page.KIND_FIELDS[Page.Kind.CONTACT])},
            ),
            (
                "Search and sharing",
                {"fields": ["seo_title", "meta_description", "share_image"]},
            ),
            (
                "Publishing",
                {"fields": ["publication_status", "published_at", *shown("position")]},
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
        return [(name, options) for name, options in fieldsets if options["fields"]]

    @admin.display(description="Address")
    def address(self, page: Page) -> str:
        return page.get_absolute_url()

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from simple_history.admin import SimpleHistoryAdmin

from articles import content
from articles.models import Article, SlugRedirect
from core.admin import DraftAdminMixin


class ArticleAdminForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        required=False,
        label="Substantive update",
        help_text=(
            "Tick when the advice itself changed: readers and search engines then "
            "see today as the “Updated” date. Leave it for typo fixes."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The admin puts file inputs in a <fieldset> whose <legend> is no label.
        self.fields["share_image"].widget.attrs["aria-label"] = "Social-share image"

    def clean_related_articles(self):
        related = self.cleaned_data["related_articles"]
        if self.instance.pk and related.filter(pk=self.instance.pk).exists():
            raise forms.ValidationError("An article cannot be related to itself.")
        return related

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "status",
            "published_at",
            "author_name",
            "author_title",
            "author_url",
            "seo_title",
            "share_image",
            "share_image_alt",
            "related_articles",
        ]


class SlugRedirectInline(admin.TabularInline):
    model = SlugRedirect
    extra = 0
    fields = ["old_slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = "Old addresses (they redirect here)"


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled (published, date still ahead) or live."""

    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Published")]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


@admin.register(Article)
class ArticleAdmin(DraftAdminMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "publication", "published_at", "updated_at"]
    list_filter = [PublicationFilter, "published_at"]
    search_fields = ["title", "summary", "body", "slug", "author_name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_articles"]
    readonly_fields = [
        "content_updated_at",
        "created_at",
        "updated_at",
        "preview_link",
        "previous_published_text",
    ]
    inlines = [SlugRedirectInline]
    history_list_display = ["status", "slug"]

    class Media:
        css = {"all": ["articles/admin.css"]}
        js = ["articles/admin-a11y.js"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "substantive_update",
                    "content_updated_at",
                    "preview_link",
                ]
            },
        ),
        ("Byline", {"fields": ["author_name", "author_title", "author_url"]}),
        (
            "Search and sharing",
            {
                "fields": ["seo_title", "share_image", "share_image_alt"],
                "description": "How it looks in search results and shared links.",
            },
        ),
        ("Related articles", {"fields": ["related_articles"]}),
        (
            "Revisions",
            {
                "classes": ["collapse"],
                "fields": ["previous_published_text", "created_at", "updated_at"],
                "description": "Every change and its author are under History.",
            },
        ),
    ]

    @admin.display(description="Publication", ordering="status")
    def publication(self, article: Article) -> str:
        # A published article whose date is ahead is not live yet: "Scheduled".
        if article.is_scheduled:
            return "Scheduled"
        return "Published" if article.is_published else "Draft"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            return fieldsets
        # A new article has no earlier version to update substantively.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        f for f in options["fields"] if f != "substantive_update"
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_changeform_initial_data(self, request):
        # The byline defaults to whoever is writing.
        return {
            "author_name": request.user.get_full_name() or request.user.get_username(),
            **super().get_changeform_initial_data(request),
        }

    def history_view(self, request, object_id, extra_context=None):
        # Without the right to view users, "changed by" is a name, not a link
        # to a page that would answer 403.
        if not request.user.has_perm("auth.view_user"):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    @admin.display(description="Preview")
    def preview_link(self, article: Article) -> SafeString | str:
        if article.pk is None:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this article</a> '
            "(shows the last saved version, even if it is a draft)",
            reverse("articles:preview", kwargs={"pk": article.pk}),
        )

    @admin.display(description="Previously published text")
    def previous_published_text(self, article: Article) -> SafeString | str:
        previous = self.previous_published_version(article)
        if previous is None:
            return "No earlier published version."
        return format_html(
            '<p>Published version of {} by {}:</p><div class="previous-text">{}</div>',
            timezone.localtime(previous.history_date).strftime("%B %-d, %Y %H:%M"),
            previous.history_user or "an unknown user",
            # Sanitised again: history is stored text, treated as untrusted.
            mark_safe(content.sanitize(previous.body)),  # noqa: S308
        )

    @staticmethod
    def previous_published_version(article: Article):
        """The latest published revision whose text differs from today's."""
        if article.pk is None:
            return None
        return (
            article.history.filter(status=Article.Status.PUBLISHED)
            .exclude(body=article.body)
            .select_related("history_user")
            .order_by("-history_date")
            .first()
        )

    def view_on_site(self, article: Article) -> str:
        if article.is_published:
            return article.get_absolute_url()
        return reverse("articles:preview", kwargs={"pk": article.pk})

    def save_model(
        self, request: HttpRequest, obj: Article, form, change: bool
    ) -> None:
        # A draft changes nothing readers see yet: its date comes on publishing.
        drafting = self.is_saving_draft(request, obj)
        if form.cleaned_data.get("substantive_update") and not drafting:
            obj.content_updated_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    search_fields = ["old_slug", "article__title"]
    autocomplete_fields = ["article"]

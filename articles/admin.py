from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article, SlugRedirect
from publishing import richtext
from publishing.admin import PublicationFilter, PublishableAdmin, PublishableForm


class ArticleAdminForm(PublishableForm):
    substantive_update = forms.BooleanField(
        required=False,
        label="Substantive update",
        help_text=(
            "Tick when the advice itself changed: readers and search engines then "
            "see today as the “Updated” date. Leave it for typo fixes."
        ),
    )

    def clean_related_articles(self):
        related = self.cleaned_data["related_articles"]
        if self.instance.pk and related.filter(pk=self.instance.pk).exists():
            raise forms.ValidationError("An article cannot be related to itself.")
        return related

    class Meta(PublishableForm.Meta):
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "author_name",
            "author_title",
            "author_url",
            "authors",
            "related_articles",
            *PublishableForm.FIELDS,
        ]
        widgets = {
            **PublishableForm.Meta.widgets,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class SlugRedirectInline(admin.TabularInline):
    model = SlugRedirect
    extra = 0
    fields = ["old_slug", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name_plural = "Old addresses (they redirect here)"


@admin.register(Article)
class ArticleAdmin(PublishableAdmin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "publication", "published_at", "updated_at"]
    list_filter = [PublicationFilter, "published_at"]
    search_fields = ["title", "summary", "body", "slug", "author_name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_articles"]
    raw_id_fields = ["share_image"]
    readonly_fields = [
        "content_updated_at",
        "created_at",
        "updated_at",
        "previous_published_text",
    ]
    inlines = [SlugRedirectInline]
    history_list_display = ["status", "slug"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Publishing",
            {
                "fields": [
                    "publication_status",
                    "published_at",
                    "substantive_update",
                    "content_updated_at",
                ]
            },
        ),
        (
            "Byline",
            {"fields": ["authors", "author_name", "author_title", "author_url"]},
        ),
        (
            "Search and sharing",
            {
                "fields": ["seo_title", "meta_description", "share_image"],
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
            "author_name": request.user.get_full_name(),
            **super().get_changeform_initial_data(request),
        }

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
            mark_safe(richtext.sanitize(previous.body)),  # noqa: S308
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

    def publish_or_keep_draft(self, request: HttpRequest, obj: Article, form) -> str:
        outcome = super().publish_or_keep_draft(request, obj, form)
        # Words kept beside a live article change nothing readers see yet:
        # their "Updated" date comes when they are published.
        kept_aside = obj.has_draft or outcome == "No changes"
        if form.cleaned_data.get("substantive_update") and not kept_aside:
            obj.content_updated_at = timezone.now()
        return outcome


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    search_fields = ["old_slug", "article__title"]
    autocomplete_fields = ["article"]

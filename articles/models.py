import difflib
import math
from datetime import datetime

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from core.models import site_phone_numbers
from publishing import richtext
from publishing.models import Publishable, PublishableQuerySet

WORDS_PER_MINUTE = 230


class ArticleQuerySet(PublishableQuerySet):
    def nearest_to(self, slug: str) -> "Article | None":
        """The article whose address is closest to a mistyped ``slug``.

        One small query: slugs and titles only, matched in Python.
        """
        articles = list(self.only("pk", "slug", "title")[:500])
        # An address may be typed from the title as well as from the slug.
        candidates = {slugify(article.title): article for article in articles}
        candidates |= {article.slug: article for article in articles}
        match = difflib.get_close_matches(slug.lower(), candidates, n=1, cutoff=0.6)
        return candidates[match[0]] if match else None

    def with_has_related(self) -> "ArticleQuerySet":
        """Each article knows, from the same query, whether it lists related
        articles, so the page of one that lists none needs no second query."""
        links = Article.related_articles.through.objects.filter(
            from_article=OuterRef("pk")
        )
        return self.annotate(has_related=Exists(links))

    def with_has_authors(self) -> "ArticleQuerySet":
        """Each article knows whether its byline names people, so an article
        without any costs no query for them."""
        links = Article.authors.through.objects.filter(article=OuterRef("pk"))
        return self.annotate(has_authors=Exists(links))


class Article(Publishable):
    title = models.CharField(
        max_length=200,
        help_text="The headline, shown as the page's main heading.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text=(
            "The last part of the address, /articles/this-part/. Changing it on a "
            "published article keeps the old address working (it redirects)."
        ),
    )
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two sentences (about 150 characters): shown in lists, search "
            "results and link previews as the page's description."
        ),
    )
    body = ProseEditorField(
        extensions=richtext.EDITOR_EXTENSIONS,
        sanitize=richtext.sanitize,
        help_text=(
            "The article. Use Heading 2 for sections and Heading 3 for "
            "sub-sections; they become the table of contents. "
            + richtext.PLACEHOLDER_HELP
        ),
    )
    # Rendered once on save (sanitised, headings with ids); never edited.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    word_count = models.PositiveIntegerField(editable=False, default=0)

    author_name = models.CharField(
        "author",
        max_length=120,
        help_text="The byline: the person who wrote the article.",
    )
    author_title = models.CharField(
        "author's role",
        max_length=120,
        blank=True,
        help_text="Shown under the byline, e.g. “vCISO, Steadfast Partners”.",
    )
    author_url = models.URLField(
        "author's page",
        blank=True,
        help_text=(
            "A page about the author (e.g. their LinkedIn profile). Search engines "
            "use it; if empty the home page is used."
        ),
    )
    authors = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="articles",
        help_text=(
            "Optional: the advisors who wrote it. Once they are published, the "
            "byline names and links them instead of the author above."
        ),
    )
    content_updated_at = models.DateTimeField(
        "content last updated",
        default=timezone.now,
        help_text=(
            "The “Updated” date readers see. It changes only when you tick "
            "“Substantive update” while saving."
        ),
    )

    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        help_text="Optional: articles suggested at the end of this one.",
    )
    history = HistoricalRecords(excluded_fields=["body_html", "toc", "word_count"])
    objects = ArticleQuerySet.as_manager()

    # What editing a live article keeps as a draft until "Publish changes".
    DRAFT_FIELDS = ("title", "summary", "body")
    RENDERED_FIELDS = ("body_html", "toc", "word_count")

    class Meta:
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def save(self, *args, **kwargs) -> None:
        self.remember_old_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def render(self) -> None:
        self.body = richtext.sanitize(self.body)
        self.body_html, self.toc = richtext.render_body(self.body, site_phone_numbers())
        self.word_count = richtext.word_count(self.body_html)

    def remember_old_slug(self) -> None:
        """Keep the old address of a renamed article working."""
        if self.pk is None:
            return
        old_slug = (
            Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        )
        if old_slug and old_slug != self.slug:
            SlugRedirect.objects.update_or_create(
                old_slug=old_slug, defaults={"article_id": self.pk}
            )
        SlugRedirect.objects.filter(old_slug=self.slug).delete()

    def published_related_articles(self) -> "ArticleQuerySet | list[Article]":
        """The related articles the public may see, newest first."""
        if getattr(self, "has_related", True) is False:
            return []
        return self.related_articles.published()

    def published_authors(self) -> list:
        """The byline's people: those the public may see, in their order."""
        if getattr(self, "has_authors", True) is False:
            return []
        return list(self.authors.published().select_related("photo"))

    @property
    def modified_at(self) -> datetime:
        """The honest ``dateModified``: never before the publication."""
        return max(self.published_at, self.content_updated_at)

    @property
    def shows_updated_date(self) -> bool:
        return self.content_updated_at.date() > self.published_at.date()

    @property
    def reading_time(self) -> int:
        """Minutes, rounded up."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    def default_description(self) -> str:
        """The summary, else the opening words of the body."""
        if self.summary.strip():
            return self.summary.strip()
        words = richtext.plain_text(self.body_html).split()
        return " ".join(words[:30]) or self.title

    @property
    def content_version(self) -> str:
        """Which text a reader saw, passed on to the contact form."""
        return self.content_updated_at.isoformat(timespec="seconds")


class SlugRedirect(models.Model):
    """An address an article had before its slug changed."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="slug_redirects"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self) -> str:
        return f"/articles/{self.old_slug}/ → {self.article.get_absolute_url()}"

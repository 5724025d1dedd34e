from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from articles.models import Article
from core import richtext
from core.drafts import DraftedContent
from core.models import site_phone_numbers


class PageQuerySet(models.QuerySet):
    def published(self) -> "PageQuerySet":
        """What the public may see: published, and the publish time has come."""
        return self.filter(
            status=Page.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def services(self) -> "PageQuerySet":
        """The published service pages, in the order staff set."""
        return (
            self.published()
            .filter(kind=Page.Kind.SERVICE)
            .order_by("position", "title")
        )

    def scheduled(self) -> "PageQuerySet":
        return self.filter(
            status=Page.Status.PUBLISHED, published_at__gt=timezone.now()
        )


def next_scheduled_publish() -> datetime | None:
    """When the next scheduled article or page goes live, in one query: the
    home page lists both, and no cached page may outlive that moment."""
    articles = Article.objects.scheduled()
    pages = Page.objects.scheduled()
    # Each side unordered: SQL orders only the union.
    articles, pages = (
        rows.order_by().values_list("published_at", flat=True)
        for rows in (articles, pages)
    )
    return articles.union(pages).order_by("published_at").first()


class Page(DraftedContent):
    class Kind(models.TextChoices):
        HOME = "home", "Home page"
        SERVICES = "services", "Services overview"
        SERVICE = "service", "Service"
        ABOUT = "about", "About"
        PRIVACY = "privacy", "Privacy notice"
        PLAIN = "plain", "Plain page"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    # The site has one of each of these; services and plain pages are many.
    SINGLE_KINDS = (Kind.HOME, Kind.SERVICES, Kind.ABOUT, Kind.PRIVACY)

    # Shown to staff on the change form of each kind: what only the firm can write.
    EDITOR_NOTES = {
        Kind.HOME: (
            "The heading, lead and sections of the home page. The featured article, "
            "the services and the call to action are added around them."
        ),
        Kind.SERVICES: (
            "The overview at /services/. It lists every published service page "
            "after its text, in their “Order” (lowest first)."
        ),
        Kind.SERVICE: (
            "One service, at /services/its-slug/. Only what the firm really "
            "offers: no prices, clients or statistics unless they are true and "
            "you can show them."
        ),
        Kind.ABOUT: (
            "Add your team and case studies here: who the advisors are, their "
            "real experience, clients who agreed to be named. Nothing invented."
        ),
        Kind.PRIVACY: (
            "What the contact form and the assessment collect, why, for how long "
            f"and who sees it. Write {richtext.RETENTION_PLACEHOLDER} where the "
            "retention period goes: it always shows the current setting."
        ),
        Kind.PLAIN: "A page at /its-slug/.",
    }

    title = models.CharField(
        max_length=200,
        help_text="The page's main heading (its one <h1>) and, by default, its title.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=(
            "The last part of the address: /services/this-part/ for a service, "
            "/this-part/ for a plain page. The home page, the services overview, "
            "About and Privacy have fixed addresses (/, /services/, /about/, "
            "/privacy/)."
        ),
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind,
        default=Kind.PLAIN,
        help_text=(
            "What the page is: it sets the address, the layout and what search "
            "engines are told. There is one home page, one overview, one About "
            "and one Privacy page."
        ),
    )
    lead = models.TextField(
        max_length=500,
        help_text="One or two sentences under the heading, in larger type.",
    )
    body = ProseEditorField(
        extensions=richtext.EDITOR_EXTENSIONS,
        sanitize=richtext.sanitize,
        blank=True,
        help_text=(
            "The page. Use Heading 2 for sections and Heading 3 for sub-sections. "
            + richtext.PLACEHOLDER_HELP
        ),
    )
    # Rendered once on save (sanitised, headings with ids); never edited.
    body_html = models.TextField(editable=False, default="")
    meta_description = models.CharField(
        max_length=160,
        validators=[MinLengthValidator(50)],
        help_text=(
            "50–160 characters: what search results and link previews say about "
            "the page. Write it for a person deciding whether to click."
        ),
    )
    position = models.PositiveSmallIntegerField(
        "order",
        default=0,
        help_text="Services are listed from the lowest number to the highest.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=(
            "Choose “Published” to make it live — at the publication date below. "
            "Drafts are only visible to staff through Preview."
        ),
    )
    published_at = models.DateTimeField(
        "publication date",
        default=timezone.now,
        db_index=True,
        help_text=(
            "When it goes live. A future date schedules a published page: it "
            "appears on its own at that time."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = PageQuerySet.as_manager()

    # What editing a live page keeps as a draft until "Publish changes".
    DRAFT_FIELDS = ("title", "lead", "body", "meta_description")
    RENDERED_FIELDS = ("body_html",)

    class Meta:
        ordering = ["kind", "position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind__in=["home", "services", "about", "privacy"]),
                name="one_page_of_each_single_kind",
                violation_error_message=(
                    "The site already has this page; edit that one instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.render()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        match self.kind:
            case self.Kind.HOME:
                return reverse("home")
            case self.Kind.SERVICES:
                return reverse("pages:services")
            case self.Kind.SERVICE:
                return reverse("pages:service", kwargs={"slug": self.slug})
            case self.Kind.ABOUT:
                return reverse("pages:about")
            case self.Kind.PRIVACY:
                return reverse("pages:privacy")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def render(self) -> None:
        self.body = richtext.sanitize(self.body)
        self.body_html, _ = richtext.render_body(self.body, site_phone_numbers())

    def clean(self) -> None:
        if self.kind in self.SINGLE_KINDS and not self.is_published:
            # Every page links to these (the navigation, the form's consent).
            raise ValidationError(
                {
                    "status": (
                        f"“{self.get_kind_display()}” is always live: the site "
                        "links to it. Keep it published, dated now or earlier; "
                        "changes to it wait as a draft until you publish them."
                    )
                }
            )
        if self.kind == self.Kind.PLAIN and self.slug and not self.owns_address():
            raise ValidationError(
                {"slug": "Another part of the site uses this address; choose another."}
            )

    def owns_address(self) -> bool:
        """A plain page's address is not one the site already uses (/articles/)."""
        try:
            match = resolve(f"/{self.slug}/")
        except Resolver404:
            return False
        return match.view_name == "pages:detail"

    @property
    def absolute_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.published_at > timezone.now()
        )

    @property
    def editor_note(self) -> str:
        return self.EDITOR_NOTES.get(self.kind, "")

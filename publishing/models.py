"""What every content type shares: one way to publish, schedule and draft.

Articles, pages and the kinds that follow (people, case studies) subclass
``Publishable``. A record is live when its status is "Published" and its
publication date has come; a later date schedules it. Editing a live record
keeps the new words as a draft beside the published ones (a JSON field, so
the history records it like any other change) until staff publish them.
"""

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from publishing.images import Image
from publishing.richtext import sanitize

__all__ = ["Image", "Publishable", "PublishableQuerySet", "Status"]


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self) -> "PublishableQuerySet":
        """What the public may see: published, and the publish time has come."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> "PublishableQuerySet":
        """Published, with a publish time still to come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def waiting(self) -> "PublishableQuerySet":
        """Drafts, and live records with unpublished changes."""
        return self.filter(models.Q(status=Status.DRAFT) | ~models.Q(draft={}))


def publishable_models() -> list[type["Publishable"]]:
    """Every kind of content: articles, pages, and whatever subclasses next."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def next_scheduled_change() -> datetime | None:
    """When the next scheduled record of any kind goes live, in one query.

    No cached page may outlive that moment: lists and the home page show it,
    and its own address stops being a 404.
    """
    first, *others = [
        model.objects.scheduled().order_by().values_list("published_at", flat=True)
        for model in publishable_models()
    ]
    return first.union(*others).order_by("published_at").first()


class Publishable(models.Model):
    """A record staff draft, preview, publish or schedule, with its SEO fields."""

    Status = Status

    # The fields a draft of a live record may hold, in the order staff read them.
    DRAFT_FIELDS: tuple[str, ...] = ()
    # What render() derives from them, stored for requests to read.
    RENDERED_FIELDS: tuple[str, ...] = ()
    # What names a record in lists (its __str__ reads them).
    TITLE_FIELDS: tuple[str, ...] = ("title",)

    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text=(
            "Drafts are seen only by editors, through Preview. Use the buttons "
            "below the form to publish or schedule."
        ),
    )
    published_at = models.DateTimeField(
        "publication date",
        default=timezone.now,
        db_index=True,
        help_text=(
            "When it goes live. A date in the future schedules it: it appears "
            "on its own at that time."
        ),
    )
    draft = models.JSONField(
        "unpublished changes",
        default=dict,
        blank=True,
        editable=False,
        help_text="Changes saved to a live version but not yet published.",
    )
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text=(
            "Optional: the title search engines and browser tabs show (up to 70 "
            "characters). Defaults to the heading."
        ),
    )
    meta_description = models.CharField(
        max_length=160,
        blank=True,
        validators=[MinLengthValidator(50)],
        help_text=(
            "50–160 characters: what search results and link previews say. "
            "Write it for a person deciding whether to click."
        ),
    )
    share_image = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="social-share image",
        help_text=(
            "Optional: the picture shown when the page is shared (1200×630 works "
            "best), from the image library. Without one, the site's default."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return " ".join(str(getattr(self, name)) for name in self.TITLE_FIELDS)

    def save(self, *args, **kwargs) -> None:
        self.render()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *self.RENDERED_FIELDS,
            }
        super().save(*args, **kwargs)

    def render(self) -> None:
        """Derive what a request shows (HTML, table of contents) from the fields."""

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def publication_state(self) -> str:
        """Draft, Scheduled or Published, as staff say it."""
        if self.is_scheduled:
            return "Scheduled"
        return "Published" if self.is_published else "Draft"

    @property
    def has_draft(self) -> bool:
        return bool(self.draft)

    @property
    def page_title(self) -> str:
        return self.seo_title or str(self)

    @property
    def description(self) -> str:
        """What search results and link previews say: never empty."""
        return self.meta_description or self.default_description()

    def default_description(self) -> str:
        return str(self)

    @property
    def absolute_url(self) -> str:
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def admin_change_url_name(self) -> str:
        return f"admin:{self._meta.app_label}_{self._meta.model_name}_change"

    @property
    def preview_url(self) -> str:
        return reverse(
            "publishing:preview",
            kwargs={"model": self._meta.label_lower, "pk": self.pk},
        )

    @classmethod
    def render_again_with_image(cls, image_pk: int) -> None:
        """Bring the bodies showing an image up to date with it (its alt text
        changed, or it was deleted), without a new revision in the history."""
        if "body" not in cls.DRAFT_FIELDS:
            return
        for item in cls.objects.filter(body__contains=f'data-file="{image_pk}"'):
            item.render()
            cls.objects.filter(pk=item.pk).update(
                **{name: getattr(item, name) for name in cls.RENDERED_FIELDS}
            )

    def apply_draft(self) -> None:
        """Show the draft in place of the live words (not saved)."""
        for name, value in self.draft.items():
            if name in self.DRAFT_FIELDS:
                setattr(self, name, value)
        self.render()

    def keep_as_draft(self, live: "Publishable") -> None:
        """Store this record's words as a draft and restore ``live``'s."""
        pending = {name: getattr(self, name) for name in self.DRAFT_FIELDS}
        if "body" in pending:
            pending["body"] = sanitize(pending["body"])
        published = {name: getattr(live, name) for name in self.DRAFT_FIELDS}
        for name, value in published.items():
            setattr(self, name, value)
        self.draft = {} if pending == published else pending

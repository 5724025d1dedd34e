import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

PHONE_CACHE_KEY = "site-settings:phone"
PHONE_OUTAGE_CACHE_TIMEOUT = 30
# Every page shows the number; asking the shared cache for it on every render
# was a round trip to Redis per page on several hosts. Each worker keeps it
# for a second, as it keeps pages.
LOCAL_PHONE_SECONDS = 1
local_phone = LocMemCache("site-phone", {"TIMEOUT": LOCAL_PHONE_SECONDS})


@dataclass(frozen=True)
class PhoneNumber:
    """A North American number as prospects see it and as a tel: link needs it."""

    display: str

    @property
    def digits(self) -> str:
        ten_digits = north_american_digits(self.display)
        if ten_digits is None:  # only a value saved before validation existed
            return "".join(ch for ch in self.display if ch.isdigit())
        return f"1{ten_digits}"

    @property
    def e164(self) -> str:
        return f"+{self.digits}"

    @property
    def tel_href(self) -> str:
        return f"tel:{self.e164}"


def north_american_digits(value: str) -> str | None:
    """The ten digits of a North American (NANP) number, or None if it is not one.

    Area codes and exchanges never start with 0 or 1; a leading country code 1
    is dropped.
    """
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] not in "01" and digits[3] not in "01":
        return digits
    return None


def validate_north_american_phone(value: str) -> None:
    if north_american_digits(value) is None:
        raise ValidationError(
            "Enter a North American number with area code, e.g. 737-210-5503."
        )


def current_phone() -> PhoneNumber:
    """The number every page shows: staff's site setting, else the default.

    Error pages call this while the database (or the cache) is down, so any
    failure falls back to the default rather than breaking the page.
    """
    display = local_phone.get(PHONE_CACHE_KEY)
    if display is None:
        display = shared_phone_display()
        local_phone.set(PHONE_CACHE_KEY, display)
    return PhoneNumber(display)


def shared_phone_display() -> str:
    """The number from the shared cache, else the database, else the default."""
    # Kept as long as a cached page keeps it: a change saved while the shared
    # cache could not be told shows everywhere once both expire. (Imported
    # here: steadfast.middleware imports this module.)
    from steadfast.middleware import PUBLIC_PAGE_TIMEOUT

    try:
        display = cache.get(PHONE_CACHE_KEY)
    except Exception:
        logger.exception("Cache unavailable reading the phone number")
        display = None
    if display is None:
        try:
            display = (
                SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_PK)
                .values_list("phone_number", flat=True)
                .first()
            ) or settings.DEFAULT_PHONE_NUMBER
        except Exception:
            logger.exception("Database unavailable reading the phone number")
            # Briefly, so every page of an outage does not wait on the database.
            remember_phone(settings.DEFAULT_PHONE_NUMBER, PHONE_OUTAGE_CACHE_TIMEOUT)
            return settings.DEFAULT_PHONE_NUMBER
        remember_phone(display, PUBLIC_PAGE_TIMEOUT)
    return display


def remember_phone(display: str, timeout: int) -> None:
    try:
        cache.set(PHONE_CACHE_KEY, display, timeout)
    except Exception:
        logger.exception("Cache unavailable storing the phone number")


def default_phone_number() -> str:
    return settings.DEFAULT_PHONE_NUMBER


def forget_site_settings() -> None:
    """Make every page show the current settings on its next request."""
    # steadfast.middleware imports this module (via the context processor).
    from steadfast.middleware import invalidate_public_pages

    try:
        cache.delete(PHONE_CACHE_KEY)
    except Exception:
        # Saved all the same; the cached number expires on its own.
        logger.exception("Cache unavailable forgetting the phone number")
    local_phone.clear()
    invalidate_public_pages()


class SiteSettings(models.Model):
    """One record of settings staff edit in the admin."""

    SINGLETON_PK = 1

    phone_number = models.CharField(
        max_length=20,
        default=default_phone_number,
        validators=[validate_north_american_phone],
        help_text=(
            "The number in the header, the footer, every article's “Call Us "
            "Today” and the contact page, written as visitors should see it "
            "(e.g. 737-210-5503). Changes show on every page within a second."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self) -> str:
        return "Site settings"

    def save(self, *args, **kwargs) -> None:
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        forget_site_settings()
        # Again after commit, in case a request cached the old value meanwhile.
        transaction.on_commit(forget_site_settings)

    @property
    def phone(self) -> PhoneNumber:
        return PhoneNumber(self.phone_number)


class InquiryQuerySet(models.QuerySet):
    def submitted_with(self, submission_token: uuid.UUID) -> "Inquiry | None":
        """The inquiry a form's token already saved, with only its id loaded.

        A repeat (a refresh, a double click) needs nothing else, and loading
        every column cost more than the rest of the lookup.
        """
        return self.only("pk").filter(submission_token=submission_token).first()

    def for_sales_queue(self) -> "InquiryQuerySet":
        """What sales works through: everything not quarantined as spam."""
        return self.filter(is_spam=False)

    def notification_failing(self) -> "InquiryQuerySet":
        return self.filter(
            is_spam=False, notification_status=Inquiry.NotificationStatus.FAILED
        )


class Inquiry(models.Model):
    class Interest(models.TextChoices):
        VCISO = "vciso", "vCISO (security leadership)"
        VCIO = "vcio", "vCIO (technology leadership)"
        BOTH = "both", "Both"
        UNSURE = "unsure", "Not sure yet"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        QUALIFIED = "qualified", "Qualified"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        SPAM = "spam", "Spam"

    class NotificationStatus(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (will retry)"
        HELD = "held", "Held (spam)"

    # What the prospect submitted: read-only in the admin.
    name = models.CharField(max_length=120)
    email = models.EmailField("work email", max_length=254)
    company = models.CharField(max_length=200)
    phone = models.CharField(
        max_length=30, blank=True, help_text="Normalised to E.164, e.g. +17372105503."
    )
    interest = models.CharField(max_length=10, choices=Interest)
    message = models.TextField(max_length=5000)
    consented_at = models.DateTimeField(
        "consent given", help_text="When the prospect agreed to be contacted."
    )
    created_at = models.DateTimeField("submitted", default=timezone.now, db_index=True)
    # One per rendered form, so a refresh or double click cannot save twice.
    submission_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # Attribution: first touch of the visit, and the call-to-action used.
    landing_page = models.CharField(max_length=500, blank=True)
    referrer = models.CharField(max_length=500, blank=True)
    utm_source = models.CharField("UTM source", max_length=100, blank=True)
    utm_medium = models.CharField("UTM medium", max_length=100, blank=True)
    utm_campaign = models.CharField("UTM campaign", max_length=100, blank=True)
    utm_term = models.CharField("UTM term", max_length=100, blank=True)
    utm_content = models.CharField("UTM content", max_length=100, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        help_text="The article whose call-to-action led to the form.",
    )
    article_section = models.CharField(max_length=100, blank=True)
    article_version = models.DateTimeField(
        null=True, blank=True, help_text="The article's last substantive update read."
    )

    # Filled by the readiness assessment when the prospect came from it.
    assessment_answers = models.JSONField(default=dict, blank=True)
    assessment_recommendation = models.CharField(max_length=32, blank=True)

    # Spam quarantine.
    is_spam = models.BooleanField(
        "spam?", default=False, help_text="Spam is hidden from the sales queue."
    )
    spam_reason = models.CharField(max_length=200, blank=True)

    # The sales workflow.
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.NEW,
        db_index=True,
        help_text="Where this prospect stands. “Spam” moves it out of the queue.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        verbose_name="assignee",
        help_text="The salesperson who owns the follow-up.",
    )

    # Sales notification delivery.
    notification_status = models.CharField(
        max_length=10, choices=NotificationStatus, default=NotificationStatus.PENDING
    )
    notification_attempts = models.PositiveSmallIntegerField(default=0)
    notification_error = models.CharField(max_length=500, blank=True)
    notification_next_attempt_at = models.DateTimeField(null=True, blank=True)
    notification_claimed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(
        null=True, blank=True, help_text="When the prospect's acknowledgement went out."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "inquiries"
        ordering = ["-created_at"]
        permissions = [("export_inquiry", "Can export inquiries as CSV")]
        indexes = [models.Index(fields=["notification_status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"

    def save(self, *args, **kwargs) -> None:
        # The status is the one thing sales sets; the flag follows it.
        self.is_spam = self.status == self.Status.SPAM
        if kwargs.get("update_fields") is not None and "status" in kwargs.get(
            "update_fields"
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_spam"}
        super().save(*args, **kwargs)

    def get_admin_url(self) -> str:
        return reverse("admin:contact_inquiry_change", args=[self.pk])

    @property
    def absolute_admin_url(self) -> str:
        return f"{settings.SITE_URL}{self.get_admin_url()}"

    @property
    def source(self) -> str:
        """Where the prospect came from, in a word or two, for the list."""
        if self.article_id:
            return str(self.article)
        if self.utm_source:
            return self.utm_source
        if self.referrer:
            return urlsplit(self.referrer).netloc or self.referrer
        return "Direct"


class InquiryNote(models.Model):
    """An internal note sales keeps on an inquiry; never shown to the prospect."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    text = models.TextField(
        "note", max_length=5000, help_text="Calls, emails, next steps. Internal only."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author or 'former staff'}"

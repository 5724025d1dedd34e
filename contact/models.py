import contextlib
import re
import uuid
from datetime import datetime, time, timedelta
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

# The sales team's working week, in settings.TIME_ZONE.
BUSINESS_DAY_START, BUSINESS_DAY_END = time(8), time(18)
SOURCE_LABEL_LENGTH = 32


def business_hours_before(moment: datetime, hours: float) -> datetime:
    """The instant ``hours`` business hours (Mon–Fri 8:00–18:00) before
    ``moment``: an inquiry unchanged since then has waited that long."""
    remaining = timedelta(hours=hours)
    # Wall-clock arithmetic, made aware at the end, so a DST change does not
    # shift the business day.
    t = timezone.localtime(moment).replace(tzinfo=None)
    while True:
        day_start = datetime.combine(t.date(), BUSINESS_DAY_START)
        day_end = datetime.combine(t.date(), BUSINESS_DAY_END)
        if t.weekday() >= 5 or t <= day_start:
            t = datetime.combine(t.date() - timedelta(days=1), BUSINESS_DAY_END)
            continue
        t = min(t, day_end)
        if t - day_start >= remaining:
            return timezone.make_aware(t - remaining)
        remaining -= t - day_start
        t = datetime.combine(t.date() - timedelta(days=1), BUSINESS_DAY_END)


def shorten(text: str, limit: int = SOURCE_LABEL_LENGTH) -> str:
    """At most ``limit`` characters, cut between words."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut.rstrip(" ,;:—-") + "…"


def mailbox(address: str) -> str:
    """The one spelling of the mailbox ``address`` reaches.

    ``Jane+news@Example.com``, ``"jane"@example.com`` and the Unicode and
    punycode spellings of one domain all reach one person: linking their
    inquiries and sharing one acknowledgement allowance both use this.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address.strip().casefold()
    if len(local) >= 2 and local[0] == local[-1] == '"':
        # A quoted local part: "jane" is jane (RFC 5322 3.4.1).
        local = re.sub(r"\\(.)", r"\1", local[1:-1])
    local = local.casefold().split("+", 1)[0]
    domain = domain.rstrip(".").casefold()
    with contextlib.suppress(UnicodeError):  # not a valid IDN: kept as typed
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def mailto(address: str, **headers: str) -> str:
    """A mailto: URL that opens a draft to ``address`` and nothing else.

    The address is percent-encoded whole: a quoted local part may hold ``?``
    and ``&``, which would otherwise add a Bcc or a body (RFC 6068).
    """
    url = "mailto:" + quote(address, safe="@")
    fields = {name: value for name, value in headers.items() if value}
    return f"{url}?{urlencode(fields, quote_via=quote)}" if fields else url


def overdue_condition(now: datetime | None = None) -> Q:
    """The one definition of overdue: still new, in the queue, after
    INQUIRY_RESPONSE_BUSINESS_HOURS business hours since its status was set."""
    cutoff = business_hours_before(
        now or timezone.now(), settings.INQUIRY_RESPONSE_BUSINESS_HOURS
    )
    return Q(is_spam=False, status="new", status_changed_at__lte=cutoff)


def open_condition() -> Q:
    """In the queue and not yet won or lost."""
    return Q(is_spam=False, status__in=["new", "contacted", "qualified"])


def held_condition() -> Q:
    """Spam the website quarantined on its own (honeypot, fill time, token)
    that nobody has looked at: a person setting a status moves its clock off
    the submission time."""
    return Q(
        is_spam=True, notification_status="held", status_changed_at=F("created_at")
    )


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

    def waiting(self) -> "InquiryQuerySet":
        """New inquiries in the queue, oldest first: the ones to answer."""
        return (
            self.for_sales_queue()
            .filter(status=Inquiry.Status.NEW)
            .select_related("article", "assigned_to")
            .order_by("created_at")
        )

    def overdue(self, now: datetime | None = None) -> "InquiryQuerySet":
        return self.filter(overdue_condition(now))

    def with_overdue_flag(self, now: datetime | None = None) -> "InquiryQuerySet":
        """Each inquiry's ``is_overdue``, from the same condition as overdue()."""
        return self.annotate(
            is_overdue=ExpressionWrapper(
                overdue_condition(now), output_field=BooleanField()
            )
        )

    def open(self) -> "InquiryQuerySet":
        return self.filter(open_condition())

    def held_for_review(self) -> "InquiryQuerySet":
        return self.filter(held_condition())

    def with_earlier_count(self) -> "InquiryQuerySet":
        """``earlier_from_mailbox``: how many inquiries the same mailbox sent
        before this one (1 makes this one the 2nd)."""
        earlier = (
            Inquiry.objects.filter(
                mailbox=OuterRef("mailbox"), created_at__lt=OuterRef("created_at")
            )
            .exclude(mailbox="")
            .order_by()
            .values("mailbox")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(earlier_from_mailbox=Coalesce(models.Subquery(earlier), 0))

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
    # The address folded by mailbox(): finds the same person's other inquiries.
    mailbox = models.CharField(
        max_length=254, blank=True, editable=False, db_index=True
    )
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
    # Set with the status: a new inquiry untouched for too long is overdue.
    status_changed_at = models.DateTimeField(
        "status last changed", null=True, editable=False
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
    follow_up_on = models.DateField(
        "next follow-up",
        null=True,
        blank=True,
        help_text="The day to get back to them: it comes back in the assignee's "
        "daily digest, and stays there until you change or clear it.",
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
        if self.status_changed_at is None:
            self.status_changed_at = self.created_at
        self.mailbox = mailbox(self.email) if self.anonymised_at is None else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_spam"}
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*kwargs["update_fields"], "mailbox"}
        super().save(*args, **kwargs)

    def set_status(self, status: str) -> str:
        """Move to ``status`` (not saved); returns the previous one.

        The overdue clock starts again from now: an inquiry set back to New
        has a full response time ahead of it.
        """
        previous = self.status
        if status != previous:
            self.status = status
            self.status_changed_at = timezone.now()
        return previous

    @property
    def email_mailto(self) -> str:
        return mailto(self.email)

    def same_mailbox(self) -> "InquiryQuerySet":
        """The other inquiries sent from this mailbox, newest first."""
        if not self.mailbox:
            return Inquiry.objects.none()
        return Inquiry.objects.filter(mailbox=self.mailbox).exclude(pk=self.pk)

    def get_admin_url(self) -> str:
        return reverse("admin:contact_inquiry_change", args=[self.pk])

    @property
    def absolute_admin_url(self) -> str:
        return f"{settings.SITE_URL}{self.get_admin_url()}"

    @property
    def phone_tel(self) -> str:
        """The number a tel: link dials: E.164, without the extension."""
        return self.phone.partition(" ")[0]

    @property
    def phone_display(self) -> str:
        """The phone as people write it: "(512) 555-0142" for a North American
        number, E.164 as stored for any other; an extension is kept."""
        number, _, extension = self.phone.partition(" ")
        if len(number) == 12 and number.startswith("+1") and number[1:].isdigit():
            number = f"({number[2:5]}) {number[5:8]}-{number[8:]}"
        return f"{number} {extension}".strip()

    @property
    def article_section_title(self) -> str:
        """The heading of the section the prospect read, found from its anchor
        in the article's table of contents; the anchor if it is gone."""
        if not self.article_section:
            return ""
        if self.article_id:
            for entry in self.article.toc:
                if entry.get("id") == self.article_section:
                    return entry.get("text", "")
        return self.article_section

    @property
    def source_label(self) -> str:
        """The source for a narrow column: a short title, then the section."""
        if not self.article_id:
            return self.source
        title = self.article.seo_title or self.article.title
        if len(self.article.title) <= len(title):
            title = self.article.title
        section = self.article_section_title
        label = shorten(title)
        return f"{label} / {shorten(section)}" if section else label

    @property
    def source_description(self) -> str:
        """The source in full, for emails: title, then the section's heading."""
        if not self.article_id:
            return self.source
        section = self.article_section_title
        return f"{self.article.title} — {section}" if section else self.article.title

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

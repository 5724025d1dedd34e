"""What the sales desk records about its own work on an inquiry.

The inquiry itself is the contact app's (what the prospect sent); the
timeline of who did what, and the reply templates staff edit, are the desk's,
so they live here and the contact app knows nothing of them.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from contact.models import Inquiry
from contact.notifications import notify_sales_after_commit, requeue


def display_name(user) -> str:
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


class InquiryEvent(models.Model):
    """One line of an inquiry's timeline: a status change, an assignment, a
    follow-up date or an email the site sent, with who and when."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status"
        ASSIGNMENT = "assignment", "Assignee"
        FOLLOW_UP = "follow_up", "Next follow-up"
        EMAIL = "email", "Email sent"

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who did it; empty for the website itself.",
    )
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.summary

    @property
    def summary(self) -> str:
        """ "Status: New → Contacted", "Email sent: assignment to Sam"."""
        if self.kind == self.Kind.EMAIL:
            return f"Email sent: {self.after}"
        return f"{self.get_kind_display()}: {self.before or '—'} → {self.after or '—'}"


class ReplyTemplate(models.Model):
    """The subject and greeting "Reply by email" puts in a salesperson's draft."""

    name = models.CharField(
        max_length=80,
        unique=True,
        help_text="What the button says, e.g. “First reply”.",
    )
    subject = models.CharField(
        max_length=150,
        help_text="May use {first_name}, {company}, {interest} and {sender}.",
    )
    body = models.TextField(
        max_length=3000,
        help_text="The start of the email: a greeting and a first line. "
        "May use {first_name}, {company}, {interest} and {sender}.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def change_status(inquiry: Inquiry, status: str, *, by) -> bool:
    """Set ``status`` and record it on the timeline; False if unchanged.

    Spam holds the notification still waiting; leaving spam sends the one
    the quarantine held back, as for any new inquiry.
    """
    Status = Inquiry.Status
    Notification = Inquiry.NotificationStatus
    previous = inquiry.set_status(status)
    if previous == status:
        return False
    if status == Status.SPAM:
        inquiry.spam_reason = inquiry.spam_reason or (
            f"Marked as spam by {by.get_username()}."
        )
        if inquiry.notification_status in (Notification.PENDING, Notification.FAILED):
            inquiry.notification_status = Notification.HELD
    elif previous == Status.SPAM:
        inquiry.spam_reason = ""
    with transaction.atomic():
        inquiry.save()
        InquiryEvent.objects.create(
            inquiry=inquiry,
            kind=InquiryEvent.Kind.STATUS,
            actor=by,
            before=Status(previous).label,
            after=Status(status).label,
        )
        if previous == Status.SPAM and inquiry.notified_at is None:
            requeue([inquiry.pk])
            inquiry.refresh_from_db(fields=["notification_status"])
            notify_sales_after_commit(inquiry)
    return True


def assign(inquiry: Inquiry, user, *, by) -> bool:
    """Give the inquiry to ``user`` (None: nobody) and record it; False if
    unchanged. The caller emails the new assignee (sales.notifications)."""
    if inquiry.assigned_to_id == (user.pk if user else None):
        return False
    previous = inquiry.assigned_to
    inquiry.assigned_to = user
    with transaction.atomic():
        inquiry.save(update_fields=["assigned_to"])
        record_assignment(inquiry, previous, by=by)
    return True


def record_assignment(inquiry: Inquiry, previous, *, by) -> None:
    InquiryEvent.objects.create(
        inquiry=inquiry,
        kind=InquiryEvent.Kind.ASSIGNMENT,
        actor=by,
        before=display_name(previous),
        after=display_name(inquiry.assigned_to),
    )


def record_follow_up(inquiry: Inquiry, previous, *, by) -> None:
    InquiryEvent.objects.create(
        inquiry=inquiry,
        kind=InquiryEvent.Kind.FOLLOW_UP,
        actor=by,
        before=date_label(previous),
        after=date_label(inquiry.follow_up_on),
    )


def record_email(inquiry_id: int, what: str) -> None:
    """An email the website sent about the inquiry, on its timeline."""
    InquiryEvent.objects.create(
        inquiry_id=inquiry_id, kind=InquiryEvent.Kind.EMAIL, after=what
    )


def date_label(day) -> str:
    return day.strftime("%a %-d %b %Y") if day else "none"

"""Email from the sales desk: to a salesperson given an inquiry, and each
salesperson's daily digest. New-inquiry email is the contact app's."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from contact.models import Inquiry, open_condition
from contact.notifications import (
    html_email,
    inquiry_context,
    mail_outage_reported,
    requeue,
    send_sales_notification,
)
from sales.models import display_name, record_email

logger = logging.getLogger(__name__)


def assignment_message(inquiry: Inquiry, assigned_by) -> EmailMultiAlternatives:
    context = {
        **inquiry_context(inquiry),
        "assignee_name": display_name(inquiry.assigned_to),
        "assigned_by": display_name(assigned_by) if assigned_by else "a colleague",
    }
    return html_email(
        "assignment",
        context,
        f"Assigned to you: {inquiry.name} ({inquiry.company})",
        [inquiry.assigned_to.email],
        reply_to=[inquiry.email],
    )


@task
def send_assignment_notification(inquiry_id: int, assigned_by_id: int) -> bool:
    """Tell the new assignee. Best effort: a failure is logged, not retried
    (the inquiry is on their list in the admin either way), and while the
    mail server is reported down nothing is tried, so no one waits on it.
    Spam is nobody's work: assigning it emails nobody."""
    if mail_outage_reported():
        return False
    inquiry = (
        Inquiry.objects.select_related("article", "assigned_to")
        .filter(pk=inquiry_id, is_spam=False)
        .first()
    )
    if inquiry is None or inquiry.assigned_to is None or not inquiry.assigned_to.email:
        return False
    assigned_by = get_user_model().objects.filter(pk=assigned_by_id).first()
    try:
        assignment_message(inquiry, assigned_by).send(using="default")
    except Exception:
        logger.exception("Assignment email for inquiry %s failed", inquiry_id)
        return False
    record_email(inquiry_id, f"assignment, to {display_name(inquiry.assigned_to)}")
    return True


def notify_assignee_after_commit(inquiry: Inquiry, *, assigned_by) -> None:
    """Email the person an inquiry was just assigned to, once it is saved;
    assigning it to yourself sends nothing."""
    if inquiry.assigned_to_id in (None, assigned_by.pk):
        return
    pk, by = inquiry.pk, assigned_by.pk
    transaction.on_commit(lambda: enqueue_assignment_notification(pk, by))


def enqueue_assignment_notification(inquiry_id: int, assigned_by_id: int) -> None:
    try:
        send_assignment_notification.enqueue(inquiry_id, assigned_by_id)
    except Exception:
        logger.exception("Could not queue the assignment email for %s", inquiry_id)


def retry_failed_notifications() -> tuple[int, int]:
    """Send every failing notification now, backoff or not: (sent, tried).

    What the banner's "Retry now" does; it stops at the first failure that
    reports the mail server down, as retry_notifications does.
    """
    failing = list(
        Inquiry.objects.notification_failing()
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    requeue(failing)
    sent = 0
    for pk in failing:
        if send_sales_notification(pk):
            sent += 1
        elif mail_outage_reported():
            break
    return sent, len(failing)


@dataclass
class Digest:
    """One salesperson's morning: what is theirs to do, and what nobody has."""

    user: object
    overdue: list[Inquiry] = field(default_factory=list)
    follow_ups: list[Inquiry] = field(default_factory=list)
    unassigned: list[Inquiry] = field(default_factory=list)
    held: list[Inquiry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.follow_ups or self.unassigned or self.held)


def digests(today: date | None = None, now: datetime | None = None) -> list[Digest]:
    """A digest for each active salesperson with an email address."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    queue = Inquiry.objects.select_related("assigned_to").order_by("created_at")
    overdue = list(queue.overdue(now).filter(assigned_to__isnull=False))
    follow_ups = list(
        queue.filter(open_condition(), follow_up_on__lte=today).order_by(
            "follow_up_on", "created_at"
        )
    )
    unassigned = list(
        queue.filter(
            open_condition(), status=Inquiry.Status.NEW, assigned_to__isnull=True
        )
    )
    held = list(queue.held_for_review())
    people = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name="Sales") | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
        .order_by("username")
    )
    return [
        Digest(
            person,
            [i for i in overdue if i.assigned_to_id == person.pk],
            [i for i in follow_ups if i.assigned_to_id == person.pk],
            unassigned,
            held,
        )
        for person in people
    ]


def digest_message(digest: Digest, today: date) -> EmailMultiAlternatives:
    context = {
        "digest": digest,
        "name": display_name(digest.user),
        "today": today,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "response_hours": settings.INQUIRY_RESPONSE_BUSINESS_HOURS,
    }
    counts = (
        f"{len(digest.overdue)} overdue, {len(digest.follow_ups)} follow-ups, "
        f"{len(digest.unassigned)} unassigned, {len(digest.held)} held"
    )
    return html_email(
        "sales_digest",
        context,
        f"Sales desk for {today:%a %-d %b}: {counts}",
        [digest.user.email],
    )

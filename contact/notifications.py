"""Email sales about new inquiries after commit; retries never double-send."""

import hashlib
import logging
import re
import time
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from assessment.rules import describe, recommendation_label
from contact.models import Inquiry, mailbox
from core.models import current_phone
from core.outages import was_a_wait
from core.ratelimit import count_in_window

logger = logging.getLogger(__name__)

Status = Inquiry.NotificationStatus
# A claim older than this belongs to a worker that died mid-send.
CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=6)
SUBJECT_MAX_LENGTH = 150
# Letters, joined at most by single hyphens or apostrophes, up to 30 of them.
PLAIN_NAME = re.compile(r"(?=.{1,30}$)[^\W\d_]+(?:['’-][^\W\d_]+)*")
# After a send fails slowly, requests leave the mail server alone for this
# long, on every worker and host: one that never answers would hold a worker
# for SMTP_TIMEOUT on every inquiry. A refusal costs no wait and pauses
# nothing, as in core.outages. retry_notifications keeps trying, and
# sends what the requests left.
MAIL_OUTAGE_KEY = "contact:mail-outage"
MAIL_OUTAGE_PAUSE = 60


def header_safe(value: str, limit: int = SUBJECT_MAX_LENGTH) -> str:
    """One line, no control characters: nothing a prospect types can add a header."""
    cleaned = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in value
    )
    cleaned = " ".join(cleaned.split())
    # "=?utf-8?q?…?=" typed as a name would be decoded by the mail client
    # into other text ("Cc: …"): a word joiner keeps it as the text typed.
    cleaned = cleaned.replace("=?", "=\u2060?")
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 … minutes after each failure, at most six hours."""
    return min(timedelta(minutes=2**attempts), MAX_BACKOFF)


def notify_sales_after_commit(inquiry: Inquiry) -> None:
    if inquiry.is_spam:
        return
    pk = inquiry.pk
    transaction.on_commit(lambda: enqueue_sales_notification(pk))


@task
def deliver_sales_notification(inquiry_id: int) -> bool:
    """Django's tasks framework runs this: in the request with the default
    ImmediateBackend, or on a worker when TASKS names a queueing backend."""
    if mail_outage_reported():
        leave_for_retry(inquiry_id)
        return False
    return send_sales_notification(inquiry_id)


def enqueue_sales_notification(inquiry_id: int) -> None:
    try:
        deliver_sales_notification.enqueue(inquiry_id)
    except Exception:
        # The inquiry stays pending; retry_notifications picks it up.
        logger.exception("Could not queue the notification for %s", inquiry_id)


def mail_outage_reported() -> bool:
    try:
        return cache.get(MAIL_OUTAGE_KEY) is not None
    except Exception:
        logger.exception("Cache unavailable checking for a mail outage")
        return False


def report_mail_outage() -> None:
    try:
        cache.set(MAIL_OUTAGE_KEY, True, MAIL_OUTAGE_PAUSE)
    except Exception:
        logger.exception("Cache unavailable reporting a mail outage")


def leave_for_retry(inquiry_id: int) -> None:
    """Not sent, not tried: due at retry_notifications' next run."""
    Inquiry.objects.filter(pk=inquiry_id, notification_status=Status.PENDING).update(
        notification_status=Status.FAILED,
        notification_error=(
            "Not tried: the mail server failed moments before. "
            "retry_notifications will send it."
        ),
        notification_next_attempt_at=timezone.now(),
    )


def claim(inquiry_id: int, *, now) -> bool:
    """Atomically take the right to send, so two workers never both send."""
    claimable = Q(notification_status__in=[Status.PENDING, Status.FAILED]) | Q(
        notification_status=Status.SENDING,
        notification_claimed_at__lt=now - CLAIM_TIMEOUT,
    )
    return bool(
        Inquiry.objects.filter(claimable, pk=inquiry_id, is_spam=False).update(
            notification_status=Status.SENDING, notification_claimed_at=now
        )
    )


def send_sales_notification(inquiry_id: int) -> bool:
    """Email sales about one inquiry. True if it was sent by this call.

    A failure never raises: it is recorded on the inquiry, shown to sales in
    the admin, and retried by ``manage.py retry_notifications``.
    """
    now = timezone.now()
    if not claim(inquiry_id, now=now):
        return False
    inquiry = Inquiry.objects.select_related("article").get(pk=inquiry_id)
    started = time.monotonic()
    try:
        sales_message(inquiry).send(using="default")
    except Exception as exc:
        attempts = inquiry.notification_attempts + 1
        logger.exception("Sales notification for inquiry %s failed", inquiry_id)
        if was_a_wait(started, time.monotonic()):
            report_mail_outage()
        Inquiry.objects.filter(pk=inquiry_id).update(
            notification_status=Status.FAILED,
            notification_attempts=attempts,
            notification_error=header_safe(f"{type(exc).__name__}: {exc}", 500),
            notification_next_attempt_at=now + backoff(attempts),
            notification_claimed_at=None,
        )
        return False
    Inquiry.objects.filter(pk=inquiry_id).update(
        notification_status=Status.SENT,
        notification_attempts=inquiry.notification_attempts + 1,
        notification_error="",
        notification_next_attempt_at=None,
        notification_claimed_at=None,
        notified_at=timezone.now(),
    )
    if settings.CONTACT_SEND_ACKNOWLEDGEMENT:
        send_acknowledgement(inquiry)
    return True


def inquiry_context(inquiry: Inquiry) -> dict:
    """What both sales emails show: the answers in words, the campaign tags
    and where the prospect came from, readable."""
    answers = inquiry.assessment_answers
    utm = [
        (Inquiry._meta.get_field(name).verbose_name, getattr(inquiry, name))
        for name in (
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_term",
            "utm_content",
        )
        if getattr(inquiry, name)
    ]
    return {
        "inquiry": inquiry,
        "admin_url": inquiry.absolute_admin_url,
        "assessment_result": recommendation_label(inquiry.assessment_recommendation),
        "assessment_answers": describe(answers) if isinstance(answers, dict) else [],
        "utm": utm,
        "source": inquiry.source_description,
        "SITE_NAME": settings.SITE_NAME,
    }


def html_email(
    template: str, context: dict, subject: str, to: list[str], **kwargs
) -> EmailMultiAlternatives:
    """Plain text with an HTML alternative, both from templates/contact/email/."""
    message = EmailMultiAlternatives(
        subject=header_safe(subject),
        body=render_to_string(f"contact/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        **kwargs,
    )
    message.attach_alternative(
        render_to_string(f"contact/email/{template}.html", context), "text/html"
    )
    return message


def sales_message(inquiry: Inquiry) -> EmailMultiAlternatives:
    return html_email(
        "sales_notification",
        inquiry_context(inquiry),
        f"New inquiry: {inquiry.name} ({inquiry.company}) — "
        f"{inquiry.get_interest_display()}",
        settings.SALES_NOTIFICATION_EMAILS,
        # Replying goes to the prospect; From stays ours so SPF/DMARC pass.
        reply_to=[inquiry.email],
    )


def send_acknowledgement(inquiry: Inquiry) -> None:
    """Tell the prospect we have it. Best effort: sent at most once, never retried.

    Anyone can type someone else's address into the form, so the email
    repeats nothing a stranger could use to carry a message (a first name
    only when it is a plain name), and an address gets at most
    CONTACT_ACKNOWLEDGEMENTS_PER_DAY of them.
    """
    if not Inquiry.objects.filter(pk=inquiry.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    ):
        return
    if acknowledgements_used_up(inquiry.email):
        return
    message = EmailMessage(
        subject=f"We received your inquiry — {settings.SITE_NAME}",
        body=render_to_string(
            "contact/email/acknowledgement.txt",
            {
                "first_name": plain_first_name(inquiry.name),
                "SITE_NAME": settings.SITE_NAME,
                "site_phone": current_phone(),
            },
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[inquiry.email],
        reply_to=settings.SALES_NOTIFICATION_EMAILS[:1],
    )
    try:
        message.send(using="default")
    except Exception:
        logger.exception("Acknowledgement for inquiry %s failed", inquiry.pk)


def acknowledgements_used_up(email: str) -> bool:
    """Count one more acknowledgement to ``email``; True past the day's limit.

    The shared cache counts atomically, so workers sending at once cannot
    all slip under the limit; while it is down the database counts.
    """
    # jane+1@, "Jane"@ and the punycode spelling of her domain reach one
    # mailbox: they share its allowance.
    folded = mailbox(email)
    digest = hashlib.sha256(folded.encode()).hexdigest()
    count = count_in_window(f"contact:acknowledgements:{digest}", 24 * 60 * 60)
    if count is None:
        day_ago = timezone.now() - timedelta(days=1)
        count = Inquiry.objects.filter(
            mailbox=folded, acknowledged_at__gte=day_ago
        ).count()
    return count > settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY


def plain_first_name(name: str) -> str:
    """The first word of ``name`` if it is a plain name ("Dana", "Jean-Luc",
    "O'Neil"), else "": words joined by other characters could carry a
    message ("Congratulations!\u00a0You\u00a0won…")."""
    first = name.split(" ", 1)[0]
    return first if PLAIN_NAME.fullmatch(first) else ""


def due_for_retry(now=None) -> list[int]:
    """Inquiries whose notification failed (backoff elapsed) or never went out."""
    now = now or timezone.now()
    return list(
        Inquiry.objects.filter(is_spam=False)
        .filter(
            Q(
                notification_status=Status.FAILED,
                notification_next_attempt_at__lte=now,
            )
            # The process died between commit and sending.
            | Q(notification_status=Status.PENDING, created_at__lt=now - CLAIM_TIMEOUT)
            | Q(
                notification_status=Status.SENDING,
                notification_claimed_at__lt=now - CLAIM_TIMEOUT,
            )
        )
        .filter(notification_attempts__lt=settings.CONTACT_NOTIFICATION_MAX_ATTEMPTS)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )


def requeue(inquiry_ids) -> int:
    """Make inquiries sendable again now (the admin's "resend" and "not spam")."""
    return (
        Inquiry.objects.filter(pk__in=inquiry_ids, is_spam=False)
        .exclude(notification_status=Status.SENDING)
        .update(
            notification_status=Status.PENDING,
            notification_next_attempt_at=None,
            notification_error="",
        )
    )

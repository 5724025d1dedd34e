"""The list's bulk actions, each recorded on every inquiry's timeline and in
its history, as one click on the inquiry's page is."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from contact.models import Inquiry
from contact.notifications import requeue, send_sales_notification
from sales.models import assign, change_status

Status = Inquiry.Status


def bulk_status(modeladmin, request, queryset, status: str) -> int:
    count = 0
    for inquiry in queryset.select_related(None):
        previous = inquiry.status
        if change_status(inquiry, status, by=request.user):
            modeladmin.log_changes(
                request,
                inquiry,
                [f"status: {Status(previous).label} → {Status(status).label}"],
            )
            count += 1
    return count


@admin.action(
    description="Mark selected inquiries as contacted", permissions=["change"]
)
def mark_contacted(
    modeladmin, request: HttpRequest, queryset: QuerySet[Inquiry]
) -> None:
    count = bulk_status(
        modeladmin, request, queryset.filter(is_spam=False), Status.CONTACTED
    )
    modeladmin.message_user(request, f"Marked {count} inquiries as contacted.")


@admin.action(description="Assign selected inquiries to me", permissions=["change"])
def assign_to_me(modeladmin, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
    count = sum(assign(inquiry, request.user, by=request.user) for inquiry in queryset)
    modeladmin.message_user(request, f"Assigned {count} inquiries to you.")


@admin.action(description="Mark selected as spam", permissions=["change"])
def mark_spam(modeladmin, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
    count = bulk_status(modeladmin, request, queryset, Status.SPAM)
    modeladmin.message_user(request, f"Moved {count} inquiries to spam.")


@admin.action(
    description="Not spam: restore to the queue (and notify sales)",
    permissions=["change"],
)
def mark_not_spam(
    modeladmin, request: HttpRequest, queryset: QuerySet[Inquiry]
) -> None:
    spam = queryset.filter(is_spam=True)
    missed = spam.filter(notified_at__isnull=True).count()
    count = bulk_status(modeladmin, request, spam, Status.NEW)
    modeladmin.message_user(
        request,
        f"Restored {count} inquiries; notifying sales about "
        f"{missed} that had not been sent.",
    )


@admin.action(description="Resend the sales notification", permissions=["change"])
def resend_notification(
    modeladmin, request: HttpRequest, queryset: QuerySet[Inquiry]
) -> None:
    pks = list(queryset.filter(is_spam=False).values_list("pk", flat=True))
    requeue(pks)
    sent = sum(send_sales_notification(pk) for pk in pks)
    level = messages.SUCCESS if sent == len(pks) else messages.WARNING
    modeladmin.message_user(
        request, f"Sent {sent} of {len(pks)} notifications.", level=level
    )

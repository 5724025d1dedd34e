from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.decorators import recent_second_factor_required, records_export
from assessment.rules import describe, recommendation_label
from contact.export import csv_response
from contact.models import Inquiry, InquiryNote
from contact.notifications import (
    notify_assignee_after_commit,
    requeue,
    send_sales_notification,
)

Status = Inquiry.Status
Notification = Inquiry.NotificationStatus

CONTACT_FIELDS = (
    "name",
    "company",
    "email_link",
    "phone_link",
    "interest",
    "message",
    "created_at",
    "consented_at",
)
ATTRIBUTION_FIELDS = (
    "article",
    "article_section",
    "article_version",
    "landing_page",
    "referrer",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
)
NOTIFICATION_FIELDS = (
    "notification_status",
    "notification_attempts",
    "notification_error",
    "notification_next_attempt_at",
    "notified_at",
    "acknowledged_at",
)
ASSESSMENT_FIELDS = (
    "assessment_recommendation_display",
    "assessment_answers_display",
)


class SpamFilter(admin.SimpleListFilter):
    """Spam stays out of the queue unless sales asks for it."""

    title = "spam"
    parameter_name = "spam"

    def lookups(self, request, model_admin):
        return [("yes", "Spam only"), ("all", "All, including spam")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "yes":
            return queryset.filter(is_spam=True)
        if value == "all":
            return queryset
        return queryset.filter(is_spam=False)

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Not spam (the queue)",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }


class InquiryNoteInline(admin.TabularInline):
    model = InquiryNote
    extra = 1
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")
    verbose_name = "internal note"
    verbose_name_plural = "internal notes (never shown to the prospect)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            # A tabular inline shows a column heading, not a <label>: name the
            # box for screen readers (axe: "Form elements must have labels").
            field.widget.attrs["aria-label"] = "New internal note"
        return field

    # A note is a record of what happened: added, never rewritten or removed
    # (retention, purge_inquiries, is what deletes notes).
    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "name",
        "company",
        "email_link",
        "phone_link",
        "interest",
        "status",
        "assigned_to",
        "source_display",
        "notification_display",
    )
    list_display_links = ("created_at", "name")
    list_filter = (
        "status",
        "interest",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        "created_at",
        SpamFilter,
        "notification_status",
    )
    list_select_related = ("article", "assigned_to")
    search_fields = ("name", "email", "company", "message")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    list_per_page = 50
    inlines = [InquiryNoteInline]
    actions = [
        "mark_contacted",
        "assign_to_me",
        "mark_spam",
        "mark_not_spam",
        "resend_notification",
        "export_csv",
    ]
    readonly_fields = (
        *CONTACT_FIELDS,
        *ATTRIBUTION_FIELDS,
        *NOTIFICATION_FIELDS,
        "spam_reason",
        "assessment_recommendation_display",
        "assessment_answers_display",
    )

    # Contact details, the follow-up and the notes come first: the template
    # puts the notes after the first two fieldsets.
    change_form_template = "admin/contact/inquiry/change_form.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            ("Contact details (what they sent, read-only)", {"fields": CONTACT_FIELDS}),
            ("Follow-up", {"fields": ("status", "assigned_to")}),
        ]
        if obj is not None and obj.is_spam:
            fieldsets.append(("Quarantined as spam", {"fields": ("spam_reason",)}))
        if obj is not None and (
            obj.assessment_answers or obj.assessment_recommendation
        ):
            fieldsets.append(("Readiness assessment", {"fields": ASSESSMENT_FIELDS}))
        fieldsets += [
            (
                "Where they came from (first touch, UTM, referrer)",
                {"fields": ATTRIBUTION_FIELDS, "classes": ["collapse"]},
            ),
            (
                "Sales notification",
                {"fields": NOTIFICATION_FIELDS, "classes": ["collapse"]},
            ),
        ]
        return fieldsets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .filter(Q(groups__name="Sales") | Q(is_superuser=True))
                .distinct()
                .order_by("first_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Inquiries come from prospects, through the website.
        return False

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("contact.export_inquiry")

    def save_model(self, request, obj, form, change) -> None:
        if obj.status == Status.SPAM and not obj.spam_reason:
            obj.spam_reason = f"Marked as spam by {request.user.get_username()}."
        if "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)
        if "assigned_to" in form.changed_data:
            notify_assignee_after_commit(obj, assigned_by=request.user)

    def save_formset(self, request, form, formset, change) -> None:
        notes = formset.save(commit=False)
        for note in notes:
            if note.author_id is None:
                note.author = request.user
            note.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()

    @admin.display(description="source")
    def source_display(self, obj: Inquiry) -> str:
        # The short label fits the column; the full source is on hover.
        return format_html(
            '<span title="{}">{}</span>', obj.source_description, obj.source_label
        )

    @admin.display(description="work email", ordering="email")
    def email_link(self, obj: Inquiry) -> str:
        return format_html('<a href="mailto:{}">{}</a>', obj.email, obj.email)

    @admin.display(description="phone", ordering="phone")
    def phone_link(self, obj: Inquiry) -> str:
        if not obj.phone:
            return "—"
        return format_html('<a href="tel:{}">{}</a>', obj.phone_tel, obj.phone_display)

    @admin.display(description="notification")
    def notification_display(self, obj: Inquiry) -> str:
        if obj.notification_status == Notification.FAILED:
            return format_html(
                '<strong class="inquiry-notification--failed">⚠ {}</strong>',
                obj.get_notification_status_display(),
            )
        return obj.get_notification_status_display()

    @admin.display(description="answers")
    def assessment_answers_display(self, obj: Inquiry) -> str:
        answers = obj.assessment_answers
        if not isinstance(answers, dict) or not answers:
            return "—"
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", describe(answers)),
        )

    @admin.display(description="recommendation shown")
    def assessment_recommendation_display(self, obj: Inquiry) -> str:
        return recommendation_label(obj.assessment_recommendation) or "—"

    # Bulk actions

    @admin.action(
        description="Mark selected inquiries as contacted", permissions=["change"]
    )
    def mark_contacted(self, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
        count = (
            queryset.filter(is_spam=False)
            .exclude(status=Status.CONTACTED)
            .update(status=Status.CONTACTED, status_changed_at=timezone.now())
        )
        self.message_user(request, f"Marked {count} inquiries as contacted.")

    @admin.action(description="Assign selected inquiries to me", permissions=["change"])
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
        count = queryset.update(assigned_to=request.user)
        self.message_user(request, f"Assigned {count} inquiries to you.")

    @admin.action(description="Mark selected as spam", permissions=["change"])
    def mark_spam(self, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
        reason = f"Marked as spam by {request.user.get_username()}."
        with transaction.atomic():
            queryset.filter(spam_reason="").update(spam_reason=reason)
            # A notification still waiting is held: nobody needs it now.
            queryset.filter(
                notification_status__in=[Notification.PENDING, Notification.FAILED]
            ).update(notification_status=Notification.HELD)
            queryset.exclude(status=Status.SPAM).update(
                status_changed_at=timezone.now()
            )
            count = queryset.update(status=Status.SPAM, is_spam=True)
        self.message_user(request, f"Moved {count} inquiries to spam.")

    @admin.action(
        description="Not spam: restore to the queue (and notify sales)",
        permissions=["change"],
    )
    def mark_not_spam(self, request: HttpRequest, queryset: QuerySet[Inquiry]) -> None:
        spam = queryset.filter(is_spam=True)
        restored = list(spam.values_list("pk", flat=True))
        missed = list(
            spam.filter(notified_at__isnull=True).values_list("pk", flat=True)
        )
        with transaction.atomic():
            spam.update(
                status=Status.NEW,
                is_spam=False,
                spam_reason="",
                status_changed_at=timezone.now(),
            )
            requeue(missed)
            # The notification the quarantine held back goes out now.
            for pk in missed:
                transaction.on_commit(lambda pk=pk: send_sales_notification(pk))
        self.message_user(
            request,
            f"Restored {len(restored)} inquiries; notifying sales about "
            f"{len(missed)} that had not been sent.",
        )

    @admin.action(description="Resend the sales notification", permissions=["change"])
    def resend_notification(
        self, request: HttpRequest, queryset: QuerySet[Inquiry]
    ) -> None:
        pks = list(queryset.filter(is_spam=False).values_list("pk", flat=True))
        requeue(pks)
        sent = sum(send_sales_notification(pk) for pk in pks)
        level = messages.SUCCESS if sent == len(pks) else messages.WARNING
        self.message_user(
            request, f"Sent {sent} of {len(pks)} notifications.", level=level
        )

    @admin.action(description="Export selected as CSV (Excel)", permissions=["export"])
    @recent_second_factor_required
    @records_export("inquiries")
    def export_csv(
        self, request: HttpRequest, queryset: QuerySet[Inquiry]
    ) -> HttpResponse:
        return csv_response(queryset)

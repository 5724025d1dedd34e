"""The sales desk in the admin: the queue of inquiries and each inquiry's
workspace (one-click actions, reply, follow-up, timeline)."""

from copy import copy
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from accounts.decorators import recent_second_factor_required, records_export
from assessment.rules import describe, recommendation_label
from contact.models import Inquiry, InquiryNote
from sales import bulk, reports  # noqa: F401  (reports registers its admin)
from sales.dashboard import dashboard
from sales.export import csv_response
from sales.filters import AssigneeFilter, QueueFilter, salespeople
from sales.models import (
    ReplyTemplate,
    assign,
    change_status,
    display_name,
    record_assignment,
    record_follow_up,
)
from sales.notifications import notify_assignee_after_commit, retry_failed_notifications
from sales.queues import QUEUES, current_queue, queue_counts
from sales.timeline import ordinal, reply_links, timeline

Status = Inquiry.Status

# The status flow's buttons on an inquiry, in the order a lead moves.
STATUS_BUTTONS = [
    (Status.CONTACTED, "Mark contacted"),
    (Status.QUALIFIED, "Qualified"),
    (Status.WON, "Won"),
    (Status.LOST, "Lost"),
    (Status.SPAM, "Spam"),
]
SHORT_INTEREST = {
    Inquiry.Interest.VCISO: "vCISO",
    Inquiry.Interest.VCIO: "vCIO",
    Inquiry.Interest.BOTH: "Both",
    Inquiry.Interest.UNSURE: "Not sure",
}
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
SUBMITTED_FIELDS = (
    "name",
    "company",
    "email",
    "phone",
    "interest",
    "message",
    "created_at",
    "consented_at",
    "spam_reason",
)
TRACKED_FIELDS = ("status", "assigned_to", "follow_up_on")


class InquiryNoteInline(admin.StackedInline):
    """A box to add a note; the notes themselves read on the timeline."""

    model = InquiryNote
    extra = 1
    fields = ("text",)
    verbose_name = "note"
    verbose_name_plural = "add a note (internal, never shown to the prospect)"

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update(rows=3, cols=60)
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
        "name_display",
        "company",
        "interest_display",
        "status_display",
        "assignee_display",
        "age_display",
        "source_display",
        "reach_display",
    )
    list_display_links = ("name_display",)
    list_filter = (QueueFilter, "status", "interest", AssigneeFilter)
    search_fields = ("name", "email", "company", "message")
    list_per_page = 50
    inlines = [InquiryNoteInline]
    actions = [
        bulk.mark_contacted,
        bulk.assign_to_me,
        bulk.mark_spam,
        bulk.mark_not_spam,
        bulk.resend_notification,
    ]
    readonly_fields = (
        *SUBMITTED_FIELDS,
        *ATTRIBUTION_FIELDS,
        *NOTIFICATION_FIELDS,
        *ASSESSMENT_FIELDS,
    )
    change_list_template = "admin/sales/inquiry_change_list.html"
    change_form_template = "admin/sales/inquiry_change_form.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = [("Follow-up", {"fields": TRACKED_FIELDS})]
        if obj is not None and (
            obj.assessment_answers or obj.assessment_recommendation
        ):
            fieldsets.append(("Readiness assessment", {"fields": ASSESSMENT_FIELDS}))
        fieldsets += [
            (
                "Everything they sent",
                {"fields": SUBMITTED_FIELDS, "classes": ["collapse"]},
            ),
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

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article", "assigned_to")
            .with_overdue_flag()
            .with_earlier_count()
        )

    def get_ordering(self, request):
        if current_queue(request.GET).oldest_first:
            return ("created_at", "pk")
        return ("-created_at", "-pk")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = salespeople()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Inquiries come from prospects, through the website.
        return False

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("contact.export_inquiry")

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("export/", wrap(self.export_view), name="contact_inquiry_export"),
            path("reports/", wrap(self.reports_view), name="contact_inquiry_reports"),
            path(
                "retry-notifications/",
                wrap(self.retry_view),
                name="contact_inquiry_retry",
            ),
            path(
                "<path:object_id>/act/",
                wrap(self.act_view),
                name="contact_inquiry_act",
            ),
            *super().get_urls(),
        ]

    # The list

    def changelist_view(self, request: HttpRequest, extra_context=None):
        queue = current_queue(request.GET)
        current = queue.key
        counts = queue_counts(request.user)
        tabs = [
            {
                "label": view.label,
                "count": counts.get(key),
                "url": f"?queue={key}",
                "selected": key == current,
                "key": key,
            }
            for key, view in QUEUES.items()
        ]
        export_url = ""
        if self.has_export_permission(request):
            export_url = reverse("admin:contact_inquiry_export")
            if request.GET:
                export_url += f"?{request.GET.urlencode()}"
        extra_context = {
            **(extra_context or {}),
            "title": f"Inquiries: {queue.label}",
            "queue_tabs": tabs,
            "export_url": export_url,
            "response_hours": settings.INQUIRY_RESPONSE_BUSINESS_HOURS,
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="name", ordering="name")
    def name_display(self, obj: Inquiry) -> str:
        if not obj.earlier_from_mailbox:
            return obj.name
        return format_html(
            '{} <span class="repeat-badge">{} inquiry</span>',
            obj.name,
            ordinal(obj.earlier_from_mailbox + 1),
        )

    @admin.display(description="interest", ordering="interest")
    def interest_display(self, obj: Inquiry) -> str:
        return SHORT_INTEREST.get(obj.interest, obj.interest)

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Inquiry) -> str:
        badge = format_html(
            '<span class="status-badge status-badge--{}">{}</span>',
            obj.status,
            obj.get_status_display(),
        )
        if not obj.is_spam:
            return badge
        # Why it was held, for the one-glance review of Held for review.
        return format_html(
            '{} <small class="spam-reason">{}</small>', badge, obj.spam_reason
        )

    @admin.display(description="assignee", ordering="assigned_to__username")
    def assignee_display(self, obj: Inquiry) -> str:
        return display_name(obj.assigned_to) if obj.assigned_to else "—"

    @admin.display(description="age", ordering="created_at")
    def age_display(self, obj: Inquiry) -> str:
        flags = []
        if obj.is_overdue:
            flags.append(mark_safe('<strong class="overdue-badge">Overdue</strong>'))
        if obj.follow_up_on and obj.follow_up_on <= timezone.localdate():
            flags.append(mark_safe('<span class="due-badge">Follow-up due</span>'))
        return format_html(
            '<time datetime="{}" title="{}">{}</time> {}',
            obj.created_at.isoformat(),
            timezone.localtime(obj.created_at).strftime("%a %-d %b %Y %H:%M"),
            timesince(obj.created_at, depth=1),
            format_html_join(" ", "{}", ((flag,) for flag in flags)),
        )

    @admin.display(description="source")
    def source_display(self, obj: Inquiry) -> str:
        # The short label fits the column; the full source is on hover.
        return format_html(
            '<span title="{}">{}</span>', obj.source_description, obj.source_label
        )

    @admin.display(description="email and phone")
    def reach_display(self, obj: Inquiry) -> str:
        # A long address breaks before its "@" rather than anywhere in it.
        local, at, domain = obj.email.rpartition("@")
        email = format_html(
            '<a href="{}">{}<wbr>{}{}</a>', obj.email_mailto, local, at, domain
        )
        if not obj.phone:
            return email
        return format_html(
            '{} <a href="tel:{}">{}</a>',
            email,
            obj.phone_tel,
            obj.phone_display,
        )

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The list as it stands (view, filters, search, order) as CSV."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:contact_inquiry_changelist") + "?e=1")
        return self.export_rows(request, changelist.get_queryset(request))

    # Every prospect's personal data in one file: the second factor again
    # after ten minutes, and a line in the audit trail.
    @recent_second_factor_required
    @records_export("inquiries")
    def export_rows(
        self, request: HttpRequest, inquiries: QuerySet[Inquiry]
    ) -> HttpResponse:
        return csv_response(inquiries)

    def reports_view(self, request: HttpRequest) -> TemplateResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Sales reports",
            "opts": self.opts,
            "charts": dashboard(),
            "can_see_assessments": request.user.has_perm(
                "assessment.view_dailyassessmentcount"
            ),
        }
        return TemplateResponse(request, "admin/sales/reports.html", context)

    def retry_view(self, request: HttpRequest) -> HttpResponseRedirect:
        if request.method != "POST":
            return redirect("admin:contact_inquiry_changelist")
        if not self.has_change_permission(request):
            raise PermissionDenied
        sent, tried = retry_failed_notifications()
        level = messages.SUCCESS if sent == tried else messages.WARNING
        self.message_user(
            request,
            f"Sent {sent} of {tried} notifications."
            + ("" if sent == tried else " The rest are tried again automatically."),
            level=level,
        )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("admin:contact_inquiry_changelist")
        return redirect(back)

    # The inquiry's workspace

    def change_view(self, request, object_id, form_url="", extra_context=None):
        inquiry = self.get_object(request, unquote(object_id))
        if inquiry is not None and self.has_view_or_change_permission(request, inquiry):
            preserved = request.GET.get("_changelist_filters", "")
            extra_context = {
                **(extra_context or {}),
                "inquiry": inquiry,
                "timeline": timeline(inquiry),
                "reply_links": reply_links(
                    inquiry, request.user, ReplyTemplate.objects.all()
                ),
                "same_mailbox": list(inquiry.same_mailbox().order_by("-created_at")),
                "neighbours": self.neighbours(request, inquiry, preserved),
                "status_buttons": [
                    (value, label)
                    for value, label in STATUS_BUTTONS
                    if value != inquiry.status and not inquiry.is_spam
                ],
                "can_change": self.has_change_permission(request, inquiry),
                "act_url": reverse(
                    "admin:contact_inquiry_act", args=[quote(inquiry.pk)]
                )
                + (f"?{request.GET.urlencode()}" if request.GET else ""),
                "response_hours": settings.INQUIRY_RESPONSE_BUSINESS_HOURS,
                "title": f"Inquiry from {inquiry.name}",
                "subtitle": None,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def neighbours(self, request, inquiry: Inquiry, preserved: str) -> dict:
        """The previous and next inquiry in the list the user came from."""
        listing = copy(request)
        listing.GET = QueryDict(preserved)
        try:
            changelist = self.get_changelist_instance(listing)
        except IncorrectLookupParameters:
            return {}
        pks = list(changelist.get_queryset(listing).values_list("pk", flat=True))
        suffix = (
            f"?{urlencode({'_changelist_filters': preserved})}" if preserved else ""
        )

        def url(pk):
            return reverse("admin:contact_inquiry_change", args=[pk]) + suffix

        if inquiry.pk not in pks:
            # Taken or answered, so out of the view: the next one to work is
            # the view's first.
            return {"total": len(pks), "next": url(pks[0]) if pks else ""}
        index = pks.index(inquiry.pk)
        return {
            "position": index + 1,
            "total": len(pks),
            "previous": url(pks[index - 1]) if index > 0 else "",
            "next": url(pks[index + 1]) if index + 1 < len(pks) else "",
        }

    def act_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """One click on the inquiry page: Assign to me, or a status."""
        if request.method != "POST":
            return redirect("admin:contact_inquiry_change", object_id)
        inquiry = self.get_object(request, unquote(object_id))
        if inquiry is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, inquiry):
            raise PermissionDenied
        action = request.POST.get("do", "")
        if action == "assign_to_me":
            previous = display_name(inquiry.assigned_to)
            if assign(inquiry, request.user, by=request.user):
                change = f"assignee: {previous} → {display_name(request.user)}"
                self.log_changes(request, inquiry, [change])
                self.message_user(request, "Assigned to you.")
        elif action in Status.values:
            previous = inquiry.status
            if change_status(inquiry, action, by=request.user):
                change = f"status: {Status(previous).label} → {Status(action).label}"
                self.log_changes(request, inquiry, [change])
                self.message_user(request, f"Status: {Status(action).label}.")
        else:
            self.message_user(request, "Nothing to do.", level=messages.WARNING)
        url = reverse("admin:contact_inquiry_change", args=[quote(inquiry.pk)])
        if request.GET:
            url += f"?{request.GET.urlencode()}"
        return redirect(url)

    def log_changes(self, request, inquiry: Inquiry, fields: list[str]) -> None:
        self.log_change(request, inquiry, [{"changed": {"fields": fields}}])

    def save_model(self, request, obj, form, change) -> None:
        initial = {name: form.initial.get(name) for name in TRACKED_FIELDS}
        if change and "status" in form.changed_data:
            status, obj.status = obj.status, initial["status"]
            change_status(obj, status, by=request.user)
        super().save_model(request, obj, form, change)
        if change and "assigned_to" in form.changed_data:
            previous = (
                get_user_model().objects.filter(pk=initial["assigned_to"]).first()
            )
            record_assignment(obj, previous, by=request.user)
            notify_assignee_after_commit(obj, assigned_by=request.user)
        if change and "follow_up_on" in form.changed_data:
            record_follow_up(obj, initial["follow_up_on"], by=request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        """History that says what changed: "status: New → Contacted"."""
        message = super().construct_change_message(request, form, formsets, add)
        if add or not form.changed_data:
            return message
        fields = []
        for name in form.changed_data:
            before, after = form.initial.get(name), form.cleaned_data.get(name)
            if name == "status":
                before, after = Status(before).label, Status(after).label
            elif name == "assigned_to":
                before = display_name(
                    get_user_model().objects.filter(pk=before).first()
                )
                after = display_name(after)
            label = form.fields[name].label or name
            fields.append(f"{label.lower()}: {before or '—'} → {after or '—'}")
        for entry in message:
            if "changed" in entry and "name" not in entry["changed"]:
                entry["changed"]["fields"] = fields
        return message

    def save_formset(self, request, form, formset, change) -> None:
        notes = formset.save(commit=False)
        for note in notes:
            if note.author_id is None:
                note.author = request.user
            note.save()
        formset.save_m2m()

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


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "subject")

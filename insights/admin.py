import csv
import logging

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.admin import ReadOnlyAdmin
from insights import report
from insights.models import CountedPage, Event, write_pending_counts
from sales.export import neutralise

logger = logging.getLogger(__name__)


@admin.register(CountedPage)
class InsightsAdmin(ReadOnlyAdmin):
    """The Insights page: read-only figures for Content and Sales."""

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("insights.view_insights")

    def change_view(self, request: HttpRequest, object_id: str, *args, **kwargs):
        """A page's "change" address shows its funnel: there is nothing to edit."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = reverse("admin:insights_countedpage_changelist")
        return redirect(f"{changelist}?page={int(object_id)}")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)  # the 403
        # Up to the last event: what the cache gathered since the last write.
        try:
            write_pending_counts()
        except Exception:
            logger.exception("Insights could not write the pending counts")
        days = request.GET.get("days", "")
        days = int(days) if days in map(str, report.PERIOD_DAYS) else 30
        period = report.Period.ending(timezone.localdate(), days)
        page = None
        if request.GET.get("page", "").isdigit():
            page = get_object_or_404(CountedPage, pk=request.GET["page"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Insights: {page.title}" if page else "Insights",
            "period": period,
            "days": days,
            "period_days": report.PERIOD_DAYS,
            "page": page,
            "events": list(Event),
            "calls_to_action": Event.calls_to_action(),
            "bar_width": report.BAR_WIDTH,
        }
        if page is None:
            context["rows"] = report.overview(period)
        else:
            rows, totals = report.funnel(page, period)
            context |= {"rows": rows, "totals": totals}
        if request.GET.get("format") == "csv":
            return csv_response(context)
        return TemplateResponse(request, "admin/insights/insights.html", context)


def csv_response(context: dict) -> HttpResponse:
    """The table on the screen, as CSV: each figure for this period, then for
    the one before."""
    page, period = context["page"], context["period"]
    slug = (page.path.strip("/").replace("/", "-") or "home") if page else "all-pages"
    filename = f"insights-{slug}-{period.last}-{context['days']}d.csv"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
    response.write("\ufeff")
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    if page is None:
        first = ["Page", "Address"]
        measures = [(event.value, event.label) for event in Event]
        # Visitors first, beside the views.
        measures.insert(1, measures.pop())
    else:
        first = ["Section", "Heading id"]
        measures = [("shown", "Seen (first row: views)")]
        measures += [(event.value, event.label) for event in Event.calls_to_action()]
        measures += [("inquiries", "Inquiries sent")]
    header = list(first)
    for _key, label in measures:
        header += [f"{label} {period.label}", f"{label} {period.previous.label}"]
    writer.writerow(header)
    for row in context["rows"]:
        line = [neutralise(row.label), neutralise(row.path or row.key)]
        for key, _label in measures:
            if key == "shown":
                line += [row.shown_now, row.shown_before]
            else:
                line += [row.figures.now[key], row.figures.before[key]]
        writer.writerow(line)
    for label, now, before in context.get("totals", []):
        writer.writerow([label, "", now, before])
    return response

"""The readiness assessment's conversion report: completed assessments and
the inquiries they became, by month. It reads both apps, so it lives on the
sales desk and neither app imports the other."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib import admin
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from assessment.models import DailyAssessmentCount
from assessment.rules import Recommendation
from contact.models import Inquiry
from core.admin import ReadOnlyAdmin

REPORT_MONTHS = 12


@dataclass(frozen=True)
class Cell:
    completed: int
    inquiries: int

    @property
    def conversion(self) -> str:
        if not self.completed:
            return "—"
        return f"{self.inquiries / self.completed:.0%}"


@dataclass(frozen=True)
class MonthRow:
    month: date
    cells: list[Cell]
    total: Cell


def first_of_month(value: date | datetime) -> date:
    return (value.date() if isinstance(value, datetime) else value).replace(day=1)


def monthly_report(today: date, months: int = REPORT_MONTHS) -> list[MonthRow]:
    """Completed assessments and resulting inquiries, by month and recommendation.

    An inquiry counts in the month it was sent (not the month of its
    assessment); spam is left out.
    """
    start = today.replace(day=1)
    for _ in range(months - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    completed = {
        (first_of_month(row["month"]), row["recommendation"]): row["total"]
        for row in DailyAssessmentCount.objects.filter(day__gte=start)
        .annotate(month=TruncMonth("day"))
        .values("month", "recommendation")
        .annotate(total=Sum("completed"))
    }
    since = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    inquiries = {
        (first_of_month(row["month"]), row["assessment_recommendation"]): row["total"]
        for row in Inquiry.objects.for_sales_queue()
        .filter(created_at__gte=since)
        .exclude(assessment_recommendation="")
        .annotate(month=TruncMonth("created_at"))
        .values("month", "assessment_recommendation")
        .annotate(total=Count("pk"))
    }
    rows = []
    month = today.replace(day=1)
    while month >= start:
        cells = [
            Cell(completed.get((month, r.value), 0), inquiries.get((month, r.value), 0))
            for r in Recommendation
        ]
        total = Cell(sum(c.completed for c in cells), sum(c.inquiries for c in cells))
        rows.append(MonthRow(month, cells, total))
        month = (month - timedelta(days=1)).replace(day=1)
    return rows


@admin.register(DailyAssessmentCount)
class DailyAssessmentCountAdmin(ReadOnlyAdmin):
    """Read-only: the site records the counts, nobody edits them."""

    change_list_template = "admin/assessment/dailyassessmentcount/change_list.html"
    list_display = ("day", "recommendation", "completed")
    list_filter = ("recommendation",)
    date_hierarchy = "day"
    list_per_page = 100

    def changelist_view(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "recommendations": list(Recommendation),
            "report": monthly_report(timezone.localdate()),
        }
        return super().changelist_view(request, extra_context)

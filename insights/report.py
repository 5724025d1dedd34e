"""The Insights page's figures: per page, or down one page's sections, for a
period and the one before it. The admin draws them and the CSV repeats them."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum
from django.urls import Resolver404, resolve
from django.utils import timezone

from articles.models import Article
from assessment.models import DailyAssessmentCount
from contact.models import Inquiry
from insights.models import CountedPage, DailyCount, Event

PERIOD_DAYS = (7, 30, 90)
DEFAULT_DAYS = 30
BAR_WIDTH = 240


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @classmethod
    def ending(cls, last: date, days: int) -> "Period":
        return cls(last - timedelta(days=days - 1), last)

    @property
    def previous(self) -> "Period":
        days = (self.last - self.first).days + 1
        return Period.ending(self.first - timedelta(days=1), days)

    @property
    def label(self) -> str:
        return f"{self.first:%b %-d} – {self.last:%b %-d, %Y}"

    def moments(self) -> tuple[datetime, datetime]:
        """From the first day's midnight to the day after the last, local time."""
        start = timezone.make_aware(datetime.combine(self.first, time.min))
        end = timezone.make_aware(datetime.combine(self.last + timedelta(1), time.min))
        return start, end


@dataclass
class Figures:
    """One row's counts in the period shown and the one before."""

    now: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    before: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def clicks(self) -> int:
        return sum(self.now[event] for event in Event.calls_to_action())

    @property
    def clicks_before(self) -> int:
        return sum(self.before[event] for event in Event.calls_to_action())


@dataclass
class Row:
    label: str
    figures: Figures
    # What the bars are measured against: the page's views in either period.
    scale: int = 1
    key: str = ""
    path: str = ""
    page_id: int | None = None
    # The figure the bars draw: views for a page, "seen" for a section.
    measure: str = Event.VIEW

    @property
    def shown_now(self) -> int:
        return self.figures.now[self.measure]

    @property
    def shown_before(self) -> int:
        return self.figures.before[self.measure]

    @property
    def bar_now(self) -> int:
        return self.bar(self.shown_now)

    @property
    def bar_before(self) -> int:
        return self.bar(self.shown_before)

    @property
    def clicks_by_kind(self) -> list[int]:
        return [self.figures.now[event] for event in Event.calls_to_action()]

    def bar(self, value: int) -> int:
        return round(BAR_WIDTH * value / self.scale) if self.scale else 0


def counts(period: Period, page: CountedPage | None = None) -> dict[tuple, int]:
    """{(page id, event, section): total} over the period, in one query."""
    rows = DailyCount.objects.filter(day__range=(period.first, period.last))
    if page is not None:
        rows = rows.filter(page=page)
    return {
        (row["page_id"], row["event"], row["section"]): row["total"]
        for row in rows.values("page_id", "event", "section").annotate(
            total=Sum("count")
        )
    }


def outcomes(page: CountedPage, period: Period) -> tuple[dict[str, int], dict]:
    """What came of reading this page: ({section: inquiries}, {name: total}).

    An article's inquiries carry the section they were sent from; the contact
    page is where every inquiry is sent, and the assessment page where every
    assessment is completed.
    """
    try:
        match = resolve(page.path)
    except Resolver404:
        return {}, {}
    inquiries = Inquiry.objects.for_sales_queue().filter(
        created_at__range=period.moments()
    )
    if match.view_name == "articles:detail":
        article = Article.objects.filter(slug=match.kwargs["slug"]).first()
        by_section = {
            row["article_section"]: row["total"]
            for row in inquiries.filter(article=article)
            .values("article_section")
            .annotate(total=Count("pk"))
        }
        return by_section, {"inquiries": sum(by_section.values())}
    if match.view_name == "contact:inquiry":
        return {}, {"inquiries": inquiries.count()}
    if match.view_name == "assessment:start":
        completed = DailyAssessmentCount.objects.filter(
            day__range=(period.first, period.last)
        ).aggregate(total=Sum("completed"))["total"]
        return {}, {
            "assessments": completed or 0,
            "inquiries": inquiries.exclude(assessment_recommendation="").count(),
        }
    return {}, {}


def overview(period: Period) -> list[Row]:
    """Every counted page: views, sections seen and calls to action."""
    now, before = counts(period), counts(period.previous)
    rows = {
        page.pk: Row(
            page.title, Figures(), key=page.path, path=page.path, page_id=page.pk
        )
        for page in CountedPage.objects.all()
    }
    for figures_of, totals in (("now", now), ("before", before)):
        for (page_id, event, _section), total in totals.items():
            getattr(rows[page_id].figures, figures_of)[event] += total
    shown = [row for row in rows.values() if row.figures.now or row.figures.before]
    scale = max(
        (max(row.figures.now["view"], row.figures.before["view"]) for row in shown),
        default=0,
    )
    for row in shown:
        row.scale = scale
    return sorted(shown, key=lambda row: -row.figures.now["view"])


TOTAL_LABELS = {
    "visitors": "Visitors (each once a day)",
    "assessments": "Assessments completed",
    "inquiries": "Inquiries sent in all",
}


def funnel(
    page: CountedPage, period: Period
) -> tuple[list[Row], list[tuple[str, int, int]]]:
    """Down the page: views, then each section in page order (seen, calls to
    action clicked while it was on screen, inquiries sent from it)."""
    now, before = counts(period, page), counts(period.previous, page)
    by_section_now, totals_now = outcomes(page, period)
    by_section_before, totals_before = outcomes(page, period.previous)
    headings = dict(page.sections)
    sections = [""] + [id_ for id_, _ in page.sections]
    # Headings since removed still show what they drew.
    for _page_id, _event, section in [*now, *before]:
        if section not in sections:
            sections.append(section)
    rows = []
    for section in sections:
        figures = Figures()
        for figures_of, totals, by_section in (
            (figures.now, now, by_section_now),
            (figures.before, before, by_section_before),
        ):
            for event in Event:
                figures_of[event] = totals.get((page.pk, event, section), 0)
            figures_of["inquiries"] = by_section.get(section, 0)
        if section:
            label = headings.get(section, f"{section} (heading since removed)")
        else:
            label = "Page views"
        measure = Event.SEEN if section else Event.VIEW
        rows.append(Row(label, figures, key=section, measure=measure))
    scale = max(rows[0].figures.now["view"], rows[0].figures.before["view"])
    for row in rows:
        row.scale = scale
    totals_now["visitors"] = rows[0].figures.now[Event.VISITOR]
    totals_before["visitors"] = rows[0].figures.before[Event.VISITOR]
    totals = [
        (label, totals_now[name], totals_before.get(name, 0))
        for name, label in TOTAL_LABELS.items()
        if name in totals_now
    ]
    return rows, totals

"""The sales desk on the admin index: the inquiries waiting for an answer;
and on the reports page, inquiries per week, drawn as SVG.

Geometry is computed here so the template only loops; colours come from
classes in sales/admin.css (the CSP forbids inline style). Each series has
its own colour on every chart: the interests and the article series never
share one.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.timesince import timesince

from contact.models import Inquiry
from sales.queues import QUEUES, queue_counts

WEEKS = 12
WIDTH, HEIGHT = 720, 260
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 36, 40, 12
MAX_ARTICLE_SERIES = 4
QUEUE_LENGTH = 25
NO_ARTICLE = "No article (direct, search, other)"


@dataclass
class WaitingInquiry:
    # Annotated with is_overdue (contact.models.overdue_condition).
    inquiry: Inquiry
    age: str


@dataclass
class SalesQueue:
    unassigned: list[WaitingInquiry]
    # Taken by someone, yet still "new" past the response time.
    overdue_assigned: list[WaitingInquiry]
    # Every view's size, not only what is listed: Mine, Overdue, Held…
    counts: dict[str, int]
    tabs: list[tuple[str, str, int]]
    response_hours: int


def age(moment: datetime, now: datetime) -> str:
    """ "3 hours", "2 days": the largest unit is enough at a glance."""
    return timesince(moment, now, depth=1)


def sales_queue(user, now: datetime | None = None) -> SalesQueue:
    """New inquiries nobody has taken, oldest first, those left too long, and
    the size of each of the desk's views."""
    now = now or timezone.now()
    waiting = Inquiry.objects.waiting().with_overdue_flag(now)

    def rows(inquiries) -> list[WaitingInquiry]:
        return [
            WaitingInquiry(i, age(i.created_at, now)) for i in inquiries[:QUEUE_LENGTH]
        ]

    counts = queue_counts(user, now)
    return SalesQueue(
        unassigned=rows(waiting.filter(assigned_to__isnull=True)),
        overdue_assigned=rows(waiting.overdue(now).filter(assigned_to__isnull=False)),
        counts=counts,
        tabs=[
            (key, queue.label, counts[key])
            for key, queue in QUEUES.items()
            if queue.counted
        ],
        response_hours=settings.INQUIRY_RESPONSE_BUSINESS_HOURS,
    )


@dataclass
class Segment:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    label: str


@dataclass
class Series:
    name: str
    css_class: str
    counts: list[int]


@dataclass
class Chart:
    title: str
    description: str
    week_labels: list[str]
    series: list[Series]
    segments: list[Segment] = field(default_factory=list)
    axis_ticks: list[tuple[float, int]] = field(default_factory=list)
    label_positions: list[tuple[float, str]] = field(default_factory=list)
    total: int = 0
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        """The same numbers as a table, for screen readers and anyone else."""
        return [
            (label, [s.counts[i] for s in self.series])
            for i, label in enumerate(self.week_labels)
        ]


def week_starts(today: date) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]


def layout(chart: Chart) -> Chart:
    weeks = len(chart.week_labels)
    totals = [sum(s.counts[i] for s in chart.series) for i in range(weeks)]
    chart.total = sum(totals)
    top = max(max(totals, default=0), 1)
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = (WIDTH - MARGIN_LEFT) / weeks
    bar = slot * 0.7
    for i in range(weeks):
        x = MARGIN_LEFT + i * slot + (slot - bar) / 2
        y = HEIGHT - MARGIN_BOTTOM
        for series in chart.series:
            count = series.counts[i]
            if not count:
                continue
            height = plot_height * count / top
            y -= height
            chart.segments.append(
                Segment(
                    round(x, 1),
                    round(y, 1),
                    round(bar, 1),
                    round(height, 1),
                    series.css_class,
                    f"{chart.week_labels[i]}: {count} × {series.name}",
                )
            )
        chart.label_positions.append((round(x + bar / 2, 1), chart.week_labels[i]))
    step = max(1, -(-top // 4))
    chart.axis_ticks = [
        (round(HEIGHT - MARGIN_BOTTOM - plot_height * v / top, 1), v)
        for v in range(0, top + 1, step)
    ]
    return chart


def article_series(ranked: list[tuple[tuple[int | None, str], list[int]]]):
    """The article series with colours of their own: "no article" and "other"
    keep theirs, the articles take the article palette in rank order."""
    series, n = [], 0
    for (pk, title), counts in ranked:
        if pk is None:
            css_class = "chart-article-none"
        elif pk == -1:
            css_class = "chart-article-other"
        else:
            css_class, n = f"chart-article-{n}", n + 1
        series.append(Series(title, css_class, counts))
    return series


def dashboard(today: date | None = None) -> list[Chart]:
    today = today or timezone.localdate()
    starts = week_starts(today)
    since = timezone.make_aware(datetime.combine(starts[0], time.min))
    index = {start: i for i, start in enumerate(starts)}
    labels = [start.strftime("%b %d") for start in starts]
    rows = (
        Inquiry.objects.for_sales_queue()
        .filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day", "interest", "article_id", "article__title")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_interest = {value: [0] * WEEKS for value in Inquiry.Interest.values}
    by_article: dict[tuple[int | None, str], list[int]] = {}
    for row in rows:
        week = index.get(row["day"] - timedelta(days=row["day"].weekday()))
        if week is None:
            continue
        by_interest[row["interest"]][week] += row["n"]
        key = (row["article_id"], row["article__title"] or NO_ARTICLE)
        by_article.setdefault(key, [0] * WEEKS)[week] += row["n"]

    interest_chart = Chart(
        "Inquiries per week by interest",
        "Stacked bars: inquiries received each of the last twelve weeks, "
        "split by what the prospect is interested in.",
        labels,
        [
            Series(label, f"chart-interest-{value}", by_interest[value])
            for value, label in Inquiry.Interest.choices
        ],
    )
    ranked = sorted(by_article.items(), key=lambda item: -sum(item[1]))
    top_articles = ranked[:MAX_ARTICLE_SERIES]
    other = [sum(c[i] for _, c in ranked[MAX_ARTICLE_SERIES:]) for i in range(WEEKS)]
    if any(other):
        top_articles.append(((-1, "Other articles"), other))
    article_chart = Chart(
        "Inquiries per week by source article",
        "Stacked bars: inquiries received each of the last twelve weeks, "
        "split by the article whose call-to-action the prospect used.",
        labels,
        article_series(top_articles),
    )
    return [layout(interest_chart), layout(article_chart)]

"""What the site counts about its readers, and nothing else.

Per day, per page and per section: views, sections seen and calls to action
clicked. No visitor is stored: no address, no user agent, no query string,
no cookie; only the counters below. The privacy notice's "What we count" is
drawn from ``Event`` (insights/templatetags/insights.py), so the notice and
the code cannot disagree.
"""

import hashlib
import html
import re
import secrets
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

# How long a page's headings are remembered in the shared cache; each render
# of the page refreshes them, the database keeps them for longer.
LAYOUT_TIMEOUT = 24 * 60 * 60
MAIN_RE = re.compile(r"<main\b.*?</main>", re.DOTALL)
H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
H2_RE = re.compile(r"<h2\b[^>]*?\bid=\"([^\"]{1,100})\"[^>]*>(.*?)</h2>", re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")


class Event(models.TextChoices):
    """Everything the script may report. The labels head the admin's columns;
    ``description`` is what the privacy notice says of each."""

    VIEW = "view", "Views"
    SEEN = "seen", "Sections seen"
    CALL = "call", "Call taps"
    CONTACT = "contact", "Contact-form links"
    ASSESSMENT = "assessment", "Assessment links"
    EMAIL = "email", "Email links"
    # Told by the server, never sent by a page (``sent_by_pages``).
    VISITOR = "visitor", "Visitors"

    @property
    def description(self) -> str:
        return EVENT_DESCRIPTIONS[self]

    @classmethod
    def calls_to_action(cls) -> list["Event"]:
        return [cls.CALL, cls.CONTACT, cls.ASSESSMENT, cls.EMAIL]

    @classmethod
    def sent_by_pages(cls) -> set[str]:
        return {event.value for event in cls if event != cls.VISITOR}


EVENT_DESCRIPTIONS = {
    Event.VIEW: "that a page was opened",
    Event.SEEN: "that a section of it (each heading) stayed on screen for a second",
    Event.CALL: "a tap on our phone number, and the section on screen at the time",
    Event.CONTACT: "a click on a link to the contact form, and the section on screen",
    Event.ASSESSMENT: (
        "a click on a link to the self-assessment, and the section on screen"
    ),
    Event.EMAIL: "a click on our email address, and the section on screen",
    Event.VISITOR: (
        "how many different visitors opened the page that day, told apart by a "
        "one-way hash of your internet address and browser name with a secret "
        "that is replaced every day and never written down, so the hashes of a day "
        "can no longer be worked out once it has passed"
    ),
}


def plain_text(fragment: str) -> str:
    return " ".join(html.unescape(TAG_RE.sub("", fragment)).split())


def layout_key(path: str) -> str:
    digest = hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()
    return f"insights:layout:{digest}"


class CountedPageQuerySet(models.QuerySet):
    def remember(self, path: str, page_html: str) -> None:
        """Keep the page's title and its <h2 id> headings, in page order, as
        the public saw them: the only sections the endpoint accepts.

        Only in the shared cache, so rendering a page costs no SQL; the
        endpoint saves them with the page's first event (``layout``).
        """
        main = MAIN_RE.search(page_html)
        if main is None:
            return
        main_html = main.group(0)
        h1 = H1_RE.search(main_html)
        title = plain_text(h1.group(1))[:200] if h1 else path
        sections = [
            [id_, plain_text(text)[:200]] for id_, text in H2_RE.findall(main_html)
        ]
        digest = hashlib.md5(
            repr((title, sections)).encode(), usedforsecurity=False
        ).hexdigest()
        cached = cache.get(layout_key(path))
        if cached is not None and cached["digest"] == digest:
            return
        layout = {"id": None, "title": title, "sections": sections, "digest": digest}
        cache.set(layout_key(path), layout, LAYOUT_TIMEOUT)

    def layout(self, path: str) -> tuple[int, frozenset[str]] | None:
        """(page id, its section ids) of a page the public was shown, or
        None: a page no visitor could have read."""
        cached = cache.get(layout_key(path))
        if cached is None:
            page = self.filter(path=path).first()
            if page is None:
                return None
            # From the database after the cache lost it; the next render of
            # the page brings the cache up to date.
            cached = {"id": page.pk, "sections": page.sections, "digest": ""}
            cache.set(layout_key(path), cached, LAYOUT_TIMEOUT)
        elif cached["id"] is None:
            # The page's first event since its headings changed: save them.
            page, _ = self.update_or_create(
                path=path,
                defaults={"title": cached["title"], "sections": cached["sections"]},
            )
            cached = {**cached, "id": page.pk}
            cache.set(layout_key(path), cached, LAYOUT_TIMEOUT)
        return cached["id"], frozenset(id_ for id_, _ in cached["sections"])


class CountedPage(models.Model):
    """A public page, as last shown: its address, title and sections."""

    path = models.CharField(max_length=200, unique=True)
    title = models.CharField(max_length=200)
    sections = models.JSONField(
        default=list,
        help_text="The id and text of each section heading, in page order.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CountedPageQuerySet.as_manager()

    class Meta:
        verbose_name = "insight"
        verbose_name_plural = "insights"
        ordering = ["path"]
        # Only reading: the site writes the counts, nobody edits them.
        default_permissions = ()
        permissions = [("view_insights", "Can see Insights (counts of readers)")]

    def __str__(self) -> str:
        return f"{self.title} ({self.path})"


class DailyCountQuerySet(models.QuerySet):
    def record(
        self,
        page_id: int,
        event: Event,
        section: str = "",
        day: date | None = None,
        times: int = 1,
    ) -> None:
        """Add ``times``, safely under concurrent requests (as assessment
        counts do)."""
        day = day or timezone.localdate()
        row = self.filter(day=day, page_id=page_id, event=event, section=section)
        if row.update(count=F("count") + times):
            return
        try:
            # The day's first event creates the row; a concurrent first one
            # loses the unique constraint race and updates instead.
            with transaction.atomic():
                self.create(
                    day=day, page_id=page_id, event=event, section=section, count=times
                )
        except IntegrityError:
            row.update(count=F("count") + times)


class DailyCount(models.Model):
    """How many times one thing happened on one page (and section) on a day."""

    day = models.DateField(help_text="The site's local date.")
    page = models.ForeignKey(
        CountedPage, on_delete=models.CASCADE, related_name="counts"
    )
    event = models.CharField(max_length=12, choices=Event)
    section = models.CharField(
        max_length=100,
        blank=True,
        help_text="The section heading's id; blank for the page.",
    )
    count = models.PositiveIntegerField(default=0)

    objects = DailyCountQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "event", "section"],
                name="one_count_per_day_page_event_section",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.page.path} {self.event} {self.section}: {self.count}"


# Events are counted in the shared cache and written to the database at most
# once a minute: a beacon then costs a cache increment, not a database write
# (an fsync'd transaction on SQLite), so a burst of readers never holds the
# workers the pages need (docs/performance.md). Losing the cache loses at
# most the counts since the last write.
PENDING_TIMEOUT = 3 * 24 * 60 * 60
WRITE_EVERY_SECONDS = 60
WRITE_LOCK = "insights:writing"


def pending_key(day: date, page_id: int, event: str, section: str) -> str:
    digest = hashlib.md5(section.encode(), usedforsecurity=False).hexdigest()
    return f"insights:pending:{day}:{page_id}:{event}:{digest}"


def slots_key(day: date) -> str:
    return f"insights:slots:{day}"


def add_counter(key: str, day: date, row: tuple[int, str, str]) -> None:
    """Start a counter at 1 and list it for the day, in a slot of its own
    (an increment is atomic in the cache where appending to a list is not)."""
    if not cache.add(key, 1, PENDING_TIMEOUT):
        cache.incr(key)  # a neighbour started it meanwhile
        return
    cache.add(slots_key(day), 0, PENDING_TIMEOUT)
    slot = cache.incr(slots_key(day))
    cache.set(f"{slots_key(day)}:{slot}", (key, row), PENDING_TIMEOUT)


def count_soon(page_id: int, event: str, section: str = "") -> None:
    """Add one to the event's counter in the shared cache."""
    day = timezone.localdate()
    key = pending_key(day, page_id, event, section)
    try:
        cache.incr(key)
    except ValueError:
        add_counter(key, day, (page_id, event, section))


def seconds_left_today() -> int:
    """Until a little after the site's midnight, when a day's salt must go."""
    now = timezone.localtime()
    midnight = datetime.combine(
        now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo
    )
    return int((midnight - now).total_seconds()) + 60


def is_first_visit_today(page_id: int, address: str, user_agent: str) -> bool:
    """Plausible's way: a hash of a daily salt, the address and the browser.

    The salt lives only in the shared cache and expires with the day, so no
    hash can be worked out again afterwards; the hashes expire with it.
    """
    day = timezone.localdate()
    salt_key = f"insights:salt:{day}"
    cache.add(salt_key, secrets.token_hex(32), seconds_left_today())
    salt = cache.get(salt_key)
    if salt is None:
        return False
    visitor = hashlib.sha256(
        f"{salt}|{page_id}|{address}|{user_agent}".encode()
    ).hexdigest()[:32]
    return cache.add(f"insights:visitor:{day}:{visitor}", 1, seconds_left_today())


def write_pending_counts() -> None:
    """Move the counters of today and yesterday into DailyCount rows.

    Each counter is lowered by what was read (not reset), so an event
    counted meanwhile stays for the next write; one writer at a time.
    """
    if not cache.add(WRITE_LOCK, 1, 30):
        return
    try:
        today = timezone.localdate()
        for day in (today - timedelta(days=1), today):
            slots = cache.get(slots_key(day)) or 0
            names = [f"{slots_key(day)}:{n}" for n in range(1, slots + 1)]
            listed = list(cache.get_many(names).values())
            values = cache.get_many([key for key, _row in listed])
            moved = []
            for key, (page_id, event, section) in listed:
                value = values.get(key) or 0
                if value > 0:
                    cache.incr(key, -value)
                    moved.append((page_id, event, section, value))
            with transaction.atomic():
                for page_id, event, section, value in moved:
                    DailyCount.objects.record(page_id, event, section, day, value)
    finally:
        cache.delete(WRITE_LOCK)

"""The desk's views of the queue: Mine, Unassigned, Overdue, All open, Held
for review. The list's tabs, the landing page and the digest read them here."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from contact.models import (
    Inquiry,
    held_condition,
    open_condition,
    overdue_condition,
)


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    condition: Callable[..., Q]
    # Work is done oldest first; a record of closed ones reads newest first.
    oldest_first: bool = True
    counted: bool = True


QUEUES = {
    queue.key: queue
    for queue in [
        Queue("mine", "Mine", lambda user, now: open_condition() & Q(assigned_to=user)),
        Queue(
            "unassigned",
            "Unassigned",
            lambda user, now: open_condition() & Q(assigned_to__isnull=True),
        ),
        Queue("overdue", "Overdue", lambda user, now: overdue_condition(now)),
        Queue("open", "All open", lambda user, now: open_condition()),
        Queue("held", "Held for review", lambda user, now: held_condition()),
        Queue(
            "closed",
            "Won and lost",
            lambda user, now: Q(is_spam=False) & ~open_condition(),
            oldest_first=False,
            counted=False,
        ),
        Queue(
            "spam",
            "Spam",
            lambda user, now: Q(is_spam=True),
            oldest_first=False,
            counted=False,
        ),
        Queue(
            "all",
            "All but spam",
            lambda user, now: Q(is_spam=False),
            oldest_first=False,
            counted=False,
        ),
    ]
}
DEFAULT_QUEUE = "open"
# The list's filters and search: with one of them and no view chosen, the
# list looks through every inquiry but spam, not only the open ones.
FILTER_PARAMS = ("q", "status__exact", "interest__exact", "assignee")


def current_queue(params) -> Queue:
    """The view a list request asks for: ?queue=…, else All open, else (when
    searching or filtering) every inquiry but spam."""
    if params.get("queue") in QUEUES:
        return QUEUES[params["queue"]]
    if any(params.get(name) for name in FILTER_PARAMS):
        return QUEUES["all"]
    return QUEUES[DEFAULT_QUEUE]


def queue_counts(user, now: datetime | None = None) -> dict[str, int]:
    """Every counted view's size, in one query."""
    now = now or timezone.now()
    return Inquiry.objects.aggregate(
        **{
            key: Count("pk", filter=queue.condition(user, now))
            for key, queue in QUEUES.items()
            if queue.counted
        }
    )

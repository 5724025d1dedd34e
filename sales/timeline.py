"""An inquiry's one timeline, and the drafts "Reply by email" opens."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from contact.models import Inquiry, mailto
from contact.notifications import plain_first_name
from sales.models import display_name

PLACEHOLDER = re.compile(r"\{(first_name|company|interest|sender)\}")
DEFAULT_SUBJECT = "Your inquiry to {site}"
DEFAULT_GREETING = "Hello {first_name},\n\n"


@dataclass(frozen=True)
class Entry:
    at: datetime
    who: str
    what: str
    text: str = ""
    kind: str = "event"


def timeline(inquiry: Inquiry) -> list[Entry]:
    """Notes, status changes, assignments, follow-up dates and the emails the
    site sent, newest first, each with who and when."""
    entries = [
        Entry(inquiry.created_at, inquiry.name, "Sent the inquiry", kind="received")
    ]
    if inquiry.notified_at:
        entries.append(
            Entry(
                inquiry.notified_at,
                "Website",
                "Email sent: new inquiry, to sales",
                kind="email",
            )
        )
    if inquiry.acknowledged_at:
        entries.append(
            Entry(
                inquiry.acknowledged_at,
                "Website",
                "Email sent: acknowledgement, to the prospect",
                kind="email",
            )
        )
    for event in inquiry.events.select_related("actor"):
        who = display_name(event.actor) if event.actor_id else "Website"
        entries.append(Entry(event.created_at, who, event.summary, kind=event.kind))
    for note in inquiry.notes.select_related("author"):
        who = display_name(note.author) if note.author_id else "former staff"
        entries.append(Entry(note.created_at, who, "Note", note.text, kind="note"))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def fill(template: str, values: dict[str, str]) -> str:
    """Only the named placeholders are replaced: staff write the template,
    prospects the values, and neither can reach anything else."""
    return PLACEHOLDER.sub(lambda match: values[match[1]], template)


def reply_links(inquiry: Inquiry, sender, templates) -> list[tuple[str, str]]:
    """(label, mailto URL) for each reply template, or a plain greeting."""
    first_name = plain_first_name(inquiry.name)
    values = {
        # A name that is not plainly a name is not used to greet anyone.
        "first_name": first_name or "there",
        "company": inquiry.company,
        "interest": inquiry.get_interest_display(),
        "sender": display_name(sender),
    }
    links = [
        (
            f"Reply by email: {template.name}",
            mailto(
                inquiry.email,
                subject=fill(template.subject, values),
                body=fill(template.body, values),
            ),
        )
        for template in templates
    ]
    return links or [
        (
            "Reply by email",
            mailto(
                inquiry.email,
                subject=DEFAULT_SUBJECT.format(site=settings.SITE_NAME),
                body=fill(DEFAULT_GREETING, values),
            ),
        )
    ]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"

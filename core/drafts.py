"""Drafts of live content, and history that reads as text.

Editing a live article or page saves the new words as a draft beside the
published ones: staff preview it, visitors keep the published version, and
"Publish changes" swaps it in. The draft lives in the record itself (a JSON
field), so the history records it like any other change, and a preview or a
publish needs nothing else.
"""

import difflib
import html
import re
from typing import Any

from django.db import models

from core.richtext import sanitize

_TAG = re.compile(r"<[^>]+>")
# Enough of each change to recognise it, not the whole body.
CONTEXT_WORDS = 6
MAX_CHANGES = 8


class DraftedContent(models.Model):
    """Content whose live version changes only when staff publish a draft."""

    # The fields a draft may hold, in the order staff read them.
    DRAFT_FIELDS: tuple[str, ...] = ()
    # What render() derives from them, stored for requests to read.
    RENDERED_FIELDS: tuple[str, ...] = ()

    draft = models.JSONField(
        "unpublished changes",
        default=dict,
        blank=True,
        editable=False,
        help_text="Changes saved to a live version but not yet published.",
    )

    class Meta:
        abstract = True

    @property
    def has_draft(self) -> bool:
        return bool(self.draft)

    def render(self) -> None:
        """Derive what a request shows (HTML, table of contents) from the fields."""
        raise NotImplementedError

    @classmethod
    def render_again_with_image(cls, image_pk: int) -> None:
        """Bring the bodies showing an image up to date with it (its alt text
        changed, or it was deleted), without a new revision in the history."""
        for item in cls.objects.filter(body__contains=f'data-file="{image_pk}"'):
            item.render()
            cls.objects.filter(pk=item.pk).update(
                **{name: getattr(item, name) for name in cls.RENDERED_FIELDS}
            )

    def apply_draft(self) -> None:
        """Show the draft in place of the live words (not saved)."""
        for name, value in self.draft.items():
            if name in self.DRAFT_FIELDS:
                setattr(self, name, value)
        self.render()

    def keep_as_draft(self, live: "DraftedContent") -> None:
        """Store this record's words as a draft and restore ``live``'s."""
        pending = {name: getattr(self, name) for name in self.DRAFT_FIELDS}
        if "body" in pending:
            pending["body"] = sanitize(pending["body"])
        published = {name: getattr(live, name) for name in self.DRAFT_FIELDS}
        for name, value in published.items():
            setattr(self, name, value)
        self.draft = {} if pending == published else pending


def plain(value: Any) -> str:
    """What a reader sees of a stored value: text, not markup."""
    text = html.unescape(_TAG.sub(" ", str(value or "")))
    return " ".join(text.split())


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """(removed words, added words) for each place the text changed."""
    old_words, new_words = plain(old).split(), plain(new).split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    return [
        (" ".join(old_words[i1:i2]), " ".join(new_words[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ][:MAX_CHANGES]


def readable_changes(
    previous, record, fields: tuple[str, ...], labels: dict[str, str]
) -> list[dict[str, str]]:
    """What changed from the history record ``previous`` to ``record``, as
    words (``field``, ``old``, ``new``) rather than markup: the admin's
    History lists them."""
    changes: list[dict[str, str]] = []

    def compare(label: str, before: Any, after: Any) -> None:
        for old, new in word_changes(before, after):
            changes.append({"field": label, "old": old or "–", "new": new or "–"})

    for name in fields:
        compare(labels[name], getattr(previous, name), getattr(record, name))
    before_draft, after_draft = previous.draft or {}, record.draft or {}
    if before_draft and not after_draft:
        changes.append({"field": "Draft", "old": "unpublished changes", "new": "–"})
    for name in fields:
        if name in after_draft and after_draft != before_draft:
            was = before_draft.get(name, getattr(previous, name))
            compare(f"{labels[name]} (draft)", was, after_draft[name])
    return changes

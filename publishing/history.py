"""History that reads as text: each changed field's sentences, before and after.

The admin's History lists, for every save, what happened (simple-history's
change reason: "Draft saved", "Published", "Scheduled for …") and, for each
field whose words changed, the whole sentences that changed, with the words
removed and added marked.
"""

import difflib
import html
import re
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Enough to see what changed in a long body without the whole of it.
MAX_PASSAGES = 6


def plain(value: Any) -> str:
    """What a reader sees of a stored value: text, not markup."""
    text = html.unescape(_TAG.sub(" ", str(value or "")))
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part]


def marked(words: list[str], changed: set[int], tag: str) -> SafeString:
    """The words, with those at the ``changed`` positions inside ``<tag>``."""
    pieces = (
        format_html("<{}>{}</{}>", tag, word, tag) if n in changed else word
        for n, word in enumerate(words)
    )
    return format_html_join(" ", "{}", ((piece,) for piece in pieces))


def passage_changes(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Two passages with their differing words marked (``del`` and ``ins``)."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    removed, added = set(), set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.update(range(i1, i2))
            added.update(range(j1, j2))
    return marked(old_words, removed, "del"), marked(new_words, added, "ins")


def sentence_changes(before: Any, after: Any) -> tuple[SafeString, SafeString] | None:
    """The sentences that changed between two values, or None if none did."""
    old, new = sentences(plain(before)), sentences(plain(after))
    if old == new:
        return None
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    befores, afters = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        was, now = passage_changes(" ".join(old[i1:i2]), " ".join(new[j1:j2]))
        befores.append(was or "–")
        afters.append(now or "–")
    if len(befores) > MAX_PASSAGES:
        befores, afters = befores[:MAX_PASSAGES] + ["…"], afters[:MAX_PASSAGES] + ["…"]
    join = " … ".join
    return SafeString(join(befores)), SafeString(join(afters))


def words_in_the_works(record, name: str) -> Any:
    """A field's words as editors last left them: the draft's, if it has one."""
    return (record.draft or {}).get(name, getattr(record, name))


def readable_changes(
    previous, record, fields: tuple[str, ...], labels: dict[str, str]
) -> list[dict[str, Any]]:
    """What changed from the history record ``previous`` to ``record``: for
    each field, the sentences ``before`` and ``after``."""
    changes = []
    for name in fields:
        found = sentence_changes(
            words_in_the_works(previous, name), words_in_the_works(record, name)
        )
        if found is not None:
            before, after = found
            changes.append({"field": labels[name], "before": before, "after": after})
    return changes

"""Sanitise and render article bodies.

Everything here is a plain function so the admin, the model's ``save()`` and
the data migrations (which only see historical models) share one code path.
Bodies are sanitised and rendered once, on save; requests read the result.
"""

import html
import re
from dataclasses import dataclass

import nh3
from django.utils.text import slugify

# What an article needs and nothing more: the editor offers the same set.
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The editor's configuration, kept beside the sanitiser that enforces it.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
    "SpecialCharacters": True,
    "PasteCleaner": True,
}


def allow_no_extra_markup(config: object, shared_config: dict) -> None:
    """PasteCleaner (settings.DJANGO_PROSE_EDITOR_EXTENSIONS) adds no markup."""


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    # Editors link to outside sources; don't pass our ranking to them.
    link_rel="noopener noreferrer",
    strip_comments=True,
)

# nh3's output is normalised (lower-case tags, no attributes on headings),
# so a pattern is enough to find them.
_HEADING = re.compile(r"<(h[23])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# The editor's empty document.
_EMPTY = re.compile(r"^\s*(<p>\s*(<br>)?\s*</p>\s*)*$")


@dataclass(frozen=True)
class TocEntry:
    id: str
    text: str
    level: int


def sanitize(body: str) -> str:
    """Return ``body`` with only the markup an article may contain."""
    cleaned = _cleaner.clean(body or "").strip()
    return "" if _EMPTY.match(cleaned) else cleaned


def heading_id(text: str, taken: set[str]) -> str:
    """A readable, unique anchor: "What Does a vCISO Do?" -> what-does-a-vciso-do."""
    base = slugify(text) or "section"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def render_body(body: str) -> tuple[str, list[dict]]:
    """Sanitise ``body``, give its headings ids, and list them for the TOC.

    Returns the HTML to publish and the table of contents as plain dicts
    (``id``, ``text``, ``level``) ready for a JSONField.
    """
    cleaned = sanitize(body)
    taken: set[str] = set()
    toc: list[dict] = []

    def add_id(match: re.Match) -> str:
        tag, inner = match.group(1), match.group(2)
        text = html.unescape(_TAG.sub("", inner)).replace("\xa0", " ").strip()
        anchor = heading_id(text, taken)
        toc.append({"id": anchor, "text": text, "level": int(tag[1])})
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    rendered = _HEADING.sub(add_id, cleaned)
    return rendered, toc


def plain_text(body_html: str) -> str:
    """The words of a rendered body, for reading time and feeds."""
    return html.unescape(_TAG.sub(" ", body_html))


def word_count(body_html: str) -> int:
    return len(plain_text(body_html).split())


def html_from_seed_text(text: str) -> tuple[str, str]:
    """Turn the launch article's plain text into (title, body HTML).

    First line: the title. Short lines without a closing full stop: section
    headings. Other blocks: paragraphs. A block of only non-breaking spaces is
    dropped, and so is the closing "Call Us Today" line, which the page shows
    as the call-to-action panel instead.
    """
    lines = text.strip("\n").split("\n")
    title = lines[0].strip()
    parts: list[str] = []
    for raw in lines[1:]:
        block = raw.strip(" \t\r")
        if not block.replace("\xa0", "").strip():
            continue
        if block.startswith("Call Us Today"):
            continue
        escaped = html.escape(block, quote=False)
        if len(block) < 80 and not block.endswith("."):
            parts.append(f"<h2>{escaped}</h2>")
        else:
            parts.append(f"<p>{escaped}</p>")
    return title, "\n".join(parts)


# A plain pattern, not a lookahead: re then jumps from one '<h2 id="' to the
# next instead of trying a match at every character of the body.
_SECTION_HEADING = re.compile(r'<h2 id="([^"]+)">')


def split_sections(body_html: str) -> list[tuple[str, str]]:
    """Cut a rendered body at its ``<h2>``s: [(heading id or "", html), ...].

    The article page puts a call-to-action after some sections. Splitting at
    the ids ``render_body`` wrote is a string operation, not an HTML parse.
    """
    headings = list(_SECTION_HEADING.finditer(body_html))
    ids = ["", *(heading[1] for heading in headings)]
    starts = [0, *(heading.start() for heading in headings)]
    ends = [*starts[1:], len(body_html)]
    sections = []
    for section_id, start, end in zip(ids, starts, ends, strict=True):
        chunk = body_html[start:end]
        if chunk.strip():
            sections.append((section_id, chunk))
    return sections

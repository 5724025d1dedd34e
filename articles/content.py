"""What only articles do with their bodies: the launch text, the sections.

Sanitising and rendering are core/richtext.py's, shared with pages.
"""

import html
import re

# The editor, the sanitiser and rendering are shared with pages (core/richtext.py);
# these names stay here for the article code and migrations that use them.
from core.richtext import (  # noqa: F401
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    EDITOR_EXTENSIONS,
    PLACEHOLDER_HELP,
    heading_id,
    plain_text,
    render_body,
    sanitize,
    word_count,
)


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

"""Rich text as staff write it in the admin: the editor, the sanitiser, rendering.

Articles and pages share one editor configuration and one sanitiser, so what
one may contain the other may too. Everything here is a plain function so the
admin, the models' ``save()`` and the data migrations (which only see
historical models) share one code path. Bodies are sanitised and rendered
once, on save; a request only fills in the site-wide values that may change
without the text changing (the phone number, the retention period).
"""

import html
import re
from collections.abc import Iterable

import nh3
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from core.models import PhoneNumber, north_american_digits

# What an article or a page needs and nothing more: the editor offers the same set.
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
    # Tables: the editor writes header cells; rendering adds the rest
    # (thead, scope, the caption) so a screen reader can read them.
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    # Images come from the image library (publishing/images.py), in a figure
    # with an optional caption; rendering makes them responsive.
    "figure",
    "figcaption",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt", "data-file"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Where the editor's "Browse..." opens (a literal: settings-time config is
# read before URLs can be reversed); tests check that it resolves.
IMAGE_PICKER_URL = "/admin/publishing/image/picker/"

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
    # The picker lists the image library and uploads to it (publishing/admin.py).
    "Figure": {"pickerUrl": IMAGE_PICKER_URL},
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "SpecialCharacters": True,
    "PasteCleaner": True,
}

# What staff may write in the text for a value the site keeps elsewhere.
PHONE_PLACEHOLDER = "[phone]"
RETENTION_PLACEHOLDER = "[inquiry retention days]"
COOKIE_DAYS_PLACEHOLDER = "[first-touch cookie days]"
TABLE_CAPTION_PREFIX = "Table:"
PLACEHOLDER_HELP = (
    f"The site's phone number (write it, or {PHONE_PLACEHOLDER}) always shows the "
    "current number from Site settings, as a link that calls it. Tables: make "
    "the first row (and first column, if it names the rows) header cells, and "
    f"write the caption in the paragraph just above the table, starting with "
    f"“{TABLE_CAPTION_PREFIX}”."
)


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


def sanitize(body: str) -> str:
    """Return ``body`` with only the markup an article or a page may contain."""
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


def render_body(body: str, phone_numbers: Iterable[str] = ()) -> tuple[str, list[dict]]:
    """Sanitise ``body``, give its headings ids, and list them for the TOC.

    The site's phone number (any of ``phone_numbers``, or the placeholder) is
    marked so that ``with_site_values`` shows the current number at request
    time. Returns the HTML to publish and the table of contents as plain
    dicts (``id``, ``text``, ``level``) ready for a JSONField.
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

    rendered = responsive_images(structure_tables(_HEADING.sub(add_id, cleaned)))
    return mark_site_phone(rendered, phone_numbers), toc


def plain_text(body_html: str) -> str:
    """The words of a rendered body, for reading time and feeds."""
    return html.unescape(_TAG.sub(" ", body_html))


def word_count(body_html: str) -> int:
    return len(plain_text(body_html).split())


# --- Tables -------------------------------------------------------------------
# The editor's tables have header cells but no <thead>, scope or caption.

_TABLE = re.compile(
    r"(?:<p>"
    + re.escape(TABLE_CAPTION_PREFIX)
    # The caption is one paragraph: never text before it, across a </p>.
    + r"\s*((?:(?!</p>).)*?)</p>\s*)?<table>(.*?)</table>",
    re.DOTALL,
)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>", re.DOTALL)
_CAPTION = re.compile(r"<caption>(.*?)</caption>", re.DOTALL)


def _with_scope(row: str, scope: str) -> str:
    return _CELL.sub(
        lambda m: (
            f'<th scope="{scope}"{m[2]}>'
            if m[1] == "th" and "scope=" not in m[2]
            else m[0]
        ),
        row,
    )


def label_cells(rows: str, head: str) -> str:
    """Name each data cell's column in ``data-label``: on a phone the table
    reads as stacked cards (articles.css), each value under its column's name."""
    columns = [
        html.escape(html.unescape(_TAG.sub("", text)).strip())
        for text in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.DOTALL)
    ]
    if not columns:
        return rows

    def row(match: re.Match) -> str:
        cells = iter(range(len(columns)))

        def cell(cell_match: re.Match) -> str:
            index = next(cells, None)
            tag, attributes = cell_match[1], cell_match[2]
            if tag != "td" or index is None or "data-label=" in attributes:
                return cell_match[0]
            return f'<td data-label="{columns[index]}"{attributes}>'

        return f"<tr>{_CELL.sub(cell, match[1])}</tr>"

    return _ROW.sub(row, rows)


def structure_tables(body_html: str) -> str:
    """Give each table a <thead> for a first row of header cells, scopes on
    every header cell, and a caption from the paragraph above it."""

    def table(match: re.Match) -> str:
        caption_text, inner = match[1], match[2]
        caption = _CAPTION.search(inner)
        if caption:
            inner = inner.replace(caption[0], "")
            caption_text = caption[1]
        inner = inner.replace("<tbody>", "").replace("</tbody>", "")
        if "<thead>" in inner:
            head, _, rest = inner.partition("</thead>")
            head = _with_scope(head.replace("<thead>", ""), "col")
        else:
            rows = _ROW.findall(inner)
            first = rows[0] if rows else ""
            cells = _CELL.findall(first)
            if cells and all(tag == "th" for tag, _ in cells):
                head = _with_scope(f"<tr>{first}</tr>", "col")
                rest = inner.replace(f"<tr>{first}</tr>", "", 1)
            else:
                head, rest = "", inner
        rest = label_cells(_with_scope(rest, "row"), head)
        label = html.unescape(_TAG.sub("", caption_text or "")).strip()
        parts = [
            # Wide tables scroll inside the page, not the page sideways; the
            # region can be scrolled from the keyboard and says what it holds.
            '<div class="table-scroll" role="region" tabindex="0"'
            + (
                f' aria-label="{html.escape(label)}">'
                if label
                else ' aria-label="Table">'
            ),
            "<table>",
        ]
        if caption_text:
            parts.append(f"<caption>{caption_text.strip()}</caption>")
        if head:
            parts.append(f"<thead>{head.strip()}</thead>")
        parts.append(f"<tbody>{rest.strip()}</tbody></table></div>")
        return "".join(parts)

    return _TABLE.sub(table, body_html)


# --- Images -------------------------------------------------------------------

_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_EMPTY_FIGURE = re.compile(
    r"<figure>\s*(<figcaption>.*?</figcaption>)?\s*</figure>", re.DOTALL
)


def responsive_images(body_html: str) -> str:
    """Each image of the library as a responsive <img>; any other is dropped
    (the CSP would block a picture from elsewhere anyway)."""
    if "<img" not in body_html:
        return body_html
    from publishing.images import Image

    found = [dict(_ATTRIBUTE.findall(match)) for match in _IMG.findall(body_html)]
    ids = {attrs.get("data-file", "") for attrs in found}
    by_id = {
        str(image.pk): image
        for image in Image.objects.filter(pk__in=[i for i in ids if i.isdigit()])
    }

    def img(match: re.Match) -> str:
        attrs = dict(_ATTRIBUTE.findall(match[1]))
        image = by_id.get(attrs.get("data-file", ""))
        if image is None or not image.renditions:
            return ""
        return image.img_tag()

    return _EMPTY_FIGURE.sub("", _IMG.sub(img, body_html))


# --- The site's phone number inside rich text -------------------------------
# Marked on save, filled in on each render: changing the number in Site
# settings changes every page and article at once, without re-saving them.

_PHONE_TEXT = re.compile(
    r"(?<![\w+])(?:\+?1[-.\s\xa0]?)?\(?[2-9]\d{2}\)?[-.\s\xa0]?[2-9]\d{2}[-.\s\xa0]\d{4}(?!\w)"
)
_TEL_LINK = re.compile(r'<a href="tel:([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_ANY_LINK = re.compile(r"(<a\b[^>]*>.*?</a>)", re.DOTALL)
# What mark_site_phone writes; nh3 never lets an editor write a class.
_SITE_PHONE = re.compile(r'<a class="site-phone" href="[^"]*">([^<]*)</a>')


def _marked(text: str) -> str:
    return f'<a class="site-phone" href="tel:">{text}</a>'


def mark_site_phone(body_html: str, phone_numbers: Iterable[str]) -> str:
    """Mark each mention of the site's number, and the placeholder, in clean HTML."""
    ours = {north_american_digits(number) for number in phone_numbers} - {None}

    def is_ours(text: str) -> bool:
        return north_american_digits(html.unescape(text)) in ours

    def mark_text(text: str) -> str:
        text = text.replace(PHONE_PLACEHOLDER, _marked(PHONE_PLACEHOLDER))
        return _PHONE_TEXT.sub(lambda m: _marked(m[0]) if is_ours(m[0]) else m[0], text)

    pieces = []
    for piece in _ANY_LINK.split(body_html):
        if piece.startswith("<a"):
            link = _TEL_LINK.fullmatch(piece)
            if link and is_ours(link[1]):
                # A link the editor made to our number: it follows the setting too.
                piece = _marked(link[2] if "<" not in link[2] else PHONE_PLACEHOLDER)
            pieces.append(piece)
        else:
            # Outside links only, and never inside a tag's attributes.
            pieces.append(
                "".join(
                    part if part.startswith("<") else mark_text(part)
                    for part in re.split(r"(<[^>]+>)", piece)
                )
            )
    return "".join(pieces)


def setting_values() -> dict[str, str]:
    """Settings a text may quote (the privacy notice): always today's value,
    escaped, as it goes into HTML."""
    return {
        RETENTION_PLACEHOLDER: escape(settings.INQUIRY_RETENTION_DAYS),
        COOKIE_DAYS_PLACEHOLDER: escape(settings.SESSION_COOKIE_AGE // 86400),
    }


def with_site_values(body_html: str, phone: PhoneNumber) -> SafeString:
    """Rendered rich text with today's phone number and retention period.

    ``body_html`` is sanitised HTML (``render_body``); what comes from the
    settings is escaped where it is filled in, as in any template: the number
    is validated on the form only, and a value saved otherwise may hold markup.
    """

    def phone_link(match: re.Match) -> str:
        # The words the editor linked: already clean HTML from the body.
        shown: str = SafeString(match[1])
        # A number (or the placeholder) shows the current number; other words
        # the editor linked to it stay as written.
        if shown == PHONE_PLACEHOLDER or _PHONE_TEXT.fullmatch(html.unescape(shown)):
            shown = phone.display  # plain text: format_html escapes it
        return format_html(
            '<a class="site-phone" href="{}">{}</a>', phone.tel_href, shown
        )

    filled = _SITE_PHONE.sub(phone_link, body_html)
    for placeholder, value in setting_values().items():
        filled = filled.replace(placeholder, value)
    return mark_safe(filled)  # noqa: S308 - sanitised on save, values escaped above

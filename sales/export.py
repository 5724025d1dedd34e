"""CSV export of inquiries that opens cleanly in Excel and cannot run formulas."""

import csv
import unicodedata
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from assessment.rules import describe, recommendation_label
from contact.models import Inquiry

# A cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets. https://owasp.org/www-community/attacks/CSV_Injection
# Spreadsheets also read the fullwidth and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣)
# and the minus sign − as these: what NFKC folds them to is what is checked.
FORMULA_TRIGGERS = frozenset("=+-@|%\u2212")
# Characters a spreadsheet skips before a formula: spaces and line breaks of
# any kind, and invisible format characters (zero-width space, joiners, BOM).
SKIPPED_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})

COLUMNS: list[tuple[str, str]] = [
    ("Submitted", "created_at"),
    ("Name", "name"),
    ("Work email", "email"),
    ("Company", "company"),
    ("Phone", "phone_display"),
    ("Interest", "interest"),
    ("Status", "status"),
    ("Assignee", "assigned_to"),
    ("Spam?", "is_spam"),
    ("Spam reason", "spam_reason"),
    ("Message", "message"),
    ("Internal notes", "notes"),
    ("Source article", "article"),
    ("Article section", "article_section"),
    ("Article version read", "article_version"),
    ("Landing page", "landing_page"),
    ("Referrer", "referrer"),
    ("UTM source", "utm_source"),
    ("UTM medium", "utm_medium"),
    ("UTM campaign", "utm_campaign"),
    ("UTM term", "utm_term"),
    ("UTM content", "utm_content"),
    ("Assessment result", "assessment_recommendation"),
    ("Assessment answers", "assessment_answers"),
]


def neutralise(value: str) -> str:
    """Make a cell plain text: a leading quote stops the formula, Excel hides it.

    What counts is the first character a spreadsheet would not skip,
    whatever invisible characters come before it.
    """
    for ch in value:
        if ch.isspace() or unicodedata.category(ch) in SKIPPED_CATEGORIES:
            continue
        if unicodedata.normalize("NFKC", ch)[:1] in FORMULA_TRIGGERS:
            return "'" + value
        break
    if value[:1] in {"\t", "\r", "\n"}:
        return "'" + value
    return value


def cell(inquiry: Inquiry, field: str) -> str:
    if field in {"interest", "status"}:
        return getattr(inquiry, f"get_{field}_display")()
    if field == "notes":
        return neutralise(
            "\n".join(
                f"{timezone.localtime(note.created_at):%Y-%m-%d %H:%M} "
                f"{note.author or 'former staff'}: {note.text}"
                for note in inquiry.notes.all()
            )
        )
    if field == "assessment_recommendation":
        return neutralise(recommendation_label(inquiry.assessment_recommendation))
    if field == "assessment_answers":
        answers = inquiry.assessment_answers
        if not isinstance(answers, dict):
            return ""
        return neutralise(
            "\n".join(f"{question} {answer}" for question, answer in describe(answers))
        )
    value = getattr(inquiry, field)
    if value is None:
        return ""
    if field == "is_spam":
        return "Yes" if value else "No"
    if field in {"created_at", "article_version"}:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if field == "assigned_to":
        return neutralise(value.get_full_name() or value.get_username())
    return neutralise(str(value))


def rows(inquiries: Iterable[Inquiry]) -> Iterable[list[str]]:
    yield [header for header, _ in COLUMNS]
    for inquiry in inquiries:
        yield [cell(inquiry, field) for _, field in COLUMNS]


def csv_response(queryset: QuerySet[Inquiry]) -> HttpResponse:
    """The inquiries in the queryset's order, as UTF-8 with a byte-order mark
    so Excel reads accents and names correctly."""
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="inquiries-{stamp}.csv"',
            "Cache-Control": "no-store",
        },
    )
    response.write("\ufeff")
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerows(
        rows(
            queryset.select_related("article", "assigned_to").prefetch_related(
                "notes__author"
            )
        )
    )
    return response

"""Dates on the article pages, for readers and for machines.

Both stand in for ``|date`` with a format string, which looks the format up
in the locale's modules, and parses it, on every call: the publication date
alone cost an uncached article page 150,000 instructions (callgrind).
"""

from datetime import datetime

from django import template
from django.utils.dates import MONTHS

from articles import structured_data

register = template.Library()

# To the second and with its offset, as the JSON-LD gives it: |date:"c"
# prints microseconds, which <time datetime> does not allow.
register.filter("iso8601", structured_data.iso8601)


@register.filter(expects_localtime=True)
def long_date(value: datetime) -> str:
    """ "November 30, 2026", in the site's time zone: ``|date:"F j, Y"``."""
    return f"{MONTHS[value.month]} {value.day}, {value.year}"

"""What the public pages' Jinja2 templates (``jinja2/``) can call.

The pages are Jinja2 rather than Django templates because an uncached page
is mostly template rendering: Jinja2 compiles a template to Python, and an
uncached article was served 30% faster (make bench). The admin, the emails
and crispy-forms' field templates stay Django templates (``templates/``).
"""

from datetime import datetime
from functools import lru_cache

from django.template.defaultfilters import linebreaksbr, pluralize, truncatewords
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import SafeString
from jinja2 import Environment, pass_context

from articles import structured_data
from contact.models import PhoneNumber


class PageEnvironment(Environment):
    """Looks ``a.b`` up as a key first when ``a`` is a dict, as Django templates do.

    The pages read dicts (the site's links, an article's sections and table of
    contents) with dots. Jinja2 tries the attribute first, and on a dict that
    raised and caught an AttributeError on every lookup: 90 of them on an
    uncached article.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


def environment(**options) -> Environment:
    env = PageEnvironment(**options)
    env.globals.update(
        static=static,
        url=url,
        now=timezone.localtime,
        phone_link=phone_link,
        home_json_ld=home_json_ld,
    )
    env.filters.update(
        iso8601=structured_data.iso8601,
        long_date=long_date,
        date=date,
        truncatewords=truncatewords,
        pluralize=pluralize,
        linebreaksbr=linebreaksbr,
    )
    return env


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pass_context
def phone_link(context, css_class: str = "") -> SafeString:
    """The site's phone number as a tel: link, for people and screen readers."""
    return phone_link_markup(context["site_phone"], context["SITE_NAME"], css_class)


# Every page shows the number two or three times, in a few fixed styles:
# building the link each time was 5% of an uncached page. Keyed on the number,
# so a new one from staff gets links of its own.
@lru_cache(maxsize=64)
def phone_link_markup(phone: PhoneNumber, site_name: str, css_class: str) -> SafeString:
    return format_html(
        '<a class="{}" href="{}"><span class="visually-hidden">Call {} at </span>'
        "{}</a>",
        css_class,
        phone.tel_href,
        site_name,
        phone.display,
    )


def home_json_ld(phone_e164: str) -> SafeString:
    """The Organization markup, with the same number the page shows."""
    return structured_data.as_script(structured_data.home_graph(phone_e164))


# Dates are shown in the site's time zone, as Django's |date shows them.


def long_date(value: datetime) -> str:
    """ "November 30, 2026": ``|date:"F j, Y"`` without parsing the format each time."""
    value = timezone.localtime(value)
    return f"{MONTHS[value.month]} {value.day}, {value.year}"


def date(value: datetime, format_string: str) -> str:
    return dateformat.format(timezone.localtime(value), format_string)

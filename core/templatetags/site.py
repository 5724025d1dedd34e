from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.structured_data import iso8601

register = template.Library()
register.filter("iso8601", iso8601)


@register.simple_tag(takes_context=True)
def phone_link(context, css_class: str = "", call: bool = False) -> SafeString:
    """The site's phone number as a tel: link, for people and screen readers;
    a button (``call=True``) says "Call 737-210-5503" for everyone."""
    phone = context["site_phone"]
    if call:
        return format_html(
            '<a class="{}" href="{}">Call {}</a>',
            css_class,
            phone.tel_href,
            phone.display,
        )
    return format_html(
        '<a class="{}" href="{}"><span class="visually-hidden">Call {} at </span>'
        "{}</a>",
        css_class,
        phone.tel_href,
        context["SITE_NAME"],
        phone.display,
    )

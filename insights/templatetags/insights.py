from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from insights.middleware import COUNTED_VIEWS
from insights.models import Event

register = template.Library()


@register.inclusion_tag("insights/_what_we_count.html")
def what_we_count() -> dict:
    """The privacy notice's "What we count", from the list the code counts."""
    return {"events": list(Event)}


@register.simple_tag(takes_context=True)
def insights_script(context) -> str:
    """The counting script, on the pages whose readers are counted only: on
    any other page its events would be refused."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in COUNTED_VIEWS:
        return ""
    return format_html(
        '<script src="{}" defer></script>', static("insights/insights.js")
    )

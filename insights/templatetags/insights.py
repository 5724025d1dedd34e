from django import template

from insights.models import Event

register = template.Library()


@register.inclusion_tag("insights/_what_we_count.html")
def what_we_count() -> dict:
    """The privacy notice's "What we count", from the list the code counts."""
    return {"events": list(Event)}

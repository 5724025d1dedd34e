from django import template
from django.utils.safestring import SafeString

from articles import structured_data

register = template.Library()


@register.simple_tag
def home_json_ld(phone_e164: str) -> SafeString:
    """The Organization markup, with the same number the page shows."""
    return structured_data.as_script(structured_data.home_graph(phone_e164))

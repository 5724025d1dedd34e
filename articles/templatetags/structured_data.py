from django import template
from django.utils.safestring import SafeString

from articles import structured_data

register = template.Library()


# A tenth of the cost of |date with a format string, which looks the format
# up in the locale's modules on every call; and without the microseconds
# |date:"c" prints, which <time datetime> does not allow.
register.filter("iso8601", structured_data.iso8601)


@register.simple_tag
def home_json_ld(phone_e164: str) -> SafeString:
    """The Organization markup, with the same number the page shows."""
    return structured_data.as_script(structured_data.home_graph(phone_e164))

from django import template

from articles import structured_data

register = template.Library()

# To the second and with its offset, as the JSON-LD gives it: |date:"c" adds
# microseconds, which <time datetime> does not allow.
register.filter("iso8601", structured_data.iso8601)

from django import template
from django.http import HttpRequest

from contact.dashboard import dashboard, sales_queue
from contact.models import Inquiry

register = template.Library()


def can_see_inquiries(request: HttpRequest | None) -> bool:
    # Inquiries hold personal data: only people allowed to view them see any
    # trace of them (the Content group sees neither banner nor chart).
    return request is not None and request.user.has_perm("contact.view_inquiry")


@register.inclusion_tag("admin/contact/_notification_banner.html", takes_context=True)
def notification_banner(context) -> dict:
    request = context.get("request")
    if not can_see_inquiries(request):
        return {"failing": 0}
    return {"failing": Inquiry.objects.notification_failing().count()}


@register.inclusion_tag("admin/contact/_dashboard.html", takes_context=True)
def inquiry_dashboard(context) -> dict:
    if not can_see_inquiries(context.get("request")):
        return {"charts": [], "queue": None}
    return {"charts": dashboard(), "queue": sales_queue()}

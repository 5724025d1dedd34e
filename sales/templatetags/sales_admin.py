from django import template
from django.http import HttpRequest

from contact.models import Inquiry
from sales.dashboard import sales_queue

register = template.Library()


def can_see_inquiries(request: HttpRequest | None) -> bool:
    # Inquiries hold personal data: only people allowed to view them see any
    # trace of them (the Content group sees neither banner nor queue).
    return request is not None and request.user.has_perm("contact.view_inquiry")


@register.inclusion_tag("admin/sales/_notification_banner.html", takes_context=True)
def notification_banner(context) -> dict:
    request = context.get("request")
    if not can_see_inquiries(request):
        return {"failing": 0}
    return {
        "failing": Inquiry.objects.notification_failing().count(),
        "can_retry": request.user.has_perm("contact.change_inquiry"),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("admin/sales/_dashboard.html", takes_context=True)
def sales_desk(context) -> dict:
    request = context.get("request")
    if not can_see_inquiries(request):
        return {"queue": None}
    return {"queue": sales_queue(request.user)}

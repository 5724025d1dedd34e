from django import template
from django.urls import reverse

from publishing.models import publishable_models

register = template.Library()

RECENT = 5


def editable_models(user) -> list:
    return [
        model
        for model in publishable_models()
        if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ]


def rows(model, queryset) -> list[dict]:
    return [
        {
            "item": item,
            "kind": model._meta.verbose_name,
            "url": reverse(item.admin_change_url_name, args=[item.pk]),
        }
        for item in queryset
    ]


@register.inclusion_tag("admin/publishing/_dashboard.html", takes_context=True)
def publishing_dashboard(context) -> dict:
    """What an editor's day starts from: drafts waiting to be published,
    scheduled items with their dates, and what went live lately."""
    request = context.get("request")
    models = editable_models(request.user) if request is not None else []
    if not models:
        return {"show": False}
    waiting, scheduled, recent = [], [], []
    for model in models:
        fields = (
            "pk",
            "status",
            "published_at",
            "updated_at",
            "draft",
            *model.TITLE_FIELDS,
        )
        items = model.objects.only(*fields)
        waiting += rows(model, items.waiting().order_by("-updated_at")[:RECENT])
        scheduled += rows(model, items.scheduled().order_by("published_at"))
        recent += rows(model, items.published().order_by("-published_at")[:RECENT])
    return {
        "show": True,
        "waiting": sorted(
            waiting, key=lambda row: row["item"].updated_at, reverse=True
        ),
        "scheduled": sorted(scheduled, key=lambda row: row["item"].published_at),
        "recent": sorted(
            recent, key=lambda row: row["item"].published_at, reverse=True
        )[:RECENT],
    }

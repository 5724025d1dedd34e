"""The list's filters: the desk's views as tabs, and every salesperson."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from sales.models import display_name
from sales.queues import QUEUES, current_queue


def salespeople() -> QuerySet:
    """Everyone who can own an inquiry, whether or not they have one yet."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__name="Sales") | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "username")
    )


class QueueFilter(admin.SimpleListFilter):
    """Mine, Unassigned, Overdue, All open…: shown as tabs over the list."""

    title = "view"
    parameter_name = "queue"
    template = "admin/sales/_queue_filter.html"

    def lookups(self, request, model_admin):
        return [(key, queue.label) for key, queue in QUEUES.items()]

    def queryset(self, request, queryset):
        queue = current_queue(request.GET)
        return queryset.filter(queue.condition(request.user, timezone.now()))


class AssigneeFilter(admin.SimpleListFilter):
    title = "assignee"
    parameter_name = "assignee"

    def lookups(self, request, model_admin):
        return [
            ("none", "Nobody"),
            *((str(u.pk), display_name(u)) for u in salespeople()),
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(assigned_to_id=self.value())
        return queryset

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import AuditEvent, remove_every_factor
from core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail: superusers read it; nobody edits or deletes it here."""

    list_display = ["at", "kind", "username", "address", "detail"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "address", "detail"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser


class RecordsPermissionChanges:
    """Every change the admin logs to a user or group also goes to the audit
    trail, with the address it came from."""

    def log_addition(self, request, obj, message):
        self.record(request, f"added {obj._meta.verbose_name} {obj}")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self.record(request, f"changed {obj._meta.verbose_name} {obj}: {message}")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self.record(request, f"deleted {obj._meta.verbose_name} {obj}")
        return super().log_deletions(request, queryset)

    @staticmethod
    def record(request, detail) -> None:
        AuditEvent.record(
            request, AuditEvent.Kind.PERMISSIONS_CHANGED, detail=str(detail)
        )


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(RecordsPermissionChanges, UserAdmin):
    actions = ["reset_second_factors"]

    @admin.action(
        description="Reset second factors (they set one up at their next sign-in)",
        permissions=["reset_factors"],
    )
    def reset_second_factors(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset:
            remove_every_factor(user)
            AuditEvent.record(
                request,
                AuditEvent.Kind.FACTORS_RESET,
                detail=f"reset the second factors of {user.get_username()}",
            )
        self.message_user(
            request,
            f"Reset the second factors of {queryset.count()} account(s); their "
            "sessions have ended.",
            messages.SUCCESS,
        )

    def has_reset_factors_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@admin.register(Group)
class StaffGroupAdmin(RecordsPermissionChanges, GroupAdmin):
    pass


# Factors are managed on each person's own security page and reset by a
# superuser above; the libraries' own admin pages would show secrets (an
# app's key) to whoever may view them.
for model_label in (
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "django_otp_webauthn.WebAuthnCredential",
    "django_otp_webauthn.WebAuthnAttestation",
):
    model = apps.get_model(model_label)
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def admin_context(request: HttpRequest, title: str, **context) -> dict:
    """The admin's frame (header, sidebar) for the account pages."""
    shared = admin.site.each_context(request)
    if not request.user.is_verified():
        # Before the second factor, not even the names of the admin's pages.
        shared.update(available_apps=[], is_nav_sidebar_enabled=False)
    return {**shared, "title": title, **context}

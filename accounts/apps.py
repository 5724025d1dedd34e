from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff accounts: the second factor, sessions, step-up and the audit trail."""

    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self) -> None:
        from accounts import signals  # noqa: F401

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every page shares: site settings, the page cache, errors, security."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core import signals  # noqa: F401

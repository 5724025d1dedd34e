from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every page shares: site settings, the page cache, errors, security."""

    name = "core"
    verbose_name = "Site"

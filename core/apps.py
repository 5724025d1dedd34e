from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    """What every page shares: site settings, the page cache, errors, security."""

    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core import signals  # noqa: F401


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with our site class."""

    default = False  # "core" means CoreConfig; settings name this one
    default_site = "core.sites.SiteAdminSite"

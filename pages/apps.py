from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's own pages: home, services, about, privacy."""

    name = "pages"
    verbose_name = "Pages"

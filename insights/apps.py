from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Which words win prospects: daily counts of views, sections read and
    calls to action, with no cookie and nothing about the visitor."""

    name = "insights"
    verbose_name = "Insights"

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    # The admin section: "Content › Articles", as the Content group knows it.
    verbose_name = "Content"

    def ready(self) -> None:
        from articles import signals  # noqa: F401

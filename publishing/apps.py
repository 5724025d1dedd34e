from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """The editing toolkit articles and pages share: publishing, drafts,
    preview, rich text and the image library."""

    name = "publishing"
    # The admin section holding the image library.
    verbose_name = "Images"

    def ready(self) -> None:
        from publishing import signals  # noqa: F401

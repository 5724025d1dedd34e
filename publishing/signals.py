"""Forget cached pages whenever published content or an image changes, and
an image's files when it is deleted.

Signals because they also catch changes made outside the admin (shell,
migrations, bulk scripts).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.cache import forget_cached_pages
from publishing.images import Image
from publishing.models import Publishable, publishable_models


def forget_pages_after_commit(**kwargs) -> None:
    # After commit, so a request in between cannot cache the old version again.
    transaction.on_commit(forget_cached_pages)


@receiver(post_save)
@receiver(post_delete)
def forget_pages_when_content_changes(sender, **kwargs) -> None:
    if issubclass(sender, Publishable):
        forget_pages_after_commit()


@receiver(m2m_changed)
def forget_pages_when_links_change(instance, **kwargs) -> None:
    # Related articles, listed at the end of each other's pages.
    if isinstance(instance, Publishable):
        forget_pages_after_commit()


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def render_bodies_showing_the_image(instance: Image, **kwargs) -> None:
    """A changed description, or a deleted image, shows at once where it is used."""
    for model in publishable_models():
        model.render_again_with_image(instance.pk)
    forget_pages_after_commit()


@receiver(post_delete, sender=Image)
def delete_the_images_files(instance: Image, using: str, **kwargs) -> None:
    """A deleted image leaves no file behind: its picture and its renditions.

    Also for the admin's bulk delete, which deletes rows without calling
    ``Image.delete()``. After commit, so a rolled-back delete keeps them.
    """
    files = instance.stored_files()

    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete, using=using)

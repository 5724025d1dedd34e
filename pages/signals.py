"""Forget cached pages whenever a page changes (see articles/signals.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import forget_cached_pages
from core.images import Image
from pages.models import Page


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def forget_pages_after_commit(**kwargs) -> None:
    # After commit, so a request in between cannot cache the old version again.
    transaction.on_commit(forget_cached_pages)


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def render_pages_showing_the_image(instance: Image, **kwargs) -> None:
    Page.render_again_with_image(instance.pk)

"""Forget cached pages when what they show changes outside their own records.

The admin saves navigation links after the copy itself, so SiteCopy.save()
alone would forget the pages before the new links exist. An image's alt text
shows in the bodies that use it (articles and pages render them again).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import forget_cached_pages
from core.models import Image, NavigationLink, forget_site_settings


@receiver(post_save, sender=NavigationLink)
@receiver(post_delete, sender=NavigationLink)
def forget_copy_after_commit(**kwargs) -> None:
    transaction.on_commit(forget_site_settings)


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def forget_pages_showing_images(**kwargs) -> None:
    transaction.on_commit(forget_cached_pages)

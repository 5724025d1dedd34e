"""Forget cached pages when the site copy's navigation changes.

The admin saves navigation links after the copy itself, so SiteCopy.save()
alone would forget the pages before the new links exist.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import NavigationLink, SiteCopy, forget_site_settings


@receiver(post_save, sender=NavigationLink)
@receiver(post_delete, sender=NavigationLink)
def forget_copy_after_commit(instance: NavigationLink, **kwargs) -> None:
    if instance.site_copy_id == SiteCopy.LIVE_PK:
        transaction.on_commit(forget_site_settings)

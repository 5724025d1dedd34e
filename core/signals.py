"""Forget the cached site copy when a navigation link changes.

The admin saves the links after the copy itself, so SiteCopy.save() alone
would forget the pages before the new links exist.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.models import NavigationLink, forget_site_copy


@receiver(post_save, sender=NavigationLink)
@receiver(post_delete, sender=NavigationLink)
def forget_copy_after_commit(**kwargs) -> None:
    transaction.on_commit(forget_site_copy)

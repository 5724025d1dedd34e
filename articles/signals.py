"""Forget cached pages when an article's old address changes (its own saves
are publishing/signals.py's)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import SlugRedirect
from core.cache import forget_cached_pages


@receiver(post_save, sender=SlugRedirect)
@receiver(post_delete, sender=SlugRedirect)
def forget_pages_after_commit(**kwargs) -> None:
    transaction.on_commit(forget_cached_pages)

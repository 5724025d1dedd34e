"""Forget cached pages whenever what they show changes.

Signals because they also catch changes made outside the admin (shell,
migrations, bulk scripts).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, SlugRedirect
from core.cache import forget_cached_pages
from core.images import Image


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=SlugRedirect)
@receiver(post_delete, sender=SlugRedirect)
@receiver(m2m_changed, sender=Article.related_articles.through)
def forget_pages_after_commit(**kwargs) -> None:
    # After commit, so a request in between cannot cache the old version again.
    transaction.on_commit(forget_cached_pages)


@receiver(post_save, sender=Image)
@receiver(post_delete, sender=Image)
def render_articles_showing_the_image(instance: Image, **kwargs) -> None:
    Article.render_again_with_image(instance.pk)

"""Forget cached public pages whenever what they show changes.

The one accepted use of signals here: it also catches saves made outside the
admin (shell, migrations, bulk scripts).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, SlugRedirect
from steadfast.middleware import invalidate_public_pages


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=SlugRedirect)
@receiver(post_delete, sender=SlugRedirect)
@receiver(m2m_changed, sender=Article.related_articles.through)
def invalidate_pages_after_commit(**kwargs) -> None:
    # After commit, so a request in between cannot cache the old version again.
    transaction.on_commit(invalidate_public_pages)

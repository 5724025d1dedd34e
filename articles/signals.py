"""Forget cached public pages whenever what they show changes, and keep
``Article.has_related_articles`` true to ``related_articles``.

Signals because they also catch changes made outside the admin (shell,
migrations, bulk scripts).
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
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


@receiver(m2m_changed, sender=Article.related_articles.through)
def note_whether_articles_have_related(
    instance, action: str, reverse: bool, pk_set: set | None, **kwargs
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    articles = Article.objects.all()
    if not reverse:
        articles = articles.filter(pk=instance.pk)
    elif pk_set is not None:
        articles = articles.filter(pk__in=pk_set)
    # Otherwise an article was cleared from every list it was in: recount all.
    through = Article.related_articles.through
    articles.update(
        has_related_articles=Exists(through.objects.filter(from_article=OuterRef("pk")))
    )

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from articles.models import Article

FEED_SIZE = 20


class ArticleFeed(Feed):
    """RSS 2.0 of the published articles, newest first.

    Links are absolute from SITE_URL so they never depend on the Host header.
    """

    feed_type = Rss201rev2Feed
    description = (
        "Articles on fractional security and technology leadership from "
        f"{settings.SITE_NAME}."
    )

    def title(self) -> str:
        return f"{settings.SITE_NAME} articles"

    def link(self) -> str:
        return settings.SITE_URL + reverse("articles:list")

    def feed_url(self) -> str:
        return settings.SITE_URL + reverse("articles:feed")

    def items(self):
        return Article.objects.published()[:FEED_SIZE]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return article.description

    def item_link(self, article: Article) -> str:
        return article.absolute_url

    def item_guid(self, article: Article) -> str:
        # Stable across slug changes, so readers don't see a renamed article twice.
        return f"{settings.SITE_URL}/articles/#article-{article.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, article: Article) -> str:
        return article.author_name

    def item_pubdate(self, article: Article) -> datetime:
        return article.published_at

    def item_updateddate(self, article: Article) -> datetime:
        return article.modified_at

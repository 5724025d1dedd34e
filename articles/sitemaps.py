from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from articles.models import Article


class SiteUrlSitemap(Sitemap):
    """Absolute URLs from SITE_URL, never from the request's Host header."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only(
            "slug", "published_at", "content_updated_at"
        )

    def lastmod(self, article: Article) -> datetime:
        return article.modified_at

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

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


class PageSitemap(SiteUrlSitemap):
    """The home page and the article list change when an article does."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), updated=Max("content_updated_at")
        )
        dates = [date for date in latest.values() if date is not None]
        self.latest_change = max(dates) if dates else None
        return ["home", "articles:list"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> datetime | None:
        return self.latest_change


SITEMAPS = {"articles": ArticleSitemap, "pages": PageSitemap}

from datetime import datetime

from articles.models import Article
from core.sitemaps import SiteUrlSitemap


class ArticleSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only(
            "slug", "published_at", "content_updated_at"
        )

    def lastmod(self, article: Article) -> datetime:
        return article.modified_at

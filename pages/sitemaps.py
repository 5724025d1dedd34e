from datetime import datetime

from django.db.models import Case, Max, When
from django.urls import reverse

from articles.models import Article
from articles.sitemaps import ArticleSitemap
from core.sitemaps import SiteUrlSitemap
from pages.models import Page
from people.sitemaps import CaseStudySitemap, PersonSitemap


class PageSitemap(SiteUrlSitemap):
    """The site's pages, the home page first."""

    changefreq = "monthly"

    def items(self):
        home_first = Case(When(kind=Page.Kind.HOME, then=0), default=1)
        return (
            Page.objects.published()
            .only("kind", "slug", "updated_at")
            .order_by(home_first, "kind", "position", "slug")
        )

    def lastmod(self, page: Page) -> datetime:
        return page.updated_at

    def priority(self, page: Page) -> float:
        return 1.0 if page.kind == Page.Kind.HOME else 0.7


class ListSitemap(SiteUrlSitemap):
    """The article list, which changes when an article does, and the forms."""

    changefreq = "weekly"

    def items(self) -> list[str]:
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), updated=Max("content_updated_at")
        )
        dates = [date for date in latest.values() if date is not None]
        self.latest_change = max(dates) if dates else None
        return ["articles:list", "assessment:start", "contact:inquiry"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str) -> datetime | None:
        return self.latest_change if item == "articles:list" else None


SITEMAPS = {
    "pages": PageSitemap,
    "lists": ListSitemap,
    "articles": ArticleSitemap,
    "people": PersonSitemap,
    "case-studies": CaseStudySitemap,
}

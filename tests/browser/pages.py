"""The public pages every browser check walks, by name."""

from articles.models import Article

# Pages that exist for every visitor, without any data of their own.
STATIC_PATHS = {
    "home": "/",
    "articles": "/articles/",
    "contact": "/contact/",
    "thanks": "/contact/thanks/",
    "assessment": "/assessment/",
    "not-found": "/no-such-page/",
    # A mistyped article address: the 404 suggests the article meant.
    "article-typo": "/articles/vcio-vs-vcisoo/",
    # The site's own pages (pages app), as the launch migration publishes them.
    "services": "/services/",
    "service": "/services/vciso/",
    "about": "/about/",
    "privacy": "/privacy/",
}
PUBLIC_PAGES = [*STATIC_PATHS, "article"]


def public_path(name: str) -> str:
    """Where a public page lives; the article is the launch article."""
    if name == "article":
        return Article.objects.published().earliest("published_at").get_absolute_url()
    return STATIC_PATHS[name]

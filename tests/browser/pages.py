"""The public pages every browser check walks, by name."""

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
    "service-vcio": "/services/vcio/",
    "about": "/about/",
    "privacy": "/privacy/",
}
PUBLIC_PAGES = [*STATIC_PATHS, "article"]
# The pages a prospect lands on, the ones the weight budget (the first render
# in one round trip, tests/test_first_render.py) and Lighthouse (make audit)
# hold to account. A new kind of public page is added here.
LANDING_PAGES = [
    "home",
    "services",
    "service",
    "service-vcio",
    "about",
    "privacy",
    "articles",
    "article",
    "contact",
    "assessment",
]


def public_path(name: str) -> str:
    """Where a public page lives; the article is the launch article."""
    if name == "article":
        # Imported here: Lighthouse's runner reads this list without Django.
        from articles.models import Article

        return Article.objects.published().earliest("published_at").get_absolute_url()
    return STATIC_PATHS[name]

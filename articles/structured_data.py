"""JSON-LD for an article's page: the Article and its breadcrumbs, around
the site's Organization (core/structured_data.py)."""

from typing import Any

from django.conf import settings
from django.urls import reverse

from articles.models import Article
from core.structured_data import iso8601, organization
from people.models import Person
from people.structured_data import person_data


def byline(article: Article, authors: list[Person]) -> Any:
    """The people who wrote it, as their own pages describe them; else the
    byline's name."""
    if authors:
        return [person_data(person) for person in authors]
    author: dict[str, Any] = {
        "@type": "Person",
        "name": article.author_name,
        "url": article.author_url or settings.SITE_URL + "/",
    }
    if article.author_title:
        author["jobTitle"] = article.author_title
    return author


def article_data(
    article: Article, url: str, image_url: str, authors: list[Person] = ()
) -> dict[str, Any]:
    publisher = organization()
    return {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": article.title[:110],
        "description": article.description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso8601(article.published_at),
        "dateModified": iso8601(article.modified_at),
        "author": byline(article, list(authors)),
        "image": image_url,
        "wordCount": article.word_count,
        "publisher": publisher
        | {"logo": {"@type": "ImageObject", "url": publisher["logo"]}},
    }


def breadcrumbs(article: Article, url: str) -> dict[str, Any]:
    trail = [
        ("Home", settings.SITE_URL + "/"),
        ("Articles", settings.SITE_URL + reverse("articles:list")),
        (article.title, url),
    ]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": item}
            for n, (name, item) in enumerate(trail, start=1)
        ],
    }


def article_graph(
    article: Article, url: str, image: dict[str, Any], authors: list[Person] = ()
) -> dict[str, Any]:
    """Article and BreadcrumbList for the page at ``url``, whose share image
    is ``image`` (``share_image(article)``)."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            article_data(article, url, image["url"], authors),
            breadcrumbs(article, url),
        ],
    }

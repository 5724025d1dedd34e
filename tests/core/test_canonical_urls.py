"""Every public page names its canonical address on the public origin."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.views import ARTICLES_PER_PAGE

pytestmark = pytest.mark.django_db

ORIGIN = "https://www.elsewhere.example"


@pytest.fixture(autouse=True)
def public_origin(settings):
    settings.SITE_URL = ORIGIN


def canonical_urls(response) -> list[str]:
    return re.findall(
        r'<link rel="canonical" href="([^"]*)">', response.content.decode()
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/articles/", "/articles/?page=2", "/contact/", "/assessment/"],
)
def test_each_public_page_names_its_address_on_the_public_origin(client, path):
    for number in range(ARTICLES_PER_PAGE + 1):  # a second page of articles
        Article.objects.create(
            title=f"Article {number}",
            slug=f"article-{number}",
            body="<h2>Part</h2><p>Words.</p>",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=1),
        )

    response = client.get(path, headers={"host": "127.0.0.1"})

    assert response.status_code == 200
    assert canonical_urls(response) == [ORIGIN + path]


def test_an_article_names_its_address_on_the_public_origin(client, article):
    response = client.get(article.get_absolute_url(), headers={"host": "127.0.0.1"})

    assert canonical_urls(response) == [ORIGIN + article.get_absolute_url()]


@pytest.mark.parametrize("path", ["/no-such-page/", "/articles/no-such-article/"])
def test_an_error_page_names_no_canonical_address(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert canonical_urls(response) == []

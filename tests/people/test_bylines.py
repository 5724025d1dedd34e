"""An article's byline names its published authors and links their pages."""

import json
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from publishing.models import Status
from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def launch_article(db) -> Article:
    return Article.objects.get(slug="vcio-vs-vciso")


def article_json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    return next(
        each for each in json.loads(found[1])["@graph"] if each["@type"] == "Article"
    )


def test_without_authors_the_byline_reads_as_at_launch(client, launch_article):
    response = client.get(launch_article.get_absolute_url())

    assertContains(response, "By Steadfast Partners")
    assert article_json_ld(response)["author"]["name"] == "Steadfast Partners"


def test_the_byline_names_and_links_each_published_author(
    client, launch_article, make_person
):
    dana = make_person()
    lee = make_person(name="Lee Park", slug="lee-park", role="Fractional vCIO")
    draft = make_person(name="Not Yet", slug="not-yet", status=Status.DRAFT)
    launch_article.authors.set([dana, lee, draft])

    response = client.get(launch_article.get_absolute_url())

    assertContains(
        response,
        'By <a href="/people/dana-reyes/">Dana Reyes</a> and '
        '<a href="/people/lee-park/">Lee Park</a>',
    )
    assertNotContains(response, "Not Yet")
    authors = article_json_ld(response)["author"]
    assert [each["name"] for each in authors] == ["Dana Reyes", "Lee Park"]
    assert authors[0]["url"] == f"{TEST_SITE_URL}/people/dana-reyes/"
    assert authors[0]["@type"] == "Person"


def test_one_author_shows_their_role(client, launch_article, make_person):
    launch_article.authors.set([make_person()])

    response = client.get(launch_article.get_absolute_url())

    assertContains(
        response,
        '<a href="/people/dana-reyes/">Dana Reyes</a>'
        '<span class="article-meta__role">, Fractional vCISO</span>',
    )


def test_an_article_without_authors_costs_no_query_for_them(
    client, launch_article, make_person, django_assert_num_queries
):
    from core.models import site_values

    site_values()
    # The article (which says whether it names authors), the next publish.
    with django_assert_num_queries(2):
        client.get(launch_article.get_absolute_url())

"""The 404 page: a mistyped article address leads to the article meant."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_mistyped_article_address_suggests_the_nearest_published_article(
    client, make_article, django_assert_num_queries
):
    make_article(title="Where to start with security", slug="where-to-start")

    # The article, a former address, the nearest article (saving the article
    # cached the phone number and the site copy).
    with django_assert_num_queries(3):
        response = client.get("/articles/were-to-strat/")

    assert response.status_code == 404
    assertContains(response, "Were you looking for", status_code=404)
    assertContains(
        response,
        '<a href="/articles/where-to-start/">Where to start with security</a>',
        status_code=404,
    )


def test_an_address_typed_from_the_title_finds_the_article(client, make_article):
    make_article(title="Where to start with security", slug="start-here")

    response = client.get("/articles/where-to-start-with-securty/")

    assertContains(response, '<a href="/articles/start-here/">', status_code=404)


def test_a_draft_is_never_suggested(client, make_article):
    make_article(title="Secret plans", slug="secret-plans", status=Article.Status.DRAFT)

    response = client.get("/articles/secret-plan/")

    assertNotContains(response, "Were you looking for", status_code=404)
    assertNotContains(response, "secret-plans", status_code=404)


def test_an_address_like_no_article_suggests_nothing(client, make_article):
    make_article(slug="where-to-start")

    response = client.get("/articles/quarterly-pricing-sheet/")

    assertNotContains(response, "Were you looking for", status_code=404)


def test_404_page_offers_the_articles_the_assessment_and_a_call(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assertContains(response, 'href="/articles/">Our articles</a>', status_code=404)
    assertContains(response, 'href="/assessment/"', status_code=404)
    assertContains(response, 'class="cta-panel"', status_code=404)
    assertContains(response, 'href="tel:+17372105503"', status_code=404)


def test_404_page_links_the_services(client):
    response = client.get("/no-such-page/")

    assertContains(response, '<a href="/services/">Our services</a>', status_code=404)

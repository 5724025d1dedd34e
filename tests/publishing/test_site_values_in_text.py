"""The site's values filled into rich text: escaped, current, and only our own."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import path
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from core.cache import cache_public_page
from core.models import SiteSettings
from tests import error_urls

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = (
    "/",
    "/services/",
    "/about/",
    "/privacy/",
    "/articles/",
    "/articles/vcio-vs-vciso/",
    "/contact/",
)


def saved_phone_number(value: str) -> None:
    """A number saved without the form's validation (an import, the shell)."""
    SiteSettings(phone_number=value).save()


def publish_article(body: str) -> Article:
    return Article.objects.create(
        title="Calling the right number",
        slug="calling-the-right-number",
        summary="Which number to call.",
        body=body,
        author_name="Dana Reyes",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=1),
    )


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_phone_number_opening_a_comment_leaves_every_page_whole(client, url):
    saved_phone_number("<!--737-210-5503")

    response = client.get(url)

    assert response.status_code == 200
    assertContains(response, "</footer>")
    assertContains(response, "</html>")
    assertNotContains(response, "<!--737")
    assertContains(response, "&lt;!--737")


def test_a_phone_number_holding_markup_is_shown_as_text_in_an_article(client):
    saved_phone_number("</a><h1>7372105503")

    response = client.get("/articles/vcio-vs-vciso/")

    assert response.status_code == 200
    assertNotContains(response, "<h1>7372105503")
    assertContains(response, "&lt;/a&gt;&lt;h1&gt;7372105503")
    assertContains(response, "</footer>")


def test_a_phone_number_holding_markup_is_shown_as_text_in_a_page(client):
    saved_phone_number("</a><h1>7372105503")

    response = client.get("/privacy/")

    assert response.status_code == 200
    assertNotContains(response, "<h1>7372105503")
    assertContains(response, "&lt;/a&gt;&lt;h1&gt;7372105503")


def test_an_editors_link_to_another_number_is_left_alone(client):
    article = publish_article(
        '<p>Our partner answers at <a href="tel:+15125550142">512-555-0142</a>.</p>'
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, 'href="tel:+15125550142"')
    assertContains(response, "512-555-0142")


def test_words_an_editor_linked_to_our_number_stay_as_written(client):
    saved_phone_number("512-555-0100")
    article = publish_article('<p><a href="tel:+15125550100">Call us &amp; ask</a></p>')

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<a class="site-phone" href="tel:+15125550100">Call us &amp; ask</a>',
    )


def test_a_text_quoting_the_launch_number_shows_the_current_one(client):
    saved_phone_number("512-555-0100")
    article = publish_article("<p>Call us at 737-210-5503 to talk it over.</p>")

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<p>Call us at <a class="site-phone" href="tel:+15125550100">'
        "512-555-0100</a> to talk it over.</p>",
    )
    assertNotContains(response, "737-210-5503")


def test_the_privacy_notice_quotes_todays_retention_period(client, settings):
    settings.INQUIRY_RETENTION_DAYS = 123

    response = client.get("/privacy/")

    assertContains(response, "123")
    assertNotContains(response, "[inquiry retention days]")


# --- The page cache never dresses up a view's own error ------------------------


@cache_public_page()
def broken_cached_view(request):
    raise RuntimeError("the view's own failure")


urlpatterns = [path("broken-cached/", broken_cached_view), *error_urls.urlpatterns]
handler404 = error_urls.handler404
handler500 = error_urls.handler500


@pytest.mark.parametrize(
    "url",
    [
        "/broken/",  # not opted in: looking for page_cache fails first
        "/broken-cached/",  # opted in, not yet cached
        "/broken-cached/?ref=x",  # opted in, but the query string is not stored
    ],
)
def test_an_error_in_a_view_is_not_chained_to_the_page_cache(settings, url):
    settings.ROOT_URLCONF = __name__
    client = Client()

    with pytest.raises(RuntimeError) as raised:
        client.get(url)

    assert raised.value.__context__ is None
    assert raised.value.__cause__ is None


def test_an_error_in_a_view_is_not_chained_to_an_unreachable_cache(settings):
    settings.ROOT_URLCONF = __name__
    client = Client()

    with (
        mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")),
        pytest.raises(RuntimeError, match="the view's own failure") as raised,
    ):
        client.get("/broken-cached/")

    assert raised.value.__context__ is None

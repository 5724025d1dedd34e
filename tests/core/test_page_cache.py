"""The page cache as visitors, staff, operators and a CDN in front meet it."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import include, path
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from core.cache import cache_public_page, forget_cached_pages

pytestmark = pytest.mark.django_db


def retitle_behind_the_caches_back(article: Article, title: str) -> None:
    """Change the article without the signals that forget cached pages."""
    Article.objects.filter(pk=article.pk).update(title=title)


def test_a_cached_page_is_served_without_queries_and_with_an_etag(
    client, article, django_assert_num_queries
):
    client.get(article.get_absolute_url())

    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())

    assertContains(response, article.title)
    assert response.has_header("ETag")


def test_a_conditional_get_of_a_cached_page_is_304(client, article):
    etag = client.get(article.get_absolute_url())["ETag"]

    response = client.get(article.get_absolute_url(), headers={"if-none-match": etag})

    assert response.status_code == 304


def test_forgetting_cached_pages_shows_the_current_content(client, article):
    client.get(article.get_absolute_url())
    retitle_behind_the_caches_back(article, "Fresh answers")
    assertContains(client.get(article.get_absolute_url()), article.title)

    forget_cached_pages()

    assertContains(client.get(article.get_absolute_url()), "Fresh answers")


def test_deleting_an_article_removes_it_from_the_public_at_once(
    client, article, django_capture_on_commit_callbacks
):
    client.get(article.get_absolute_url())
    client.get("/articles/")

    with django_capture_on_commit_callbacks(execute=True):
        article.delete()

    assert client.get("/articles/vcio-or-vciso/").status_code == 404
    assertNotContains(client.get("/articles/"), article.title)


def test_a_page_cached_by_one_release_is_not_served_by_the_next(
    client, article, settings
):
    settings.DEBUG = True  # as `make run` serves it, linking unhashed files
    client.get(article.get_absolute_url())
    settings.DEBUG = False
    settings.RELEASE_ID = "release-1"
    client.get(article.get_absolute_url())
    retitle_behind_the_caches_back(article, "Answers, second release")

    production = client.get(article.get_absolute_url())
    settings.RELEASE_ID = "release-2"
    next_release = client.get(article.get_absolute_url())

    assertContains(production, article.title)
    assertContains(next_release, "Answers, second release")


def test_a_development_server_never_serves_production_pages(client, article, settings):
    settings.DEBUG = False
    client.get(article.get_absolute_url())
    retitle_behind_the_caches_back(article, "Development copy")
    settings.DEBUG = True

    assertContains(client.get(article.get_absolute_url()), "Development copy")


@pytest.mark.parametrize("query", ["?x", "?ref=1", "?page=2", "?utm_source=a&junk=1"])
def test_junk_query_strings_are_rendered_and_never_stored(
    client, article, query, django_assert_num_queries
):
    url = article.get_absolute_url() + query

    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        first = client.get(url)
        response = client.get(url)

    assertContains(first, article.title)
    assertContains(response, article.title)
    assert [call for call in cache_set.call_args_list if "page:" in call.args[0]] == []
    assert "private" in response["Cache-Control"]


def test_a_valid_page_number_of_a_list_is_cached(
    client, article, django_assert_num_queries
):
    client.get("/articles/?page=1")

    with django_assert_num_queries(0):
        response = client.get("/articles/?page=1")

    assertContains(response, article.title)


@pytest.mark.parametrize("page", ["0", "01", "abc", "99999", "", "1&page=2"])
def test_other_page_numbers_of_a_list_are_never_stored(client, article, page):
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        client.get(f"/articles/?page={page}")
        client.get(f"/articles/?page={page}")

    assert [call for call in cache_set.call_args_list if "page:" in call.args[0]] == []


def test_stored_pages_tell_a_cdn_how_long_it_may_keep_them(client, article):
    response = client.get(article.get_absolute_url())

    cache_control = {
        part.strip() for part in response["Cache-Control"].split(",") if part.strip()
    }
    assert cache_control == {"public", "max-age=0", "s-maxage=300"}


def test_pages_of_one_visitor_tell_a_cdn_to_keep_them_private(client):
    assert "private" in client.get("/contact/")["Cache-Control"]


def test_staff_with_a_session_get_a_fresh_private_page(client, article, settings):
    client.get(article.get_absolute_url())
    retitle_behind_the_caches_back(article, "Staff see this")
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"

    response = client.get(article.get_absolute_url())

    assertContains(response, "Staff see this")
    assert "private" in response["Cache-Control"]


def test_pages_are_served_when_the_cache_is_down(client, article):
    with (
        mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")),
        mock.patch.object(cache, "set", side_effect=ConnectionError("down")),
    ):
        response = client.get(article.get_absolute_url())

    assertContains(response, article.title)


def test_a_missing_page_is_never_stored(client):
    with mock.patch.object(cache, "set", wraps=cache.set) as cache_set:
        assert client.get("/articles/no-such-article/").status_code == 404

    assert [call for call in cache_set.call_args_list if "page:" in call.args[0]] == []


renders = []


@cache_public_page()
def page_that_sets_a_cookie(request):
    from django.http import HttpResponse

    renders.append(request.path)
    response = HttpResponse(f"<p>Rendered {len(renders)}</p>")
    response.set_cookie("chosen", "yes")
    return response


urlpatterns = [
    path("sets-a-cookie/", page_that_sets_a_cookie),
    path("", include("steadfast.urls")),
]


@pytest.mark.urls(__name__)
def test_a_page_that_sets_a_cookie_is_never_stored(client):
    renders.clear()

    first = client.get("/sets-a-cookie/")
    client.cookies.clear()
    second = Client().get("/sets-a-cookie/")

    # Stored, the next visitor would get the first one's cookie, or none.
    assert renders == ["/sets-a-cookie/", "/sets-a-cookie/"]
    assert first.cookies["chosen"].value == second.cookies["chosen"].value == "yes"
    assertContains(second, "Rendered 2")

"""The guards in front of the views, checked in-process (no gunicorn needed)."""

import warnings

import pytest
from django.test import Client

from articles.models import Article
from core.views import login_locked_out

pytestmark = pytest.mark.django_db


def test_a_query_string_that_is_not_utf8_is_a_branded_400(client):
    response = client.get("/", QUERY_STRING="q=%ff%fe")

    assert response.status_code == 400
    assert b"couldn't understand that request" in response.content
    assert b'href="tel:+17372105503"' in response.content


def test_a_valid_utf8_query_string_passes(client):
    response = client.get("/", {"q": "café"})

    assert response.status_code == 200


def test_a_junk_query_string_is_never_served_the_cached_page(client):
    client.get("/")
    # Changed without the signals that forget cached pages.
    Article.objects.update(title="Retitled behind the cache")

    response = client.get("/", QUERY_STRING="x")

    assert b"Retitled behind the cache" in response.content


@pytest.mark.parametrize(
    "from_elsewhere",
    [{}, {"HTTP_REFERER": "https://www.linkedin.com/", "QUERY_STRING": "utm_source=x"}],
    ids=["direct", "from-a-shared-link"],
)
def test_a_bad_host_is_refused_even_for_a_cached_page(client, from_elsewhere):
    client.get("/")  # cached

    response = Client(HTTP_HOST="evil.example").get("/", **from_elsewhere)

    assert response.status_code == 400
    assert b"couldn't understand that request" in response.content
    assert "Content-Security-Policy" in response.headers


def test_a_very_long_url_makes_a_valid_cache_key(client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get("/", {"page": "1" * 400})

    assert response.status_code in {200, 404}
    assert [w for w in caught if "CacheKeyWarning" in w.category.__name__] == []


def test_a_post_without_a_csrf_token_gets_the_plain_language_403():
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/contact/", {"name": "Mallory"})

    assert response.status_code == 403
    assert b"Please send the form again" in response.content


def test_the_lockout_page_says_for_how_long(rf):
    response = login_locked_out(rf.post("/admin/login/"))

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert b"locked for 15 minutes" in response.content

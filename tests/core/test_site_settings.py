import json
import re
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from core.models import PhoneNumber, SiteSettings, current_phone

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/core/sitesettings/1/change/"


def test_every_page_shows_the_default_number_as_an_e164_tel_link(client, article):
    for url in ("/", "/contact/", article.get_absolute_url(), "/no-such-page/"):
        response = client.get(url)

        content = response.content.decode()
        assert 'href="tel:+17372105503"' in content, url
        assert "Call Steadfast Partners at </span>737-210-5503" in content, url


def test_the_article_call_to_action_says_call_us_today(client, article):
    response = client.get(article.get_absolute_url())

    assertContains(response, "Call Us Today")


def test_changing_the_number_in_the_admin_shows_on_every_page_next_request(
    sales_client, article, django_capture_on_commit_callbacks
):
    visitor = Client()
    for url in ("/", "/contact/", article.get_absolute_url()):
        visitor.get(url)  # cached with the old number

    sales_client.get("/admin/core/sitesettings/")  # creates the record
    with django_capture_on_commit_callbacks(execute=True):
        response = sales_client.post(SETTINGS_URL, {"phone_number": "512-555-0199"})

    assert response.status_code == 302
    for url in ("/", "/contact/", article.get_absolute_url(), "/no-such-page/"):
        page = visitor.get(url)
        assertContains(page, 'href="tel:+15125550199"', status_code=page.status_code)
        assertContains(page, "512-555-0199", status_code=page.status_code)
        assertNotContains(page, "737-210-5503", status_code=page.status_code)


def test_the_organization_markup_carries_the_number_staff_set(client):
    SiteSettings.objects.create(phone_number="512-555-0199")

    page = client.get("/").content.decode()

    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    )
    (organization,) = [
        item for item in json.loads(block)["@graph"] if item["@type"] == "Organization"
    ]
    assert organization["telephone"] == "+15125550199"
    assert organization["contactPoint"]["telephone"] == "+15125550199"
    assert "+17372105503" not in page


def test_a_new_number_saves_even_when_the_cache_is_down(
    sales_client, django_capture_on_commit_callbacks
):
    sales_client.get("/admin/core/sitesettings/")  # creates the record
    with (
        mock.patch.multiple(
            cache, delete=mock.DEFAULT, incr=mock.DEFAULT, set=mock.DEFAULT
        ) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for call in calls.values():
            call.side_effect = ConnectionError("cache down")
        response = sales_client.post(SETTINGS_URL, {"phone_number": "512-555-0199"})

    assert response.status_code == 302
    assert SiteSettings.objects.get().phone_number == "512-555-0199"


def test_a_number_saved_while_the_cache_was_unreachable_shows_within_minutes(
    sales_client, article, django_capture_on_commit_callbacks, settings
):
    # A cache whose clock the test can move (Redis keeps its own time).
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    sales_client.get("/admin/core/sitesettings/")  # creates the record
    visitor = Client()
    visitor.get(article.get_absolute_url())  # cached with the old number
    with (
        mock.patch.multiple(cache, delete=mock.DEFAULT, incr=mock.DEFAULT) as calls,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for call in calls.values():
            call.side_effect = ConnectionError("cache down")
        sales_client.post(SETTINGS_URL, {"phone_number": "512-555-0199"})
    # Back, the cache still holds the old number and page for a while.
    assertContains(visitor.get(article.get_absolute_url()), "737-210-5503")
    five_minutes_later = time.time() + 5 * 60 + 1

    with mock.patch("time.time", return_value=five_minutes_later):
        page = visitor.get(article.get_absolute_url())

    assertContains(page, 'href="tel:+15125550199"')
    assertNotContains(page, "737-210-5503")


def test_an_invalid_number_is_refused_with_a_clear_message(sales_client):
    sales_client.get("/admin/core/sitesettings/")

    response = sales_client.post(SETTINGS_URL, {"phone_number": "call us"})

    assertContains(response, "Enter a North American number with area code")


def test_the_number_is_read_from_the_cache_after_the_first_request(
    django_assert_num_queries,
):
    SiteSettings.objects.create(phone_number="512-555-0199")
    current_phone()

    with django_assert_num_queries(0):
        assert current_phone() == PhoneNumber("512-555-0199")


def test_the_default_number_is_used_when_the_database_is_down(settings):
    with mock.patch(
        "core.models.SiteSettings.objects.filter",
        side_effect=OperationalError("server closed the connection"),
    ):
        assert current_phone().tel_href == "tel:+17372105503"


def test_the_number_still_comes_from_the_database_when_the_cache_is_down():
    SiteSettings.objects.create(phone_number="512-555-0199")

    with (
        mock.patch("core.models.cache.get", side_effect=ConnectionError),
        mock.patch("core.models.cache.set", side_effect=ConnectionError),
    ):
        assert current_phone().display == "512-555-0199"


def test_the_default_number_is_used_when_cache_and_database_are_down():
    with (
        mock.patch("core.models.cache.get", side_effect=ConnectionError),
        mock.patch(
            "core.models.SiteSettings.objects.filter",
            side_effect=OperationalError("down"),
        ),
    ):
        assert current_phone().display == "737-210-5503"


def test_content_staff_cannot_change_the_number(content_client):
    assert content_client.get("/admin/core/sitesettings/").status_code == 403


def test_during_an_outage_the_database_is_not_asked_on_every_page():
    with mock.patch(
        "core.models.SiteSettings.objects.filter",
        side_effect=OperationalError("down"),
    ) as query:
        current_phone()
        current_phone()

    assert query.call_count == 1

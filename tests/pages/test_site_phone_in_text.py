"""The phone number written in an article or a page follows the site setting."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.models import SiteSettings
from pages.models import Page

pytestmark = pytest.mark.django_db


def change_number(number: str, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings(phone_number=number).save()


def test_the_launch_article_calls_the_number_it_mentions(visitor, launch_article):
    response = visitor.get(launch_article.get_absolute_url())

    assertContains(
        response,
        'Contact Steadfast Partners at <a class="site-phone" '
        'href="tel:+17372105503">737-210-5503</a>',
    )


def test_a_new_number_shows_in_every_article_and_page_at_once(
    visitor, launch_article, django_capture_on_commit_callbacks
):
    urls = [launch_article.get_absolute_url(), "/", "/services/vciso/", "/privacy/"]
    for url in urls:
        visitor.get(url)  # cached with the old number

    change_number("512-555-0199", django_capture_on_commit_callbacks)

    for url in urls:
        response = visitor.get(url)
        assertContains(
            response, '<a class="site-phone" href="tel:+15125550199">512-555-0199</a>'
        )
        assertNotContains(response, "737-210-5503")
        assertNotContains(response, "[phone]")


def test_a_page_saved_after_the_change_still_follows_the_next_one(
    visitor, about_page, django_capture_on_commit_callbacks
):
    change_number("512-555-0199", django_capture_on_commit_callbacks)
    about_page.body = "<p>Call 512-555-0199 or 737-210-5503 today.</p>"
    about_page.save()

    change_number("(737) 555-0123", django_capture_on_commit_callbacks)

    response = visitor.get("/about/")
    assertContains(response, 'Call <a class="site-phone" href="tel:+17375550123">')
    assertNotContains(response, "512-555-0199")


def test_other_numbers_in_a_text_are_left_alone(visitor, about_page):
    about_page.body = "<p>NIST's number is 301-975-2000; ours is [phone].</p>"
    about_page.save()

    response = visitor.get("/about/")

    assertContains(response, "NIST's number is 301-975-2000; ours is <a")
    assertNotContains(response, 'href="tel:+13019752000"')


def test_an_editors_own_link_to_the_number_follows_the_setting_too(
    visitor, about_page, django_capture_on_commit_callbacks
):
    about_page.body = '<p><a href="tel:+17372105503">Call us</a></p>'
    about_page.save()
    change_number("512-555-0199", django_capture_on_commit_callbacks)

    assertContains(
        visitor.get("/about/"),
        '<a class="site-phone" href="tel:+15125550199">Call us</a>',
    )


def test_numbers_inside_link_addresses_are_not_touched(visitor, about_page):
    about_page.body = (
        '<p><a href="https://example.com/737-210-5503">a page</a> about us</p>'
    )
    about_page.save()

    assertContains(visitor.get("/about/"), 'href="https://example.com/737-210-5503"')


def test_the_editor_keeps_the_number_as_written(about_page):
    about_page.body = "<p>Call 737-210-5503.</p>"
    about_page.save()

    about_page.refresh_from_db()
    assert about_page.body == "<p>Call 737-210-5503.</p>"
    assert Page.objects.get(pk=about_page.pk).body_html.count("site-phone") == 1

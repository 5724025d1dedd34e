from unittest import mock

import pytest
from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from pytest_django.asserts import assertContains, assertRedirects

from contact.models import Inquiry
from core.ratelimit import count_in_window

pytestmark = pytest.mark.django_db


def test_honeypot_submission_is_quarantined_not_dropped(
    client, valid_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", {**valid_data, "website": "http://spam"})

    # The bot sees success, so it learns nothing.
    assertRedirects(response, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.is_spam
    assert inquiry.status == Inquiry.Status.SPAM
    assert "honeypot" in inquiry.spam_reason
    assert inquiry.notification_status == Inquiry.NotificationStatus.HELD
    assert mail.outbox == []


def test_form_sent_faster_than_a_person_can_type_is_quarantined(
    client, valid_data, make_form_token
):
    just_now = make_form_token(issued_ago=1)

    client.post("/contact/", {**valid_data, "form_token": just_now})

    inquiry = Inquiry.objects.get()
    assert inquiry.is_spam
    assert "after the form was shown" in inquiry.spam_reason


def test_tampered_or_missing_form_token_is_quarantined(client, valid_data):
    client.post("/contact/", {**valid_data, "form_token": "forged:token"})

    assert "tampered" in Inquiry.objects.get().spam_reason


def test_quarantined_inquiries_are_hidden_from_the_sales_queue(make_inquiry):
    make_inquiry(status=Inquiry.Status.SPAM, spam_reason="honeypot")
    real = make_inquiry(name="Real Prospect")

    assert list(Inquiry.objects.for_sales_queue()) == [real]


def test_inquiry_is_saved_when_the_rate_limit_cache_is_down(client, valid_data):
    with mock.patch(
        "core.ratelimit.cache.add", side_effect=ConnectionError("cache down")
    ):
        response = client.post("/contact/", valid_data)

    assertRedirects(response, "/contact/thanks/")
    assert Inquiry.objects.count() == 1


class WindowEndsMidCount(LocMemCache):
    """The first count finds its window just ended, and a neighbour's
    submission already counted in the next one."""

    ended = False

    def incr(self, key, delta=1, version=None):
        if not self.ended:
            self.ended = True
            self.delete(key, version)
            self.add(key, 1, timeout=600, version=version)
            raise ValueError(f"Key '{key}' not found")
        return super().incr(key, delta, version)


def test_a_count_whose_window_ends_mid_way_adds_to_the_next_one():
    cache = WindowEndsMidCount("window-ends-mid-count", {})

    with mock.patch("core.ratelimit.cache", cache):
        count = count_in_window("contact:rate:203.0.113.5", 600)

    # The neighbour's submission is still counted: neither is overwritten.
    assert count == 2
    assert cache.get("contact:rate:203.0.113.5") == 2


def test_an_oversized_request_body_is_refused(client, valid_data, settings):
    settings.CONTACT_MAX_BODY_BYTES = 2048

    response = client.post("/contact/", {**valid_data, "message": "x" * 4000})

    assert response.status_code == 413
    assertContains(response, "too long", status_code=413)
    assert Inquiry.objects.count() == 0


def test_honeypot_is_hidden_by_the_stylesheet_and_skipped_by_keyboard(client):
    response = client.get("/contact/")

    assertContains(response, 'class="contact-hp"  aria-hidden="true"')
    assertContains(response, 'name="website" maxlength="200" tabindex="-1"')
    assertContains(response, 'href="/static/css/public.css"')
    assert b"style=" not in response.content

"""How many inquiries a client may send, and who a form's token belongs to."""

import re
import time
import uuid
from html import unescape

import pytest
from django.core import signing
from django.test import Client
from pytest_django.asserts import assertContains, assertRedirects

from contact.models import Inquiry
from contact.spam import FORM_TOKEN_SALT

pytestmark = pytest.mark.django_db

REFRESHED = "so we refreshed it"


@pytest.fixture
def send(client, valid_data, make_form_token):
    """Send a new inquiry (a form of its own) from this browser."""

    def send(**overrides):
        data = {**valid_data, "form_token": make_form_token(), **overrides}
        headers = {k: data.pop(k) for k in list(data) if k.isupper()}
        return client.post("/contact/", data, **headers)

    return send


def hidden_token(response) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', response.content.decode())
    assert match, "no form token"
    return unescape(match.group(1))


def test_a_client_past_its_allowance_gets_a_429_with_its_text_kept(send, settings):
    settings.CONTACT_RATE_LIMIT = 2
    send(), send()

    response = send(message="Third question: who owns our cloud budget?")

    assert response.status_code == 429
    assertContains(response, "Please wait a few minutes", status_code=429)
    assertContains(response, 'href="tel:+17372105503"', status_code=429)
    assertContains(response, "who owns our cloud budget?", status_code=429)
    assert response["Retry-After"] == str(settings.CONTACT_RATE_LIMIT_WINDOW)
    assert Inquiry.objects.count() == 2


def test_typos_do_not_use_up_a_prospects_allowance(send, settings):
    settings.CONTACT_RATE_LIMIT = 1
    for _ in range(5):
        assert send(email="dana@northwind").status_code == 200

    assertRedirects(send(), "/contact/thanks/")
    assert Inquiry.objects.count() == 1


def test_posts_with_errors_have_an_allowance_of_their_own(send, settings):
    settings.CONTACT_INVALID_POST_LIMIT = 3
    for _ in range(3):
        assert send(email="not an address").status_code == 200

    refused = send(email="still not an address")

    assert refused.status_code == 429
    assertContains(refused, "still not an address", status_code=429)


def test_sending_the_same_form_twice_counts_once(client, valid_data, settings):
    settings.CONTACT_RATE_LIMIT = 1

    first = client.post("/contact/", valid_data)
    again = client.post("/contact/", valid_data)

    assertRedirects(first, "/contact/thanks/")
    assertRedirects(again, "/contact/thanks/")
    assert Inquiry.objects.count() == 1


def test_the_allowance_is_per_client_address(send, settings):
    settings.CONTACT_RATE_LIMIT = 1
    send(REMOTE_ADDR="203.0.113.5")

    assert send(REMOTE_ADDR="203.0.113.6").status_code == 302
    assert send(REMOTE_ADDR="203.0.113.5").status_code == 429


def test_addresses_in_one_ipv6_network_share_an_allowance(send, settings):
    settings.CONTACT_RATE_LIMIT = 1
    send(REMOTE_ADDR="2001:db8:7:8::1")

    assert send(REMOTE_ADDR="2001:db8:7:8::2").status_code == 429
    assert send(REMOTE_ADDR="2001:db8:7:9::1").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(send, settings):
    settings.CONTACT_RATE_LIMIT = 1
    send(HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert send(HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_address_is_limited(send, settings):
    settings.CONTACT_RATE_LIMIT = 1
    settings.CONTACT_TRUSTED_PROXIES = ["10.0.0.2"]
    send(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")

    other_client = send(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    same_client = send(
        REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1:4711"
    )
    unidentified = send(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="unknown")

    assert other_client.status_code == 302
    assert same_client.status_code == 429
    # Not put in the bucket of a client that happens to share the proxy.
    assert unidentified.status_code == 302


def test_another_visitors_token_never_shows_their_inquiry(client, valid_data):
    assertRedirects(client.post("/contact/", valid_data), "/contact/thanks/")

    replayer = Client()
    replayer.get("/contact/")  # a CSRF cookie of its own
    replay = replayer.post(
        "/contact/",
        {**valid_data, "name": "Mallory", "email": "mallory@example.com"},
    )

    assert replay.status_code == 200
    assertContains(replay, REFRESHED)
    assertContains(replay, "mallory@example.com")
    assert hidden_token(replay) != valid_data["form_token"]
    thanks = replayer.get("/contact/thanks/")
    assert "Dana Whitfield" not in thanks.content.decode()
    assert "dana@northwind.example" not in thanks.content.decode()
    assert Inquiry.objects.count() == 1


def test_an_expired_form_is_refreshed_with_the_text_kept(
    client, valid_data, make_form_token, settings
):
    two_days = 2 * 24 * 60 * 60
    stale = {**valid_data, "form_token": make_form_token(issued_ago=two_days)}

    refreshed = client.post("/contact/", stale)
    sent = client.post("/contact/", {**stale, "form_token": hidden_token(refreshed)})

    assertContains(refreshed, REFRESHED)
    assertContains(refreshed, valid_data["message"])
    assertRedirects(sent, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.message == valid_data["message"]
    # Sent straight back, as a person would: not taken for a bot.
    assert not inquiry.is_spam


def test_a_form_shown_before_tokens_named_their_browser_is_refreshed(
    client, valid_data, make_form_token
):
    make_form_token()  # the browser's CSRF cookie
    unnamed = signing.dumps(
        {"id": uuid.uuid4().hex, "t": time.time() - 60},
        salt=FORM_TOKEN_SALT,
        compress=True,
    )

    response = client.post("/contact/", {**valid_data, "form_token": unnamed})

    assertContains(response, REFRESHED)
    assert not Inquiry.objects.exists()


def test_the_form_a_browser_opens_carries_a_token_it_can_send(client, valid_data):
    token = hidden_token(client.get("/contact/"))

    response = client.post("/contact/", {**valid_data, "form_token": token})

    # Sent at once, so quarantined as too fast: but accepted, not refreshed.
    assertRedirects(response, "/contact/thanks/")
    assert Inquiry.objects.get().is_spam

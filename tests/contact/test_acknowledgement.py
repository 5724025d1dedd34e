"""The "we received your inquiry" email: no relay for a stranger's message."""

import contextlib
from unittest import mock

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PRIZE = (
    "Congratulations!\u00a0You\u00a0won\u00a0a\u00a0prize:\u00a0http://prize.example/"
)


@pytest.fixture
def send(client, valid_data, make_form_token, django_capture_on_commit_callbacks):
    """Send a new inquiry and its emails; the acknowledgements sent so far."""

    def send(**overrides):
        data = {**valid_data, "form_token": make_form_token(), **overrides}
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/contact/", data).status_code == 302
        return [m for m in mail.outbox if m.to == [data["email"]]]

    return send


@pytest.mark.parametrize(
    "name",
    [
        PRIZE,
        f"{PRIZE} Whitfield",
        "Winner! Claim your prize at http://prize.example/",
        "http://prize.example/ Dana",
        "Dana2024 Whitfield",
    ],
)
def test_a_message_hidden_in_the_name_never_reaches_the_recipient(send, name):
    (acknowledgement,) = send(name=name, email="victim@example.com")

    assert acknowledgement.body.startswith("Hello,")
    for word in ("Congratulations", "prize", "Winner", "http://prize", "2024"):
        assert word not in acknowledgement.body
        assert word not in acknowledgement.subject


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dana Whitfield", "Hello Dana,"),
        ("Jean-Luc Picard", "Hello Jean-Luc,"),
        ("Zoë O'Neil", "Hello Zoë,"),
    ],
)
def test_a_plain_first_name_is_greeted(send, name, greeting):
    (acknowledgement,) = send(name=name)

    assert acknowledgement.body.startswith(greeting)


def test_an_address_gets_at_most_three_acknowledgements_a_day(send, settings):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    for _ in range(4):
        acknowledgements = send(email="victim@example.com")

    to_sales = [m for m in mail.outbox if m.to == settings.SALES_NOTIFICATION_EMAILS]
    assert len(acknowledgements) == settings.CONTACT_ACKNOWLEDGEMENTS_PER_DAY == 3
    assert len(to_sales) == 4
    assert len(send(email="someone.else@example.com")) == 1


def test_while_the_cache_is_down_the_database_keeps_the_limit(send, settings):
    with mock.patch("core.ratelimit.cache.add", side_effect=ConnectionError("down")):
        for _ in range(4):
            acknowledgements = send(email="victim@example.com")

    assert len(acknowledgements) == 3


def test_tags_and_capitals_in_an_address_do_not_multiply_its_allowance(send):
    for address in (
        "victim+1@example.com",
        "Victim+2@Example.com",
        "victim@example.com",
        "victim+3@example.com",
    ):
        send(email=address)

    received = [m for m in mail.outbox if "victim" in m.to[0].lower()]
    assert len(received) == 3


def test_the_acknowledgement_tells_a_stranger_to_ignore_it(send):
    (acknowledgement,) = send()

    assert "If you did not write to us" in acknowledgement.body


def test_while_the_cache_is_down_tagged_addresses_still_share_one_allowance(send):
    with mock.patch("core.ratelimit.cache.add", side_effect=ConnectionError("down")):
        for address in (
            "victim+1@example.com",
            "victim+2@example.com",
            "Victim@Example.com",
            "victim+3@example.com",
        ):
            send(email=address)

    received = [m for m in mail.outbox if "victim" in m.to[0].lower()]
    assert len(received) == 3


@pytest.mark.parametrize("cache_down", [False, True], ids=["cache", "database"])
def test_quoted_and_international_spellings_share_one_allowance(send, cache_down):
    spellings = (
        '"victim"@bücher.example',
        "victim@xn--bcher-kva.example",
        '"Victim+x"@BÜCHER.example',
        "victim@bücher.example",
    )
    outage = mock.patch("core.ratelimit.cache.add", side_effect=ConnectionError("down"))
    with outage if cache_down else contextlib.nullcontext():
        for address in spellings:
            send(email=address)

    received = [m for m in mail.outbox if "victim" in m.to[0].lower()]
    assert len(received) == 3


def test_a_first_name_like_a_domain_is_never_a_greeting(send):
    (acknowledgement,) = send(name="prize.example Whitfield")

    assert acknowledgement.body.startswith("Hello,")
    assert "prize" not in acknowledgement.body

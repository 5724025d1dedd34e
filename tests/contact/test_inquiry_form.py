import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from contact.models import Inquiry
from tests.load.client import HIDDEN_INPUT_RE


def assert_error_under(response, field: str, message: str) -> None:
    """The message starts the error block crispy-bootstrap5 puts under ``field``."""
    block = re.compile(
        rf'<div id="id_{field}_error" class="invalid-feedback">\s*'
        rf'<(?:span|p) id="error_1_id_{field}"><strong>{re.escape(escape(message))}'
    )
    assert response.status_code == 200
    assert block.search(response.content.decode()), (field, message)


pytestmark = pytest.mark.django_db


def test_contact_page_offers_calling_and_writing_and_explains_what_happens_next(
    client,
):
    response = client.get("/contact/")

    assertContains(response, "<h1>", count=1)
    assertContains(response, 'href="tel:+17372105503"', count=4)
    assertContains(response, "Call Steadfast Partners at </span>737-210-5503")
    assertContains(response, "What happens next")
    assertContains(response, 'name="csrfmiddlewaretoken"', count=1)
    assertContains(response, "Send inquiry")


def test_contact_page_is_served_from_warm_caches_with_one_query_for_its_words(
    client, django_assert_num_queries
):
    client.get("/contact/")

    with django_assert_num_queries(1):
        response = client.get("/contact/")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_form_opened_from_an_article_looks_the_article_up_once(
    client, article, django_assert_num_queries
):
    url = f"/contact/?article={article.slug}&section=what-does-a-vcio-do"
    client.get(url)

    # The article, and the contact page's words.
    with django_assert_num_queries(2):
        response = client.get(url)

    assertContains(response, article.title)


def test_a_call_to_action_preselects_its_interest_and_each_visitor_gets_a_token(
    client,
):
    first = client.get("/contact/")
    second = client.get("/contact/")
    vcio = client.get("/contact/?interest=vcio")
    plain_again = client.get("/contact/")

    assertContains(vcio, 'value="vcio"  id="id_interest_1" required checked')
    assertNotContains(plain_again, " checked")
    # Each visitor still gets a token of their own.
    tokens = [
        re.findall(r'name="form_token" value="([^"]+)"', r.content.decode())
        for r in (first, second)
    ]
    assert len(tokens[0]) == len(tokens[1]) == 1
    assert tokens[0] != tokens[1]


def test_form_with_errors_is_built_afresh_after_a_blank_one(client, valid_data):
    client.get("/contact/")

    response = client.post("/contact/", {**valid_data, "email": "dana@"})

    assertContains(response, 'value="Dana Whitfield"')
    assertContains(response, "Enter a valid email address")


def test_form_fields_have_labels_autocomplete_and_input_types(client):
    response = client.get("/contact/")

    assertContains(response, 'for="id_name" class="form-label')
    assertContains(response, 'type="text" name="name" autocomplete="name"')
    assertContains(response, 'type="email" name="email" autocomplete="email"')
    assertContains(response, 'name="company" autocomplete="organization"')
    assertContains(response, 'type="tel" name="phone" autocomplete="tel"')
    assertContains(response, 'type="radio"', count=4)
    assertContains(response, "<legend")
    assertContains(response, 'type="checkbox" name="consent"')
    assertContains(response, "never share or sell them")


def test_valid_submission_is_stored_and_redirects_to_thanks(client, valid_data):
    response = client.post("/contact/", valid_data)

    assertRedirects(response, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Dana Whitfield"
    assert inquiry.email == "dana@northwind.example"
    assert inquiry.phone == "+15125550142"
    assert inquiry.interest == Inquiry.Interest.VCISO
    assert inquiry.status == Inquiry.Status.NEW
    assert not inquiry.is_spam
    assert timezone.now() - inquiry.created_at < timedelta(seconds=10)
    assert inquiry.consented_at is not None


def test_thanks_page_confirms_what_was_received_and_what_happens_next(
    client, valid_data
):
    response = client.post("/contact/", valid_data, follow=True)

    assertContains(response, "Thank you, Dana Whitfield")
    assertContains(response, "Northwind Logistics")
    assertContains(response, "SOC 2 audit")
    assertContains(response, "Within one business day")
    assertContains(response, 'href="tel:+17372105503"')
    assertContains(response, '<meta name="robots" content="noindex">')


def test_thanks_page_without_a_submission_still_says_thank_you(client):
    response = client.get("/contact/thanks/")

    assertContains(response, "we have your inquiry")
    assertNotContains(response, "What we received")


def test_sending_an_inquiry_writes_the_inquiry_and_no_session(
    client, valid_data, django_assert_num_queries
):
    # The dedup lookup, then the savepoint-wrapped insert.
    with django_assert_num_queries(4):
        response = client.post("/contact/", valid_data)

    assert not Session.objects.exists()
    receipt = response.cookies["contact_receipt"]
    assert receipt["path"] == "/contact/thanks/"
    assert receipt["httponly"] and receipt["samesite"] == "Lax"
    assert receipt["max-age"] == 3600


def test_the_receipt_cookie_is_secure_over_https(client, valid_data, settings):
    settings.SESSION_COOKIE_SECURE = True

    response = client.post("/contact/", valid_data)

    assert response.cookies["contact_receipt"]["secure"]


def test_a_forged_or_expired_receipt_shows_nobody_an_inquiry(client, valid_data):
    client.post("/contact/", valid_data)
    inquiry = Inquiry.objects.get()

    client.cookies["contact_receipt"] = str(inquiry.pk)
    forged = client.get("/contact/thanks/")
    client.post("/contact/", valid_data)
    an_hour_later = time.time() + 3601
    with mock.patch("django.core.signing.time.time", return_value=an_hour_later):
        expired = client.get("/contact/thanks/")

    for response in (forged, expired):
        assertContains(response, "we have your inquiry")
        assertNotContains(response, "What we received")
        assertNotContains(response, inquiry.email)


def test_refresh_or_double_submit_never_creates_a_second_inquiry(client, valid_data):
    client.post("/contact/", valid_data)
    second = client.post("/contact/", valid_data)

    assertRedirects(second, "/contact/thanks/")
    assert Inquiry.objects.count() == 1


def test_a_repeated_submission_only_looks_up_the_saved_inquirys_id(
    client, valid_data, django_assert_num_queries
):
    client.post("/contact/", valid_data)

    with django_assert_num_queries(1) as captured:
        second = client.post("/contact/", valid_data)

    [lookup] = captured.captured_queries
    assert lookup["sql"].startswith('SELECT "contact_inquiry"."id" FROM')
    assert "contact_receipt" in second.cookies
    assertContains(client.get("/contact/thanks/"), "Thank you, Dana Whitfield")


def test_each_rendering_of_the_form_is_a_new_submission(client, valid_data):
    client.post("/contact/", valid_data)
    page = client.get("/contact/").content.decode()
    fresh_token = dict(HIDDEN_INPUT_RE.findall(page))["form_token"]
    client.post("/contact/", {**valid_data, "form_token": fresh_token})

    # A fresh form is a separate inquiry (but posted too fast: quarantined).
    assert Inquiry.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name so we know who to ask for."),
        ("email", "", "Enter your work email so we can reply."),
        ("email", "dana@", "Enter a valid email address, like jane@yourcompany.com."),
        ("company", "", "Enter your company or organization"),
        ("phone", "call me maybe", "Use digits only"),
        ("phone", "555-0142", "Enter a phone number with area code"),
        ("interest", "", "Choose what you are interested in"),
        ("interest", "cfo", "Choose one of the options listed."),
        ("message", "", "Tell us briefly what you need help with."),
        ("message", "x" * 5001, "Keep this under 5,000 characters"),
        ("name", "x" * 121, "Keep this under 120 characters"),
        ("consent", "", "Please agree to be contacted so we can reply."),
    ],
)
def test_invalid_field_shows_a_specific_message_and_keeps_the_input(
    client, valid_data, field, value, message
):
    data = {**valid_data, field: value}
    if field == "consent":
        del data["consent"]

    response = client.post("/contact/", data)

    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    assert_error_under(response, field, message)
    # What the visitor typed in the other fields is still there.
    assertContains(
        response,
        'value="Northwind Logistics"'
        if field != "company"
        else 'value="Dana Whitfield"',
    )
    assertContains(response, "SOC 2 audit" if field != "message" else "Northwind")


def test_invalid_field_is_announced_to_screen_readers(client, valid_data):
    response = client.post("/contact/", {**valid_data, "email": "nope"})

    assertContains(response, 'aria-invalid="true"')
    assertContains(response, 'aria-describedby="id_email_error"')
    assertContains(response, 'role="alert"')
    assertContains(response, 'value="nope"')


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("512.555.0142", "+15125550142"),
        ("+1 (512) 555-0142", "+15125550142"),
        ("1-512-555-0142 ext. 7", "+15125550142 ext. 7"),
        ("+44 20 7946 0958", "+442079460958"),
        ("", ""),
    ],
)
def test_phone_is_normalised_to_e164(client, valid_data, typed, stored):
    client.post("/contact/", {**valid_data, "phone": typed})

    assert Inquiry.objects.get().phone == stored


def test_newlines_in_name_or_email_are_refused(client, valid_data):
    response = client.post(
        "/contact/",
        {
            **valid_data,
            "name": "Dana\r\nBcc: victim@example.com",
            "email": "dana@northwind.example\nBcc: victim@example.com",
        },
    )

    assert Inquiry.objects.count() == 0
    assert_error_under(response, "name", "Your name must be on one line")
    assert_error_under(response, "email", "Enter a valid email address")


def test_hostile_input_is_stored_verbatim_and_shown_escaped(client, valid_data):
    hostile = {
        **valid_data,
        "name": "<script>alert(1)</script>",
        "company": "Robert'); DROP TABLE contact_inquiry;--",
        "message": "<img src=x onerror=alert(1)>\n‮evil‬ 𝕦𝕟𝕚𝕔𝕠𝕕𝕖 \x07bell",
    }

    response = client.post("/contact/", hostile, follow=True)

    inquiry = Inquiry.objects.get()
    assert inquiry.name == "<script>alert(1)</script>"
    assert inquiry.company == "Robert'); DROP TABLE contact_inquiry;--"
    assert "\x07" not in inquiry.message
    assertNotContains(response, "<script>alert(1)</script>")
    assertNotContains(response, "<img src=x")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_bidi_override_characters_in_a_name_are_refused(client, valid_data):
    response = client.post("/contact/", {**valid_data, "name": "Dana \u202egnp.exe"})

    assert_error_under(response, "name", "Your name must be on one line")

"""The thank-you page: what we received, set apart, in the prospect's terms."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from contact.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+15125550142", "(512) 555-0142"),
        ("+15125550142 ext. 12", "(512) 555-0142 ext. 12"),
        ("+447911123456", "+447911123456"),
        ("", ""),
    ],
)
def test_phone_is_shown_in_national_format_when_it_is_north_american(stored, shown):
    assert Inquiry(phone=stored).phone_display == shown


def test_thanks_page_shows_the_phone_as_people_write_it(client, valid_data):
    response = client.post(
        "/contact/", {**valid_data, "phone": "512-555-0142"}, follow=True
    )

    assertContains(response, "(512) 555-0142")
    assertNotContains(response, "+1512")


def test_thanks_page_sets_what_we_received_apart_and_says_what_happens_now(
    client, valid_data
):
    response = client.post("/contact/", valid_data, follow=True)

    assertContains(response, '<section class="contact-received-card"')
    assertContains(response, "What happens next")
    assertContains(response, "a senior advisor")
    assertContains(response, "Within one business day")
    assertContains(response, 'href="tel:+17372105503"', count=4)
    assertNotContains(response, "sales team")


def test_no_public_page_hands_the_prospect_to_a_sales_team(client):
    for path in ["/contact/", "/contact/thanks/", "/assessment/", "/"]:
        assertNotContains(client.get(path), "sales team")


def test_the_thank_you_page_uses_the_call_text_staff_set(client, valid_data):
    from pages.models import Page

    contact = Page.objects.get(kind=Page.Kind.CONTACT)
    contact.call_text = "Weekdays, 8am to 6pm Central, ask for the duty advisor."
    contact.save()

    response = client.post("/contact/", valid_data, follow=True)

    assertContains(response, "Weekdays, 8am to 6pm Central, ask for the duty advisor.")


def test_a_held_inquirys_thank_you_promises_no_person_has_it(
    client, valid_data, make_form_token
):
    data = {**valid_data, "form_token": make_form_token(issued_ago=1)}

    response = client.post("/contact/", data, follow=True)

    assert Inquiry.objects.get().is_spam
    assertContains(response, "Your message is saved.")
    assertNotContains(response, "goes straight to a senior advisor")
    assertNotContains(response, "Within one business day")


def test_a_held_inquiry_is_on_the_desk_for_review(
    client, valid_data, make_form_token, sales_client
):
    data = {**valid_data, "form_token": make_form_token(issued_ago=1)}
    client.post("/contact/", data)

    queue = sales_client.get("/admin/")
    held = sales_client.get("/admin/contact/inquiry/?queue=held")

    assertContains(queue, 'Held for review <span class="queue-tab__count">(1)')
    assertContains(held, "Dana Whitfield")
    assertContains(held, "after the form was shown")

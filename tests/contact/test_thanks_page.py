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

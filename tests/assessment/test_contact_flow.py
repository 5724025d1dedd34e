"""From the result page to an inquiry that carries the assessment."""

import re
from html import unescape

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from assessment.tokens import contact_token
from contact.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry_data(make_form_token) -> dict[str, str]:
    return {
        "name": "Dana Whitfield",
        "email": "dana@northwind.example",
        "company": "Northwind Logistics",
        "interest": "vciso",
        "message": "Our SOC 2 audit is next quarter and nobody owns security.",
        "consent": "on",
        "website": "",
        # Issued a minute ago, so the submission does not look like a bot's.
        "form_token": make_form_token(),
    }


def hidden_value(response, name: str) -> str:
    match = re.search(
        rf'<input type="hidden" name="{name}" value="([^"]*)"',
        response.content.decode(),
    )
    assert match, f"no hidden {name} field"
    return unescape(match.group(1))


def test_no_javascript_journey_ends_in_an_inquiry_with_the_answers(
    client, vciso_answers, inquiry_data, django_capture_on_commit_callbacks
):
    result = client.post("/assessment/", vciso_answers, follow=True)
    link = re.search(r'href="(/contact/\?[^"]+)"', result.content.decode()).group(1)

    form_page = client.get(unescape(link))

    assertContains(form_page, 'value="vciso"  id="id_interest_0" required checked')
    assertContains(form_page, "“Start with a vCISO”, will be sent with your message")
    token = hidden_value(form_page, "assessment")

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/contact/", {**inquiry_data, "assessment": token})

    assertRedirects(sent, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.assessment_recommendation == "vciso"
    assert inquiry.assessment_answers == vciso_answers


def test_the_token_survives_a_contact_form_with_errors(client, vciso_answers):
    token = contact_token(vciso_answers)

    response = client.post("/contact/", {"assessment": token})

    assert response.status_code == 200
    assert hidden_value(response, "assessment") == token
    assertContains(response, "will be sent with your message")


def test_a_forged_token_is_ignored_and_the_inquiry_still_arrives(client, inquiry_data):
    form_page = client.get("/contact/?interest=both&assessment=forged.token")
    sent = client.post("/contact/", {**inquiry_data, "assessment": "forged:token"})

    assertNotContains(form_page, "will be sent with your message")
    assertRedirects(sent, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.assessment_answers == {}
    assert inquiry.assessment_recommendation == ""


def test_contact_page_links_to_the_assessment(client):
    response = client.get("/contact/")

    assertContains(response, 'href="/assessment/">Take the two-minute self-assessment')


def test_sales_see_the_answers_and_recommendation_in_words(admin_client, vciso_answers):
    inquiry = Inquiry.objects.create(
        name="Dana Whitfield",
        email="dana@northwind.example",
        company="Northwind Logistics",
        interest="vciso",
        message="Nobody owns security.",
        consented_at=timezone.now(),
        assessment_answers=vciso_answers,
        assessment_recommendation="vciso",
    )

    response = admin_client.get(f"/admin/contact/inquiry/{inquiry.pk}/change/")

    assertContains(response, "Start with a vCISO")
    assertContains(
        response,
        "<dt>Does one executive own your security program and report risk to "
        "leadership?</dt><dd>No</dd>",
    )
    assertContains(response, "<dd>An executive who weighs them against our")

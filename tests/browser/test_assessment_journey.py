"""The self-assessment: a prospect on a phone answers, gets a result, and asks us."""

import re

import pytest
from playwright.sync_api import expect

from contact.models import Inquiry
from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import PHONE, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def instant_form_filling(settings):
    # The spam check wants a human pause before submitting; a test types fast.
    settings.CONTACT_MIN_FILL_SECONDS = 0


def test_prospect_takes_the_assessment_and_sends_the_result_with_an_inquiry(
    open_page,
):
    page, _ = open_page(PHONE, phone=True)
    page.goto("/assessment/")

    # Submitting with nothing answered lists what is missing.
    page.get_by_role("button", name="See my recommendation").tap()
    expect(page.get_by_role("alert")).to_contain_text("problem")
    assert axe_violations(page) == []

    # Answer every question with its first option.
    for question in page.locator("fieldset").all():
        question.get_by_role("radio").first.check()
    page.get_by_role("button", name="See my recommendation").tap()

    expect(page).to_have_url(re.compile(r"/assessment/result/[^/]+/$"))
    recommendation = page.get_by_role("heading", level=1).inner_text()
    save_screenshot(page, "assessment-result")
    assert axe_violations(page) == []
    assert keyboard_problems(page) == []

    # "Talk to us about this" carries the result to the contact form.
    page.get_by_role("link", name="Talk to us about this").tap()
    expect(page.get_by_text(recommendation, exact=False).first).to_be_visible()
    page.get_by_label("Your name").fill("Lee Okafor")
    page.get_by_label("Work email").fill("lee@okafor-dental.example")
    page.get_by_label("Company").fill("Okafor Dental Group")
    page.get_by_label("Both").check()
    page.get_by_label("How can we help?").fill("Your assessment says we need help.")
    page.get_by_label(re.compile("I agree that")).check()
    page.get_by_role("button", name="Send inquiry").tap()
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))

    inquiry = Inquiry.objects.get(email="lee@okafor-dental.example")
    assert inquiry.assessment_recommendation
    assert inquiry.assessment_answers

"""Journey 1: a prospect on a phone, from a shared link, reads the article,
calls, and writes to us."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from contact.models import Inquiry
from tests.browser.checks import axe_violations
from tests.browser.conftest import PHONE, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


# Headless Chromium has no dialler: a real tel: navigation leaves an external
# protocol prompt that swallows later taps. Stand in for the phone's dialler
# at that boundary and record the number it would have been handed.
RECORD_DIALLED_NUMBERS = """
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="tel:"]');
  if (!link) return;
  event.preventDefault();
  window.dialled = [...(window.dialled || []), link.getAttribute('href')];
}, true);
"""


@pytest.fixture(autouse=True)
def instant_form_filling(settings):
    # The spam check wants a human pause before submitting; a test types fast.
    settings.CONTACT_MIN_FILL_SECONDS = 0


def test_prospect_on_a_phone_reads_the_article_calls_and_sends_an_inquiry(
    open_page, live_server
):
    article = Article.objects.published().order_by("published_at").first()
    page, _ = open_page(PHONE, phone=True)
    page.add_init_script(RECORD_DIALLED_NUMBERS)

    # A colleague's LinkedIn post brings them to the home page, which leads
    # to the article.
    page.goto(
        "/?utm_source=linkedin&utm_medium=social&utm_campaign=launch",
        referer="https://www.linkedin.com/",
    )
    page.get_by_role("link", name=article.title).first.tap()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    # The table of contents jumps to a section.
    toc = page.get_by_role("navigation", name="In this article")
    entry = toc.get_by_role("link").nth(2)
    target = entry.get_attribute("href")
    entry.tap()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()

    # Read to the end, where the call-to-action offers a Call link.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(page.locator(".site-footer")).to_be_in_viewport()
    call_panel = page.locator("article .cta-panel")
    call_panel.scroll_into_view_if_needed()
    expect(call_panel.get_by_role("heading", name="Call Us Today")).to_be_in_viewport()
    call = call_panel.get_by_role("link", name=re.compile(r"^Call "))
    expect(call).to_have_attribute("href", "tel:+17372105503")
    expect(call).to_contain_text("737-210-5503")
    call.tap()
    assert page.evaluate("window.dialled") == ["tel:+17372105503"]

    # From the article to the contact form.
    page.get_by_role("link", name=re.compile("Ask us how")).first.tap()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.startswith(f"{live_server.url}/contact/?")

    # One mistake: the error sits next to the field, the rest is kept.
    message = "We have 80 staff and no security lead. Where do we start?"
    page.get_by_label("Your name").fill("Dana Whitfield")
    page.get_by_label("Work email").fill("dana.whitfield@")
    page.get_by_label("Company").fill("Whitfield Logistics")
    page.get_by_label("Phone (optional)").fill("512-555-0142")
    page.get_by_label("vCISO (security leadership)").check()
    page.get_by_label("How can we help?").fill(message)
    page.get_by_label(re.compile("I agree that")).check()
    page.get_by_role("button", name="Send inquiry").tap()

    email = page.get_by_label("Work email")
    expect(email).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#{email.get_attribute('aria-describedby').split()[0]}")
    expect(error).to_contain_text("Enter a valid email address")
    error_box, email_box = error.bounding_box(), email.bounding_box()
    assert 0 <= error_box["y"] - (email_box["y"] + email_box["height"]) < 40
    expect(page.get_by_label("Your name")).to_have_value("Dana Whitfield")
    expect(page.get_by_label("Company")).to_have_value("Whitfield Logistics")
    expect(page.get_by_label("How can we help?")).to_have_value(message)
    expect(page.get_by_label("vCISO (security leadership)")).to_be_checked()
    save_screenshot(page, "contact-with-errors")
    assert axe_violations(page) == []

    # Corrected, it goes through to the thank-you page.
    email.fill("dana@whitfield-logistics.example")
    page.get_by_role("button", name="Send inquiry").tap()
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank")
    save_screenshot(page, "thanks-after-inquiry")
    assert axe_violations(page) == []

    inquiry = Inquiry.objects.get(email="dana@whitfield-logistics.example")
    assert inquiry.article == article
    assert inquiry.name == "Dana Whitfield"
    assert inquiry.message == message
    # Sales can see what brought them.
    assert inquiry.utm_source == "linkedin"
    assert inquiry.utm_campaign == "launch"
    assert inquiry.referrer == "https://www.linkedin.com/"

"""Every page prospects see: accessible, keyboard-usable, CSP-clean, no sideways scroll.

Each public page is checked at a phone's 390 px and a laptop's 1280 px, and a
full-page screenshot of each lands in reports/screenshots/ for people to look
at. The ``open_page`` fixture fails a test whose page logged a CSP refusal.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot
from tests.browser.pages import PUBLIC_PAGES, public_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(open_page, name, viewport):
    page, _ = open_page(viewport, phone=viewport is PHONE)

    page.goto(public_path(name))
    save_screenshot(page, name)

    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_fits_a_phone_screen_without_sideways_scrolling(open_page, name):
    page, _ = open_page(PHONE, phone=True)

    page.goto(public_path(name))

    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths == [PHONE["width"], PHONE["width"]]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_usable_with_the_keyboard_alone(open_page, name):
    page, _ = open_page(DESKTOP)

    page.goto(public_path(name))

    assert keyboard_problems(page) == []


def test_contact_form_with_errors_is_accessible(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto("/contact/")

    page.get_by_role("button", name="Send inquiry").tap()

    expect(page.get_by_role("alert")).to_contain_text("Please check")
    save_screenshot(page, "contact-errors")
    assert axe_violations(page) == []
    assert keyboard_problems(page) == []


def test_skip_link_appears_on_first_tab_and_jumps_to_the_content(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")

    assert skip_link.is_visible()
    box = skip_link.bounding_box()
    assert box["width"] > 1 and box["height"] > 1
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("name", ["home", "article", "contact"])
def test_footer_lists_the_phone_and_the_privacy_notice(open_page, name):
    page, _ = open_page(DESKTOP)
    page.goto(public_path(name))

    footer = page.locator("footer.site-footer")
    items = footer.locator("ul li")
    expect(items.filter(has=page.locator("a[href^='tel:']"))).to_have_count(1)
    expect(footer.get_by_role("link", name="Privacy notice")).to_have_attribute(
        "href", "/privacy/"
    )
    # The email, address and LinkedIn page show only once they are filled in.
    expect(footer.locator("a[href^='mailto:']")).to_have_count(0)
    expect(footer.get_by_role("link", name="LinkedIn")).to_have_count(0)

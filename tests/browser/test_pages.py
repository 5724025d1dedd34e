"""Every page prospects and staff see: accessible, keyboard-usable, CSP-clean.

Each public page is checked at a phone's 390 px and a laptop's 1280 px, and a
full-page screenshot of each lands in reports/screenshots/ for people to look
at. The ``open_page`` fixture fails a test whose page logged a CSP refusal.
"""

import pytest

from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = {
    "home": "/",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(open_page, name, viewport):
    page, _ = open_page(viewport, phone=viewport is PHONE)

    page.goto(PUBLIC_PAGES[name])
    save_screenshot(page, name)

    assert axe_violations(page) == []


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_usable_with_the_keyboard_alone(open_page, name):
    page, _ = open_page(DESKTOP)

    page.goto(PUBLIC_PAGES[name])

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

"""One look on every page, and the phone number always whole and in reach.

Computed styles, not class names: what a prospect on a 390 px phone or a
1280 px laptop actually sees.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import axe_violations
from tests.browser.conftest import DESKTOP, PHONE, save_screenshot
from tests.browser.pages import PUBLIC_PAGES, public_path
from tests.load.client import HIDDEN_INPUT_RE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRAND_NAVY = "rgb(11, 37, 69)"
BOOTSTRAP_BLUE = "rgb(13, 110, 253)"
RESULT_PATH = "/assessment/result/ns1yen/"

# Every tel: link the page shows, with how many line boxes it spans.
TEL_LINK_LINES = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .filter((a) => getComputedStyle(a).display !== 'none'
    && a.closest('[hidden]') === null && a.getClientRects().length > 0)
  .map((a) => [a.textContent.trim(), a.getClientRects().length])"""

# Whether some tel: link is inside the viewport and not covered by anything.
TEL_LINK_IN_REACH = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .some((a) => {
  const r = a.getBoundingClientRect();
  if (r.width === 0 || r.top < 0 || r.bottom > window.innerHeight) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && a.contains(hit);
})"""

# Text the call bar overlaps: every text element of the page but the bar's.
TEXT_UNDER_CALL_BAR = """() => {
  const bar = document.querySelector('.call-bar').getBoundingClientRect();
  const text = 'main p, main li, main h2, main dd, footer p, footer li';
  return [...document.querySelectorAll(text)]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.bottom > bar.top + 0.5 && r.top < bar.bottom - 0.5;
    })
    .map((el) => el.textContent.trim().slice(0, 60));
}"""

# The page's cumulative layout shift so far (Chromium's layout-shift entries).
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture(autouse=True)
def instant_form_filling(settings):
    # The spam check wants a human pause before submitting; a test types fast.
    settings.CONTACT_MIN_FILL_SECONDS = 0


def send_inquiry(page, phone: str = "512-555-0142") -> None:
    """What a prospect does on the contact form, ending on the thank-you page."""
    page.goto("/contact/")
    page.get_by_label("Your name").fill("Dana Whitfield")
    page.get_by_label("Work email").fill("dana@whitfield-logistics.example")
    page.get_by_label("Company").fill("Whitfield Logistics")
    page.get_by_label("Phone (optional)").fill(phone)
    page.get_by_label("Both").check()
    page.get_by_label("How can we help?").fill("Where do we start?")
    page.get_by_label(re.compile("I agree that")).check()
    page.get_by_role("button", name="Send inquiry").click()
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))


def test_every_public_page_titles_itself_in_the_same_typeface(open_page):
    page, _ = open_page(DESKTOP)
    looks = {}

    for path in [*(public_path(name) for name in PUBLIC_PAGES), RESULT_PATH]:
        page.goto(path)
        looks[path] = page.locator("h1").evaluate(
            "(h1) => [getComputedStyle(h1).fontFamily, getComputedStyle(h1).fontWeight]"
        )

    assert len(set(map(tuple, looks.values()))) == 1, looks
    family, weight = next(iter(looks.values()))
    assert family.startswith("Georgia") and weight == "700"


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/contact/", "Send inquiry"),
        ("/assessment/", "See my recommendation"),
        # The result's "Talk to us about this" sits in the navy call panel,
        # an outline button beside "Call", as in every call panel.
    ],
)
def test_primary_buttons_wear_the_brand_colours(open_page, path, button):
    page, _ = open_page(DESKTOP)
    page.goto(path)

    control = page.get_by_role("button", name=button).or_(
        page.get_by_role("link", name=button, exact=True)
    )
    background = control.evaluate("(el) => getComputedStyle(el).backgroundColor")

    assert background == BRAND_NAVY != BOOTSTRAP_BLUE


@pytest.mark.parametrize("name", ["assessment", "not-found", "contact", "article"])
def test_phone_number_never_breaks_across_lines_on_a_phone(open_page, name):
    page, _ = open_page(PHONE, phone=True)
    page.goto(public_path(name))

    lines = page.evaluate(TEL_LINK_LINES)

    assert lines, "no tel: link on the page"
    assert [line for line in lines if line[1] != 1] == []


def test_thank_you_page_shows_the_phone_as_the_prospect_wrote_it(open_page):
    page, _ = open_page(PHONE, phone=True)

    send_inquiry(page, phone="512-555-0142")

    received = page.get_by_role("region", name="What we received")
    expect(received).to_contain_text("(512) 555-0142")
    expect(page.locator("main")).not_to_contain_text("+1512")
    assert [line for line in page.evaluate(TEL_LINK_LINES) if line[1] != 1] == []
    save_screenshot(page, "thanks-with-inquiry")
    assert axe_violations(page) == []


def test_thank_you_page_with_an_inquiry_is_accessible_on_a_laptop(open_page):
    page, _ = open_page(DESKTOP)

    send_inquiry(page)

    save_screenshot(page, "thanks-with-inquiry")
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_assessment_result_looks_like_the_rest_of_the_site(open_page, viewport):
    page, _ = open_page(viewport, phone=viewport is PHONE)
    page.goto(RESULT_PATH)

    save_screenshot(page, "assessment-result")
    assert axe_violations(page) == []


def test_call_link_stays_in_reach_down_the_article_on_a_phone(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto(public_path("article"))

    for share in (0.3, 0.5, 0.7):
        page.evaluate(
            "(share) => window.scrollTo(0, (document.documentElement.scrollHeight"
            " - window.innerHeight) * share)",
            share,
        )
        assert page.evaluate(TEL_LINK_IN_REACH), f"no call link on screen at {share}"

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert page.evaluate(TEXT_UNDER_CALL_BAR) == []
    assert page.evaluate(CUMULATIVE_LAYOUT_SHIFT) == 0


def test_call_bar_is_for_phones_only(open_page):
    page, _ = open_page(DESKTOP)
    page.goto(public_path("article"))

    expect(page.locator(".call-bar")).to_be_hidden()
    expect(page.locator(".site-header__call")).to_be_visible()


def test_mistyped_article_address_leads_to_the_article(open_page):
    page, _ = open_page(PHONE, phone=True)
    page.goto(public_path("article-typo"))

    page.get_by_role("link", name=re.compile("How Does a vCIO Differ")).first.tap()

    expect(page).to_have_url(re.compile(r"/articles/vcio-vs-vciso/$"))


def test_thank_you_page_with_an_inquiry_is_valid_html(client, html_checker):
    form = client.get("/contact/").content.decode()
    response = client.post(
        "/contact/",
        {
            **dict(HIDDEN_INPUT_RE.findall(form)),
            "name": "Dana Whitfield",
            "email": "dana@whitfield-logistics.example",
            "company": "Whitfield Logistics",
            "phone": "512-555-0142",
            "interest": "both",
            "message": "Where do we start?",
            "consent": "on",
            "website": "",
        },
        follow=True,
    )

    assert b"What we received" in response.content
    assert html_checker.errors(response.content.decode()) == []

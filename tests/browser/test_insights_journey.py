"""Issue 28: a reader on a phone is counted, section by section, with no
cookie, no storage and nothing sent off the site; Insights shows it; a
reader whose browser sends Global Privacy Control is not counted at all."""

import time

import pytest
from playwright.sync_api import expect

from articles.models import Article
from insights.models import CountedPage, DailyCount, Event, write_pending_counts
from tests.browser.conftest import PHONE, ConsoleWatcher, save_screenshot
from tests.browser.test_prospect_journey import RECORD_DIALLED_NUMBERS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Headless Chromium says so in its user agent, and the endpoint counts no
# headless browser: the readers here present a phone's.
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
# The section the script credits a tap to: the last heading above the middle.
SECTION_ON_SCREEN = """() => {
  let id = "";
  for (const h of document.querySelectorAll("main h2[id]")) {
    if (h.getBoundingClientRect().top < innerHeight / 2) id = h.id;
  }
  return id;
}"""
STORAGE = "() => localStorage.length + sessionStorage.length"


def eventually(check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the count never arrived")
        time.sleep(0.1)


def counts() -> dict[tuple[str, str], int]:
    write_pending_counts()
    return {(row.event, row.section): row.count for row in DailyCount.objects.all()}


@pytest.fixture
def open_reader(browser, live_server):
    """A phone reading the site; every request it makes is recorded."""
    contexts, watchers = [], []

    def open_reader(**options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            user_agent=PHONE_AGENT,
            locale="en-US",
            timezone_id="America/Chicago",
            reduced_motion="reduce",
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(RECORD_DIALLED_NUMBERS)
        watcher = ConsoleWatcher()
        page.on("console", watcher.on_console)
        page.on("pageerror", watcher.on_page_error)
        watchers.append(watcher)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        return page, requests

    yield open_reader
    for context in contexts:
        context.close()
    for watcher in watchers:
        watcher.assert_clean()


def read_to_the_end_and_tap_call(page, article: Article) -> str:
    """Each heading on screen for more than a second, then the call bar."""
    page.goto(article.get_absolute_url())
    headings = page.locator("main h2[id]")
    for index in range(headings.count()):
        headings.nth(index).scroll_into_view_if_needed()
        page.wait_for_timeout(1300)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(300)
    section = page.evaluate(SECTION_ON_SCREEN)
    page.locator(".call-bar a[href^='tel:']").tap()
    assert page.evaluate("window.dialled") is not None
    return section


def test_a_reader_is_counted_by_section_and_a_private_reader_not_at_all(
    open_reader, open_page, live_server, log_in, make_staff_user
):
    article = Article.objects.published().order_by("published_at").first()
    page, requests = open_reader()
    tapped_in = read_to_the_end_and_tap_call(page, article)
    eventually(lambda: counts().get((Event.CALL, tapped_in)) == 1)

    # Nothing kept in the browser, nothing sent anywhere else.
    assert page.context.cookies() == []
    assert page.evaluate(STORAGE) == 0
    off_site = [url for url in requests if not url.startswith(live_server.url)]
    assert off_site == []

    counted_page = CountedPage.objects.get(path=article.get_absolute_url())
    section_ids = [id_ for id_, _ in counted_page.sections]
    assert len(section_ids) >= 5
    expected = {(Event.VIEW, ""): 1, (Event.VISITOR, ""): 1, (Event.CALL, tapped_in): 1}
    expected |= {(Event.SEEN, id_): 1 for id_ in section_ids}
    eventually(lambda: counts() == expected)

    # A second reader whose browser sends Global Privacy Control.
    private, private_requests = open_reader(extra_http_headers={"Sec-GPC": "1"})
    private.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl',"
        " {get: () => true})"
    )
    read_to_the_end_and_tap_call(private, article)
    private.wait_for_timeout(1000)
    assert not [url for url in private_requests if "/insights/event" in url]
    assert private.context.cookies() == []
    assert counts() == expected

    # Insights, as Content staff see it.
    staff = make_staff_user("casey.content", "content")
    desk, _ = open_page()
    log_in(desk, staff)
    desk.goto("/admin/")
    desk.locator("#content-main a[href='/admin/insights/countedpage/']").first.click()
    desk.get_by_role("table").get_by_role("link", name=article.title).click()
    funnel = desk.get_by_role("table")

    def cells(heading: str):
        header = funnel.get_by_role("rowheader", name=heading, exact=True)
        return header.locator("xpath=..").locator("td")

    # One view; each section seen once; one call tap where it was made.
    expect(cells("Page views").first.locator(".insights-figure")).to_have_text("1")
    for _id, heading in counted_page.sections:
        expect(cells(heading).first.locator(".insights-figure")).to_have_text("1")
    tapped_heading = dict(counted_page.sections)[tapped_in]
    expect(cells(tapped_heading).nth(2)).to_have_text("1")  # Seen, Before, Calls
    save_screenshot(desk, "insights-funnel")
    desk.set_viewport_size(PHONE)
    save_screenshot(desk, "insights-funnel")

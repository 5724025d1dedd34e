"""The admin pages staff work in: accessible, keyboard-usable, CSP-clean.

The journeys check the inquiry and article forms as they are used; these
tests cover the lists and dashboards each role lands on.
"""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from pages.models import Page
from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import DESKTOP, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_login_page_is_accessible_and_keyboard_usable(open_page):
    page, _ = open_page(DESKTOP)

    page.goto("/admin/login/")

    assert axe_violations(page) == []
    assert keyboard_problems(page) == []


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("content", "/admin/"),
        ("content", "/admin/articles/article/"),
        ("content", "article-change"),
        ("content", "article-history"),
        ("content", "/admin/pages/page/"),
        ("content", "home-page-change"),
        ("content", "/admin/core/sitecopy/"),
        ("content", "/admin/publishing/image/"),
        ("sales", "/admin/"),
        ("sales", "/admin/contact/"),
        ("sales", "/admin/contact/inquiry/"),
    ],
)
def test_admin_pages_staff_use_are_accessible(
    open_page, log_in, make_staff_user, role, path
):
    if path == "article-change":
        path = f"/admin/articles/article/{Article.objects.first().pk}/change/"
    if path == "article-history":
        path = f"/admin/articles/article/{Article.objects.first().pk}/history/"
    if path == "home-page-change":
        path = f"/admin/pages/page/{Page.objects.get(kind=Page.Kind.HOME).pk}/change/"
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user(f"{role}-person", role=role))

    response = page.goto(path)

    assert response.status == 200
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []
    assert keyboard_problems(page) == []


def test_show_counts_leaves_room_for_its_icon(open_page, log_in, make_staff_user):
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("content-person", role="content"))

    page.goto("/admin/articles/article/")
    link = page.locator("#changelist-filter-extra-actions a.viewlink")

    # Django draws the eye icon in the link's first 16px of padding.
    assert link.evaluate("a => parseFloat(getComputedStyle(a).paddingLeft)") >= 16


def test_completed_assessments_report_fits_a_laptop_screen(
    open_page, log_in, make_staff_user
):
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("sales-person", role="sales"))

    response = page.goto("/admin/assessment/dailyassessmentcount/")

    assert response.status == 200
    save_screenshot(page, "admin-assessment-report")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    table = page.locator(".assessment-report table").bounding_box()
    assert table["x"] + table["width"] <= DESKTOP["width"]
    assert axe_violations(page) == []


def test_article_editor_title_is_full_width_and_toolbar_stays_in_reach(
    open_page, log_in, make_staff_user
):
    article = Article.objects.first()
    article.body = "".join(
        f"<h2>Part {n}</h2><p>{'Words. ' * 80}</p>" for n in range(30)
    )
    article.save()
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("content-person", role="content"))

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    title = page.locator("#id_title").bounding_box()
    body = page.locator(".prose-editor").first.bounding_box()
    assert title["width"] >= body["width"] * 0.9

    page.locator(".ProseMirror h2", has_text="Part 25").scroll_into_view_if_needed()
    toolbar = page.locator(".prose-menubar").first.bounding_box()
    assert 0 <= toolbar["y"] < DESKTOP["height"]


def test_history_says_what_happened_and_marks_the_changed_words(
    open_page, log_in, make_staff_user
):
    article = Article.objects.published().first()
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("content-person", role="content"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(".ProseMirror[contenteditable='true']").wait_for()

    page.get_by_label("Summary").fill("An entirely rewritten summary.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "Draft saved. Visitors see nothing of it until you publish."
    )
    page.locator(".submit-row.publish-row input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_have_text("Published.")

    page.goto(f"/admin/articles/article/{article.pk}/history/")
    entries = page.locator("ol.publishing-history > li")
    expect(entries.first).to_contain_text("Published")
    expect(entries.nth(1)).to_contain_text("Draft saved")
    changes = entries.nth(1).locator("dl.publishing-history__changes")
    expect(changes.locator("dt")).to_have_text(["Summary"])
    expect(changes).to_contain_text("Before")
    expect(changes).to_contain_text("After")
    expect(changes.locator("ins").first).to_be_visible()
    expect(changes.locator("ins", has_text="rewritten")).to_have_count(1)
    assert changes.locator("del").count() >= 1
    assert axe_violations(page) == []
    assert keyboard_problems(page) == []


def test_sales_cannot_preview_drafts(open_page, log_in, make_staff_user):
    article = Article.objects.first()
    home = Page.objects.get(kind=Page.Kind.HOME)
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("sales-person", role="sales"))

    for path in [
        f"/preview/articles.article/{article.pk}/",
        f"/preview/pages.page/{home.pk}/",
    ]:
        assert page.goto(path).status == 403, path


def test_site_copy_is_drafted_previewed_and_published(
    open_page, log_in, make_staff_user
):
    page, _ = open_page(DESKTOP)
    log_in(page, make_staff_user("content-person", role="content"))

    page.goto("/admin/core/sitecopy/")
    expect(page).to_have_url(re.compile(r"/admin/core/sitecopy/2/change/$"))
    for gone in ("Save", "Save and add another", "Save and continue editing"):
        assert page.get_by_role("button", name=gone, exact=True).count() == 0
    # The home page's and contact page's words live on their pages now.
    for field in ("featured_label", "more_heading", "form_heading", "call_heading"):
        assert page.locator(f"[name={field}]").count() == 0
    expect(page.locator("input[name$='-position'][type=hidden]").first).to_be_attached()
    expect(page.get_by_title("Move up").first).to_be_attached()
    expect(page.get_by_title("Move down").first).to_be_attached()

    page.get_by_label("Email").fill("hello@steadfast.example")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    visitor, _ = open_page(DESKTOP)
    visitor.goto("/")
    expect(visitor.locator("footer")).not_to_contain_text("hello@steadfast.example")

    with page.expect_popup() as popup:
        page.locator("a.preview-link", has_text="Preview").click()
    preview = popup.value
    assert preview.url.endswith("/admin/core/sitecopy/preview/")
    expect(preview.locator("footer")).to_contain_text("hello@steadfast.example")
    preview.close()

    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    visitor.goto("/")
    footer = visitor.locator("footer")
    expect(footer.get_by_role("link", name="hello@steadfast.example")).to_be_visible()
    expect(footer.get_by_role("link", name="Privacy notice")).to_be_visible()
    expect(footer.locator('a[href^="tel:"]')).to_be_visible()

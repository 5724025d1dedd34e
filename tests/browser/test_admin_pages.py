"""The admin pages staff work in: accessible, keyboard-usable, CSP-clean.

The journeys check the inquiry and article forms as they are used; these
tests cover the lists and dashboards each role lands on.
"""

import pytest

from articles.models import Article
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

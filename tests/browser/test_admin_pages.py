"""The admin pages staff work in: accessible, keyboard-usable, CSP-clean.

The journeys check the inquiry and article forms as they are used; these
tests cover the lists and dashboards each role lands on.
"""

import pytest

from articles.models import Article
from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import DESKTOP

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

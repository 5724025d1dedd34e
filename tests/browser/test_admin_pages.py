"""The admin pages staff work in: accessible, keyboard-usable, CSP-clean."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.checks import axe_violations, keyboard_problems
from tests.browser.conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        "owner", "owner@steadfastpartners.example", "a-long-test-password-1"
    )


def test_admin_login_page_is_accessible_and_keyboard_usable(open_page):
    page, _ = open_page(DESKTOP)

    page.goto("/admin/login/")

    assert axe_violations(page) == []
    assert keyboard_problems(page) == []


@pytest.mark.parametrize("path", ["/admin/", "/admin/auth/user/"])
def test_admin_pages_staff_use_are_accessible(open_page, log_in, superuser, path):
    page, _ = open_page(DESKTOP)
    log_in(page, superuser)

    page.goto(path)

    assert page.get_by_role("heading", level=1).count() == 1
    assert axe_violations(page) == []

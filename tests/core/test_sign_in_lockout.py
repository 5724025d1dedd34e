"""The admin's sign-in lockout counts per account and client address."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.fixture
def accounts(db) -> tuple[User, User]:
    return (
        User.objects.create_user("sam.sales", password=PASSWORD, is_staff=True),
        User.objects.create_user("mallory.staff", password=PASSWORD, is_staff=True),
    )


def sign_in(username: str, password: str, address: str) -> int:
    """A fresh browser at ``address`` signs in; the response's status."""
    response = Client(REMOTE_ADDR=address).post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    return response.status_code


def test_signing_in_to_another_account_never_clears_an_accounts_failures(accounts):
    statuses = []
    for _ in range(4):
        statuses += [sign_in("sam.sales", "guess", "203.0.113.5") for _ in range(4)]
        assert sign_in("mallory.staff", PASSWORD, "203.0.113.5") == 302

    assert statuses[:4] == [200] * 4
    assert set(statuses[5:]) == {429}
    assert sign_in("sam.sales", PASSWORD, "203.0.113.5") == 429


def test_a_correct_password_clears_only_that_accounts_failures(accounts):
    for _ in range(4):
        sign_in("sam.sales", "guess", "203.0.113.5")

    assert sign_in("sam.sales", PASSWORD, "203.0.113.5") == 302
    for _ in range(4):
        assert sign_in("sam.sales", "guess", "203.0.113.5") == 200
    assert sign_in("sam.sales", PASSWORD, "203.0.113.5") == 302


def test_guessing_from_one_address_does_not_lock_the_owner_out_elsewhere(accounts):
    for _ in range(5):
        sign_in("sam.sales", "guess", "203.0.113.5")

    assert sign_in("sam.sales", PASSWORD, "203.0.113.5") == 429
    assert sign_in("sam.sales", PASSWORD, "198.51.100.7") == 302


def test_an_ipv6_network_is_counted_as_one_address(accounts):
    for host in range(1, 6):
        sign_in("sam.sales", "guess", f"2001:db8:5:6::{host}")

    assert sign_in("sam.sales", PASSWORD, "2001:db8:5:6:ffff::99") == 429
    assert sign_in("sam.sales", PASSWORD, "2001:db8:5:7::1") == 302

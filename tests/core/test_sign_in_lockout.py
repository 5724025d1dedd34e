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


@pytest.fixture
def with_an_app(accounts):
    """sam.sales has an authenticator app: a code is asked for too."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import TEST_TOTP_SECRET

    TOTPDevice.objects.create(user=accounts[0], name="app", key=TEST_TOTP_SECRET)
    return accounts


def sign_in_with_code(username: str, code: str, address: str) -> int:
    response = Client(REMOTE_ADDR=address).post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": PASSWORD, "otp_token": code},
    )
    return response.status_code


def test_wrong_one_time_codes_count_toward_the_lockout(with_an_app, settings):
    from tests.conftest import current_code

    # The app's own back-off after a wrong code (django-otp's, a second,
    # doubling) is not what this test is about.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0

    statuses = [sign_in_with_code("sam.sales", "000000", "203.0.113.5")]
    statuses += [sign_in_with_code("sam.sales", "", "203.0.113.5") for _ in range(4)]

    # The fifth failure locks the pair, as five wrong passwords do.
    assert statuses == [200] * 4 + [429]
    assert sign_in_with_code("sam.sales", current_code(), "203.0.113.5") == 429
    assert sign_in_with_code("sam.sales", current_code(), "198.51.100.7") == 302


@pytest.fixture
def spray_limit(settings):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12
    return settings


def test_a_password_spray_from_one_address_is_stopped(accounts, spray_limit):
    # One guess at each of many accounts never locks a pair...
    User.objects.bulk_create(
        User(username=f"staff.{n}", password="!", is_staff=True) for n in range(12)
    )
    statuses = [sign_in(f"staff.{n}", "Spring2026!", "203.0.113.5") for n in range(12)]

    assert set(statuses) == {200}
    # ...but the address has failed twelve times: it may not try again, on any
    # account, even with a right password.
    assert sign_in("mallory.staff", PASSWORD, "203.0.113.5") == 429
    # Its owner elsewhere, and everyone else, sign in as ever.
    assert sign_in("mallory.staff", PASSWORD, "198.51.100.7") == 302
    assert sign_in("sam.sales", PASSWORD, "2001:db8:9::1") == 302


def test_the_spray_limit_is_well_above_one_persons_typos(accounts, settings):
    assert settings.SIGN_IN_ADDRESS_FAILURE_LIMIT >= 6 * settings.AXES_FAILURE_LIMIT
    for _ in range(4):
        sign_in("sam.sales", "typo", "203.0.113.5")
        sign_in("mallory.staff", "typo", "203.0.113.5")

    assert sign_in("sam.sales", PASSWORD, "203.0.113.5") == 302

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import TEST_TOTP_SECRET, current_code
from tests.contact.conftest import make_inquiry  # noqa: F401 (a fixture)

PASSWORD = "a-long-test-password"


@pytest.fixture
def enrolled(sales_user) -> User:
    """A member of Sales with an authenticator app."""
    TOTPDevice.objects.create(
        user=sales_user, name="Authenticator app", key=TEST_TOTP_SECRET
    )
    return sales_user


def sign_in(client: Client, username: str, code: str = "", **extra):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": PASSWORD, "otp_token": code},
        **extra,
    )


def sign_in_with_the_app(client: Client, username: str):
    return sign_in(client, username, current_code())

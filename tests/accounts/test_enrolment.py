"""First sign-in sets up a second factor; staff then manage their own."""

import re
from base64 import b32decode
from binascii import hexlify

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import AuditEvent
from tests.accounts.conftest import PASSWORD
from tests.conftest import TEST_TOTP_SECRET, current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_sign_in(client, sales_user):
    """Sales, signed in with a password only: no factor yet."""
    client.post(
        "/admin/login/", {"username": sales_user.username, "password": PASSWORD}
    )
    return client


def secret_on_the_page(response) -> str:
    base32 = re.search(rb'id="totp-secret">([A-Z2-7]+)<', response.content).group(1)
    return hexlify(b32decode(base32)).decode()


def test_an_app_is_set_up_from_the_secret_and_shows_ten_recovery_codes(
    first_sign_in, sales_user
):
    page = first_sign_in.get("/admin/account/enrol/")
    secret = secret_on_the_page(page)

    response = first_sign_in.post(
        "/admin/account/enrol/", {"otp_token": current_code(secret)}
    )

    assertContains(response, "Your recovery codes")
    assert (
        len(
            re.findall(
                rb"<li><code>[a-z2-9]{5}-[a-z2-9]{5}</code></li>", response.content
            )
        )
        == 10
    )
    assert StaticToken.objects.filter(device__user=sales_user).count() == 10
    assert TOTPDevice.objects.get(user=sales_user).confirmed
    assert first_sign_in.get("/admin/contact/inquiry/").status_code == 200
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.FACTOR_ADDED, user=sales_user
    ).exists()


def test_the_qr_code_is_drawn_here_as_svg(first_sign_in):
    page = first_sign_in.get("/admin/account/enrol/")

    image = first_sign_in.get("/admin/account/enrol/qr-code.svg")

    assertContains(page, 'src="/admin/account/enrol/qr-code.svg"')
    assert image["Content-Type"] == "image/svg+xml"
    assert image.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert "no-store" in image["Cache-Control"] or "max-age=0" in image["Cache-Control"]


def test_a_wrong_code_keeps_the_app_unconfirmed_and_says_why(first_sign_in):
    first_sign_in.get("/admin/account/enrol/")

    response = first_sign_in.post("/admin/account/enrol/", {"otp_token": "000000"})

    assertContains(response, "not the one the app shows now")
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert first_sign_in.get("/admin/").status_code == 302


def test_enrolment_is_for_signed_in_staff_only(client):
    assert client.get("/admin/account/enrol/").status_code == 302
    assert client.get("/admin/account/enrol/qr-code.svg").status_code == 302


def test_a_second_app_needs_a_verified_session(first_sign_in, sales_user):
    TOTPDevice.objects.create(user=sales_user, name="phone", key=TEST_TOTP_SECRET)

    response = first_sign_in.get("/admin/account/enrol/")

    assertRedirects(response, "/admin/login/", fetch_redirect_response=False)


def test_the_security_page_lists_factors_and_makes_new_recovery_codes(
    sales_client, sales_user
):
    page = sales_client.get("/admin/account/")

    regenerated = sales_client.post("/admin/account/recovery-codes/")

    assertContains(page, "Authenticator app")
    assertContains(page, "Sign out everywhere")
    assertContains(regenerated, "your earlier codes no longer work")
    assert StaticToken.objects.filter(device__user=sales_user).count() == 10


def test_the_only_factor_cannot_be_removed(sales_client, sales_user):
    app = TOTPDevice.objects.get(user=sales_user)

    response = sales_client.post(f"/admin/account/remove/app/{app.pk}/", follow=True)

    assertContains(response, "add another before you remove it")
    assert TOTPDevice.objects.filter(pk=app.pk).exists()


def test_a_second_app_can_be_removed_and_it_is_recorded(sales_client, sales_user):
    spare = TOTPDevice.objects.create(user=sales_user, name="Old phone")

    sales_client.post(f"/admin/account/remove/app/{spare.pk}/")

    assert not TOTPDevice.objects.filter(pk=spare.pk).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.FACTOR_REMOVED).exists()


def test_nobody_removes_someone_elses_factor(sales_client, content_user):
    theirs = TOTPDevice.objects.create(user=content_user, name="theirs")
    TOTPDevice.objects.create(user=content_user, name="spare")

    response = sales_client.post(f"/admin/account/remove/app/{theirs.pk}/")

    assert response.status_code == 404
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_create_staff_user_enrols_an_app_from_a_secret(capsys):
    call_command(
        "create_staff_user",
        "new.sales",
        "--role",
        "sales",
        "--totp-secret",
        TEST_TOTP_SECRET,
    )

    device = TOTPDevice.objects.get(user__username="new.sales")
    assert device.confirmed
    assert device.verify_token(current_code())


@pytest.mark.parametrize("secret", ["not-hex", "abcd"])
def test_create_staff_user_refuses_a_bad_secret(secret):
    with pytest.raises(CommandError, match="totp-secret"):
        call_command(
            "create_staff_user", "new.sales", "--role", "sales", "--totp-secret", secret
        )


def test_adding_a_factor_after_ten_minutes_asks_for_the_code_first(sales_client):
    from tests.accounts.test_sessions import MINUTE, backdate

    backdate(sales_client, "staff_verified_at", 11 * MINUTE)

    app = sales_client.get("/admin/account/enrol/")
    passkey = sales_client.post("/admin/account/passkeys/registration/begin/")
    page = sales_client.get("/admin/account/")

    assert app["Location"].startswith("/admin/account/confirm/?next=")
    assert passkey.status_code == 403
    assertContains(page, "Confirm it's you to add a passkey")


def test_making_new_codes_after_ten_minutes_comes_back_to_the_security_page(
    sales_client,
):
    from tests.accounts.test_sessions import MINUTE, backdate

    backdate(sales_client, "staff_verified_at", 11 * MINUTE)

    response = sales_client.post(
        "/admin/account/recovery-codes/", {"next": "/admin/account/"}
    )

    assert response["Location"] == "/admin/account/confirm/?next=%2Fadmin%2Faccount%2F"

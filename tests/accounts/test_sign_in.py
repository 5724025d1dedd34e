"""Staff sign in with a password and a second factor, in one form."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import AuditEvent, make_recovery_codes
from tests.accounts.conftest import PASSWORD, sign_in, sign_in_with_the_app
from tests.conftest import current_code

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/contact/inquiry/",
    "/admin/articles/article/",
    "/admin/core/sitesettings/",
    "/admin/auth/user/",
]


def test_the_sign_in_form_asks_for_a_code_and_offers_a_passkey(client):
    response = client.get("/admin/login/")

    assertContains(response, 'name="otp_token"')
    assertContains(response, 'autocomplete="one-time-code"')
    assertContains(response, "Sign in with a passkey")
    # The passkey script is a same-origin file: nothing inline runs.
    assertContains(response, "/static/django_otp_webauthn/otp_webauthn_auth.js")
    assert b"<script>" not in response.content


def test_a_password_without_the_code_opens_no_admin_page(client, enrolled):
    response = sign_in(client, enrolled.username)

    assertContains(response, "password or one-time code is not right")
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 302, page


def test_a_wrong_code_gets_the_same_answer_as_a_wrong_password(client, enrolled):
    wrong_code = sign_in(client, enrolled.username, "000000")
    wrong_password = client.post(
        "/admin/login/",
        {"username": enrolled.username, "password": "guess", "otp_token": "000000"},
    )

    assert wrong_code.status_code == wrong_password.status_code == 200
    assert wrong_code.context["form"].non_field_errors() == (
        wrong_password.context["form"].non_field_errors()
    )
    assert client.get("/admin/").status_code == 302


def test_the_current_code_opens_the_admin(client, enrolled):
    response = sign_in_with_the_app(client, enrolled.username)

    assertRedirects(response, "/admin/", fetch_redirect_response=False)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/contact/inquiry/").status_code == 200


def test_a_code_signs_in_once(client, enrolled):
    code = current_code()
    sign_in(client, enrolled.username, code)

    replayed = sign_in(Client(), enrolled.username, code)

    assert replayed.status_code == 200


def test_recovery_codes_are_kept_only_as_keyed_digests(enrolled):
    from django_otp.plugins.otp_static.models import StaticToken

    codes = make_recovery_codes(enrolled)

    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    shown = {code.replace("-", "") for code in codes} | set(codes)
    assert stored.isdisjoint(shown)


def test_a_recovery_code_signs_in_once_and_not_twice(enrolled):
    code = make_recovery_codes(enrolled)[3]

    first = sign_in(Client(), enrolled.username, code.upper().replace("-", " "))
    second = Client()
    again = sign_in(second, enrolled.username, code)

    assert first.status_code == 302
    assert again.status_code == 200
    assert second.get("/admin/").status_code == 302


def test_an_account_without_a_factor_reaches_only_enrolment(client, admin_user):
    # A superuser too: nothing before the second factor.
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "password"}
    )

    assert response.status_code == 302
    for page in ADMIN_PAGES:
        answer = client.get(page)
        assert answer.status_code == 302, page
        assert answer["Location"] == "/admin/account/enrol/", page
    enrolment = client.get("/admin/account/enrol/")
    assertContains(enrolment, "Set up your second factor")
    # Not even the names of the admin's pages.
    assert b"/admin/contact/" not in enrolment.content
    assert b"/admin/articles/" not in enrolment.content


def test_the_session_cookie_lives_at_most_twelve_hours(client, enrolled):
    response = sign_in_with_the_app(client, enrolled.username)

    cookie = response.cookies["sessionid"]
    assert 0 < int(cookie["max-age"]) <= 12 * 60 * 60


def test_sign_ins_and_failures_are_recorded_with_the_address(enrolled):
    sign_in_with_the_app(Client(REMOTE_ADDR="2001:db8:1:2::77"), enrolled.username)
    sign_in(Client(REMOTE_ADDR="203.0.113.9"), enrolled.username, "000000")

    signed_in, failed = AuditEvent.objects.order_by("at")
    assert (failed.kind, failed.username, failed.address) == (
        AuditEvent.Kind.SIGN_IN_FAILED,
        enrolled.username,
        "203.0.113.9",
    )
    assert (signed_in.kind, signed_in.user, signed_in.address) == (
        AuditEvent.Kind.SIGNED_IN,
        enrolled,
        "2001:db8:1:2::",
    )
    assert "authenticator app" in signed_in.detail


def test_an_inactive_or_non_staff_account_cannot_sign_in(client):
    User.objects.create_user("visitor", password=PASSWORD)
    TOTPDevice.objects.create(user=User.objects.get(), name="app")

    response = sign_in(client, "visitor", current_code())

    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_session_that_skipped_the_second_factor_reaches_no_admin_page(enrolled):
    # As a session from before this change, or any sign-in path but the form.
    client = Client()
    client.force_login(enrolled)

    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/admin/login/"), page


def test_before_the_second_factor_no_draft_is_previewed(content_user):
    from articles.models import Article

    draft = Article.objects.create(
        title="Not yet", slug="not-yet", summary="s", body="<p>b</p>"
    )
    client = Client()
    client.post(
        "/admin/login/", {"username": content_user.username, "password": PASSWORD}
    )

    response = client.get(draft.preview_url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

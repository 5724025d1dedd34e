"""Staff sign-in with a second factor, in Chromium: a passkey (Chromium's
virtual authenticator, through the DevTools WebAuthn domain), an
authenticator app set up from the QR code's secret, a recovery code, and an
account with no factor yet, which reaches nothing but enrolment."""

import re
from base64 import b32decode
from binascii import hexlify

import pytest
from playwright.sync_api import expect

from accounts.models import AuditEvent, make_recovery_codes
from tests.browser.checks import axe_violations
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    STAFF_PASSWORD,
    log_in_through_the_form,
    save_screenshot,
)
from tests.conftest import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password_only(page, username: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logged out")


def heading(page):
    return page.get_by_role("heading", level=1)


@pytest.fixture
def passkeys_here(settings, live_server):
    """Passkeys bound to the live server's origin, as SITE_URL's in production."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")


def add_virtual_authenticator(page) -> None:
    """A platform authenticator that keeps passkeys and checks its user."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_passkey_is_enrolled_at_first_sign_in_and_then_signs_in_alone(
    open_page, make_staff_user, passkeys_here
):
    make_staff_user("pat", role="content", totp_secret=None)
    page, _ = open_page(DESKTOP)
    add_virtual_authenticator(page)

    sign_in_with_password_only(page, "pat")
    expect(heading(page)).to_have_text("Set up your second factor")
    page.get_by_role("button", name="Create a passkey").click()
    expect(heading(page)).to_have_text("Your recovery codes")
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(heading(page)).to_have_text("Website administration")
    sign_out(page)

    page.goto("/admin/login/?next=/admin/articles/article/")
    page.get_by_role("button", name="Sign in with a passkey").click()

    expect(heading(page)).to_have_text("Select article to change")
    # Later, a sensitive action asks again; the passkey answers.
    page.goto("/admin/account/confirm/?next=/admin/pages/page/")
    page.get_by_role("button", name="Confirm with a passkey").click()
    expect(heading(page)).to_have_text("Select page to change")
    kinds = list(
        AuditEvent.objects.filter(username="pat").values_list("kind", "detail")
    )
    assert ("signed_in", "a passkey") in kinds
    assert any(kind == "step_up" and "passkey" in detail for kind, detail in kinds)


def test_an_app_is_set_up_from_the_qr_codes_secret_and_signs_in(
    open_page, make_staff_user
):
    make_staff_user("quinn", role="sales", totp_secret=None)
    for viewport, phone in ((PHONE, True), (DESKTOP, False)):
        page, _ = open_page(viewport, phone=phone)
        page.goto("/admin/login/")
        save_screenshot(page, "staff-sign-in")
    page, _ = open_page(DESKTOP)

    sign_in_with_password_only(page, "quinn")
    expect(heading(page)).to_have_text("Set up your second factor")
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    assert page.evaluate("document.querySelector('img.qr-code').naturalWidth") > 0
    assert axe_violations(page) == []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        save_screenshot(page, "staff-enrolment")
    page.set_viewport_size(DESKTOP)
    secret = hexlify(b32decode(page.locator("#totp-secret").inner_text())).decode()
    page.get_by_label("One-time code").fill(current_code(secret))
    page.get_by_role("button", name="Confirm the app").click()

    expect(heading(page)).to_have_text("Your recovery codes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved them: continue").click()
    expect(heading(page)).to_have_text("Website administration")
    sign_out(page)
    log_in_through_the_form(page, "quinn")
    page.goto("/admin/account/")
    expect(heading(page)).to_have_text("Your sign-in security")
    assert axe_violations(page) == []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        save_screenshot(page, "staff-security-settings")


def test_a_recovery_code_signs_in_once_and_not_twice(open_page, make_staff_user):
    user = make_staff_user("robin", role="sales")
    code = make_recovery_codes(user)[0]
    page, _ = open_page(DESKTOP)

    for attempt in range(2):
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("robin")
        page.get_by_label("Password").fill(STAFF_PASSWORD)
        page.get_by_label("One-time code").fill(code)
        page.get_by_role("button", name="Sign in", exact=True).click()
        if attempt == 0:
            expect(heading(page)).to_have_text("Website administration")
            sign_out(page)

    expect(page.get_by_text("password or one-time code is not right")).to_be_visible()
    assert page.goto("/admin/").url.endswith("/admin/login/?next=/admin/")


def test_an_account_without_a_factor_reaches_no_inquiry_article_or_setting(
    open_page, make_staff_user, make_inquiry_for_browser
):
    make_staff_user("sky", role="sales", totp_secret=None)
    page, _ = open_page(DESKTOP)
    sign_in_with_password_only(page, "sky")

    for path in (
        "/admin/",
        f"/admin/contact/inquiry/{make_inquiry_for_browser.pk}/change/",
        "/admin/contact/inquiry/",
        "/admin/articles/article/",
        "/admin/core/sitesettings/",
    ):
        page.goto(path)
        expect(heading(page)).to_have_text("Set up your second factor")
        assert page.url.endswith("/admin/account/enrol/"), path
    assert page.get_by_text("Dana Whitfield").count() == 0


@pytest.fixture
def make_inquiry_for_browser(db):
    from django.utils import timezone

    from contact.models import Inquiry

    return Inquiry.objects.create(
        name="Dana Whitfield",
        email="dana@northwind.example",
        company="Northwind Logistics",
        interest=Inquiry.Interest.VCISO,
        message="We need a security lead.",
        consented_at=timezone.now(),
    )

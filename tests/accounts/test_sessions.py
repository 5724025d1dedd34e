"""Staff sessions end when idle or old; sensitive actions ask again."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains

from accounts.models import AuditEvent
from accounts.verification import SEEN_AT, SIGNED_IN_AT, VERIFIED_AT
from contact.models import Inquiry
from core.models import SiteSettings
from tests.conftest import current_code, log_in_verified

pytestmark = pytest.mark.django_db

MINUTE = 60


def backdate(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_a_session_idle_for_thirty_minutes_ends(sales_client):
    backdate(sales_client, SEEN_AT, 31 * MINUTE)

    assert sales_client.get("/admin/").status_code == 302
    ended = AuditEvent.objects.get(kind=AuditEvent.Kind.SIGNED_OUT)
    assert ended.detail == "idle for 30 minutes"


def test_a_session_in_use_lasts_past_thirty_minutes(sales_client):
    backdate(sales_client, SIGNED_IN_AT, 45 * MINUTE)
    backdate(sales_client, SEEN_AT, 29 * MINUTE)

    assert sales_client.get("/admin/").status_code == 200


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(sales_client):
    backdate(sales_client, SIGNED_IN_AT, 12 * 60 * MINUTE + 1)

    assert sales_client.get("/admin/").status_code == 302


def test_signing_out_everywhere_ends_every_session(sales_user):
    laptop, phone = Client(), Client()
    log_in_verified(laptop, sales_user)
    log_in_verified(phone, sales_user)

    phone.post("/admin/account/sign-out-everywhere/")

    assert laptop.get("/admin/").status_code == 302
    assert phone.get("/admin/").status_code == 302
    assert not Session.objects.exists()
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.SIGNED_OUT_EVERYWHERE, user=sales_user
    ).exists()


EXPORT = "/admin/contact/inquiry/export/?queue=open"


def export(client: Client, inquiry: Inquiry):
    """The desk's "Export this view" link, on a view that lists ``inquiry``."""
    return client.get(EXPORT)


def test_an_export_after_ten_minutes_asks_for_the_code_again(
    sales_client, make_inquiry
):
    inquiry = make_inquiry()
    backdate(sales_client, VERIFIED_AT, 11 * MINUTE)

    refused = export(sales_client, inquiry)
    confirm = sales_client.get(refused["Location"])
    confirmed = sales_client.post(
        refused["Location"],
        {"otp_token": current_code(), "next": EXPORT},
    )
    exported = export(sales_client, inquiry)

    assert refused.status_code == 302
    assert refused["Location"].startswith("/admin/account/confirm/")
    assertContains(confirm, "confirm it's you with your second factor")
    assert confirmed["Location"] == EXPORT
    assert exported["Content-Type"].startswith("text/csv")
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {AuditEvent.Kind.SECOND_FACTOR_CONFIRMED, AuditEvent.Kind.EXPORTED} <= kinds


def test_an_export_within_ten_minutes_goes_through_and_is_recorded(
    sales_client, make_inquiry, sales_user
):
    response = export(sales_client, make_inquiry())

    assert response["Content-Type"].startswith("text/csv")
    recorded = AuditEvent.objects.get(kind=AuditEvent.Kind.EXPORTED)
    assert (recorded.user, recorded.detail) == (sales_user, "inquiries (1)")


def test_a_wrong_code_does_not_confirm(sales_client):
    backdate(sales_client, VERIFIED_AT, 11 * MINUTE)

    response = sales_client.post(
        "/admin/account/confirm/?next=/admin/", {"otp_token": "000000"}
    )

    assertContains(response, "That code is not right")


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("admin:auth_group_add", []),
        ("admin:auth_user_add", []),
        ("admin:core_sitesettings_change", [SiteSettings.SINGLETON_PK]),
    ],
)
def test_changing_users_groups_or_site_settings_asks_again_after_ten_minutes(
    admin_client, url_name, args
):
    SiteSettings.objects.get_or_create(pk=SiteSettings.SINGLETON_PK)
    page = reverse(url_name, args=args)
    backdate(admin_client, VERIFIED_AT, 11 * MINUTE)

    stale = admin_client.get(page)
    backdate(admin_client, VERIFIED_AT, 5 * MINUTE)
    fresh = admin_client.get(page)

    assert stale.status_code == 302
    assert stale["Location"].startswith("/admin/account/confirm/?next=")
    assert fresh.status_code == 200


def test_reading_the_user_list_needs_no_second_check(admin_client):
    backdate(admin_client, VERIFIED_AT, 11 * MINUTE)

    assert admin_client.get("/admin/auth/user/").status_code == 200


def test_a_superuser_resets_someones_factors_and_it_is_recorded(
    admin_client, sales_user
):
    log_in_verified(Client(), sales_user)
    their_browser = Client()
    log_in_verified(their_browser, sales_user)

    admin_client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factors", "_selected_action": [sales_user.pk]},
    )

    assert not TOTPDevice.objects.filter(user=sales_user).exists()
    assert their_browser.get("/admin/").status_code == 302
    reset = AuditEvent.objects.get(kind=AuditEvent.Kind.FACTORS_RESET)
    assert reset.username == "admin"
    assert "sam.sales" in reset.detail


def test_only_superusers_may_reset_factors(admin_client, sales_client):
    page = sales_client.get("/admin/auth/user/")
    assert page.status_code == 403


def test_the_audit_trail_is_for_superusers_only(admin_client, sales_client):
    assert admin_client.get("/admin/accounts/auditevent/").status_code == 200
    assert sales_client.get("/admin/accounts/auditevent/").status_code == 403


def test_not_even_a_superuser_may_alter_or_delete_the_audit_trail(admin_client):
    event = AuditEvent.objects.create(
        kind=AuditEvent.Kind.EXPORTED, username="sam.sales", detail="inquiries (3)"
    )
    page = f"/admin/accounts/auditevent/{event.pk}"

    assert admin_client.post(f"{page}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.post(f"{page}/change/", {"detail": "x"}).status_code == 403
    assert admin_client.get("/admin/accounts/auditevent/add/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk, detail=event.detail).exists()


def test_changing_a_group_is_recorded_with_who_and_where(admin_client):
    admin_client.post("/admin/auth/group/add/", {"name": "Auditors"})

    recorded = AuditEvent.objects.get(kind=AuditEvent.Kind.PERMISSIONS_CHANGED)
    assert recorded.username == "admin"
    assert recorded.address == "127.0.0.1"
    assert "Auditors" in recorded.detail


def test_old_audit_events_go_with_the_retention_command(settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.AUDIT_RETENTION_DAYS = 30
    AuditEvent.objects.create(kind="signed_in", at=timezone.now() - timedelta(days=31))
    kept = AuditEvent.objects.create(kind="signed_in")

    call_command("purge_audit_trail")

    assert list(AuditEvent.objects.all()) == [kept]


def test_a_change_sent_after_ten_minutes_is_kept_until_the_code_is_given(
    admin_client, settings
):
    from django.contrib.auth.models import Group

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the app's back-off after a wrong code

    backdate(admin_client, VERIFIED_AT, 11 * MINUTE)
    change = {"name": "Auditors", "permissions": []}

    held = admin_client.post("/admin/auth/group/add/", change)
    wrong = admin_client.post(
        "/admin/auth/group/add/", {**change, "step_up-otp_token": "000000"}
    )
    sent = admin_client.post(
        "/admin/auth/group/add/", {**change, "step_up-otp_token": current_code()}
    )

    assert held.status_code == 403
    assertContains(held, 'name="name" value="Auditors"', status_code=403)
    assertContains(wrong, "That code is not right", status_code=403)
    assert sent.status_code == 302
    assert Group.objects.filter(name="Auditors").exists()

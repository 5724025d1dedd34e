from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from contact.models import Inquiry
from tests.conftest import TEST_TOTP_SECRET, current_code

pytestmark = pytest.mark.django_db


def test_retention_anonymises_old_inquiries_and_keeps_recent_ones(
    make_inquiry, settings
):
    settings.INQUIRY_RETENTION_DAYS = 365
    old = make_inquiry(created_at=timezone.now() - timedelta(days=400))
    old.notes.create(text="Spoke to Dana on her mobile.")
    recent = make_inquiry(created_at=timezone.now() - timedelta(days=30))

    call_command("purge_inquiries")

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.name == "(removed)"
    assert "dana" not in old.email
    assert old.message == "(removed)"
    assert old.anonymised_at is not None
    assert not old.notes.exists()
    # Date, interest and source stay, for the dashboard's history.
    assert old.interest == Inquiry.Interest.VCISO
    assert recent.name == "Dana Whitfield"


def test_retention_clears_every_personal_field(make_inquiry, settings):
    settings.INQUIRY_RETENTION_DAYS = 365
    old = make_inquiry(
        created_at=timezone.now() - timedelta(days=400),
        phone="+15125550142",
        landing_page="/articles/vciso/?utm_campaign=dana-whitfield",
        referrer="https://partner.example/dana",
        utm_source="newsletter",
        utm_medium="email",
        utm_campaign="dana-whitfield",
        utm_term="northwind",
        utm_content="footer",
        assessment_answers={"security_leader": "none", "it_team": "outsourced"},
        notification_error="550 dana@northwind.example: mailbox full",
    )
    old.notes.create(text="Dana's mobile is 512-555-0199.")

    call_command("purge_inquiries")

    old.refresh_from_db()
    personal = {
        "name": "(removed)",
        "company": "(removed)",
        "message": "(removed)",
        "phone": "",
        "landing_page": "",
        "referrer": "",
        "utm_source": "",
        "utm_medium": "",
        "utm_campaign": "",
        "utm_term": "",
        "utm_content": "",
        "assessment_answers": {},
        "notification_error": "",
    }
    assert {field: getattr(old, field) for field in personal} == personal
    assert old.email == "removed@invalid.invalid"
    # The folded address is the address too, and no longer links anything.
    assert old.mailbox == ""
    assert not old.notes.exists()


def test_retention_can_delete_instead(make_inquiry):
    make_inquiry(created_at=timezone.now() - timedelta(days=40))
    make_inquiry()

    call_command("purge_inquiries", "--days", "30", "--delete")

    assert Inquiry.objects.count() == 1


def test_retention_dry_run_changes_nothing(make_inquiry, capsys):
    make_inquiry(created_at=timezone.now() - timedelta(days=40))

    call_command("purge_inquiries", "--days", "30", "--dry-run")

    assert "Would anonymise 1" in capsys.readouterr().out
    assert Inquiry.objects.get().name == "Dana Whitfield"


@pytest.mark.parametrize(
    ("role", "allowed", "forbidden"),
    [
        ("sales", "/admin/contact/inquiry/", "/admin/articles/article/"),
        ("content", "/admin/articles/article/", "/admin/contact/inquiry/"),
    ],
)
def test_create_staff_user_makes_an_account_for_each_role(
    role, allowed, forbidden, capsys
):
    call_command(
        "create_staff_user",
        f"new.{role}",
        "--role",
        role,
        "--totp-secret",
        TEST_TOTP_SECRET,
    )

    password = capsys.readouterr().out.split("Password (shown once): ")[1].split()[0]
    user = User.objects.get(username=f"new.{role}")
    assert user.is_staff and not user.is_superuser
    client = Client()
    signed_in = client.post(
        "/admin/login/",
        {"username": f"new.{role}", "password": password, "otp_token": current_code()},
    )
    assert signed_in.status_code == 302
    assert client.get(allowed).status_code == 200
    assert client.get(forbidden).status_code == 403


def test_create_staff_user_fails_clearly_without_the_group():
    from django.contrib.auth.models import Group

    Group.objects.filter(name="Sales").delete()

    with pytest.raises(CommandError, match="migrate"):
        call_command("create_staff_user", "someone", "--role", "sales")


def test_create_staff_user_refuses_a_weak_password():
    with pytest.raises(CommandError, match="too short"):
        call_command(
            "create_staff_user", "someone", "--role", "sales", "--password", "abc"
        )

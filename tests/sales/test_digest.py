"""Follow-ups come back: each salesperson's morning digest, by cron."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contact.models import Inquiry
from tests.conftest import staff_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(db):
    return staff_in_group("Sales", "riley.sales")


def digest_for(user) -> mail.EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_each_salesperson_gets_their_own_follow_ups_and_the_shared_queue(
    make_inquiry, sales_user, colleague
):
    today = timezone.localdate()
    week_ago = timezone.now() - timedelta(weeks=1)
    make_inquiry(name="Due Today", assigned_to=sales_user, follow_up_on=today)
    make_inquiry(
        name="Due Yesterday",
        assigned_to=sales_user,
        status=Inquiry.Status.CONTACTED,
        follow_up_on=today - timedelta(days=1),
    )
    make_inquiry(
        name="Due Tomorrow", assigned_to=sales_user, follow_up_on=today + timedelta(1)
    )
    make_inquiry(name="Late Mine", assigned_to=sales_user, created_at=week_ago)
    make_inquiry(name="Late Theirs", assigned_to=colleague, created_at=week_ago)
    make_inquiry(name="Nobody Yet")
    make_inquiry(
        name="Won Already",
        assigned_to=sales_user,
        status=Inquiry.Status.WON,
        follow_up_on=today,
    )
    make_inquiry(
        name="Held Autofill",
        status=Inquiry.Status.SPAM,
        spam_reason="Sent 1.2s after the form was shown.",
        notification_status=Inquiry.NotificationStatus.HELD,
    )

    call_command("send_sales_digest", stdout=None)

    mine = digest_for(sales_user)
    for name in ("Due Today", "Due Yesterday", "Late Mine", "Nobody Yet"):
        assert name in mine.body
    assert "Held Autofill" in mine.body
    assert "Sent 1.2s after the form was shown." in mine.body
    for name in ("Due Tomorrow", "Late Theirs", "Won Already"):
        assert name not in mine.body
    assert "https://www.steadfastpartners.example/admin/contact/inquiry/" in mine.body
    assert mine.subject.startswith("Sales desk for ")
    assert "1 overdue, 2 follow-ups, 1 unassigned, 1 held" in mine.subject
    theirs = digest_for(colleague)
    assert "Late Theirs" in theirs.body
    assert "Due Today" not in theirs.body
    html = mine.alternatives[0].content
    assert "Due Today" in html


def test_nobody_with_nothing_to_do_is_emailed(make_inquiry, sales_user):
    make_inquiry(assigned_to=sales_user, status=Inquiry.Status.CONTACTED)

    call_command("send_sales_digest", stdout=None)

    assert mail.outbox == []


def test_content_staff_never_get_a_digest(make_inquiry, content_user, sales_user):
    make_inquiry(name="Nobody Yet")

    call_command("send_sales_digest", stdout=None)

    assert [m.to for m in mail.outbox] == [[sales_user.email]]


def test_a_failing_mail_server_is_reported_and_the_run_fails(
    make_inquiry, sales_user, monkeypatch, capsys
):
    make_inquiry(name="Nobody Yet")

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(SystemExit):
        call_command("send_sales_digest")

    assert "mail server down" in capsys.readouterr().err

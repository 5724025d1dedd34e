"""The emails sales staff receive: a new inquiry, and an inquiry assigned to them."""

from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from contact.models import Inquiry
from contact.notifications import MAIL_OUTAGE_KEY, send_sales_notification
from tests.conftest import staff_in_group

pytestmark = pytest.mark.django_db


def change_url(inquiry: Inquiry) -> str:
    return f"/admin/contact/inquiry/{inquiry.pk}/change/"


def assign(client, inquiry: Inquiry, user) -> None:
    response = client.post(
        change_url(inquiry),
        {
            "status": inquiry.status,
            "assigned_to": user.pk,
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302


def html_part(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def colleague(db):
    user = staff_in_group("Sales", "alex.sales")
    user.first_name, user.last_name = "Alex", "Moreno"
    user.save()
    return user


# Assignment


def test_the_assignee_is_emailed_when_someone_else_assigns_an_inquiry(
    sales_client, make_inquiry, colleague, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(phone="+15125550142")

    with django_capture_on_commit_callbacks(execute=True):
        assign(sales_client, inquiry, colleague)

    (message,) = mail.outbox
    assert message.to == ["alex.sales@steadfastpartners.example"]
    assert message.subject == "Assigned to you: Dana Whitfield (Northwind Logistics)"
    assert message.reply_to == ["dana@northwind.example"]
    assert "Hello Alex Moreno," in message.body
    assert "sam.sales assigned this inquiry to you." in message.body
    assert "(512) 555-0142" in message.body
    assert f"/admin/contact/inquiry/{inquiry.pk}/change/" in message.body
    assert 'href="tel:+15125550142"' in html_part(message)


def test_a_number_with_an_extension_is_dialled_without_it(
    sales_client, make_inquiry, colleague, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(phone="+15125550142 ext. 7")

    with django_capture_on_commit_callbacks(execute=True):
        assign(sales_client, inquiry, colleague)

    (message,) = mail.outbox
    assert 'href="tel:+15125550142"' in html_part(message)
    assert "(512) 555-0142 ext. 7" in message.body


def test_assigning_an_inquiry_to_yourself_sends_nothing(
    sales_client, make_inquiry, sales_user, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry()

    with django_capture_on_commit_callbacks(execute=True):
        assign(sales_client, inquiry, sales_user)

    assert mail.outbox == []


def test_saving_without_changing_the_assignee_sends_nothing_again(
    sales_client, make_inquiry, colleague, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(assigned_to=colleague)

    with django_capture_on_commit_callbacks(execute=True):
        assign(sales_client, inquiry, colleague)

    assert mail.outbox == []


def test_while_the_mail_server_is_down_assigning_waits_for_nothing(
    sales_client, make_inquiry, colleague, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry()
    cache.set(MAIL_OUTAGE_KEY, True)

    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages"
        ) as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assign(sales_client, inquiry, colleague)

    send.assert_not_called()
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == colleague


# The new-inquiry email


@pytest.fixture
def assessed_inquiry(make_inquiry, article):
    return make_inquiry(
        notification_status=Inquiry.NotificationStatus.PENDING,
        article=article,
        article_section="security-leadership",
        utm_source="linkedin",
        utm_campaign="soc2-q1",
        assessment_answers={"security_owner": "no", "security_early": "sometimes"},
        assessment_recommendation="vciso",
        phone="+15125550142",
    )


def test_sales_email_has_the_assessment_in_words_the_campaign_and_a_readable_source(
    assessed_inquiry, settings
):
    settings.CONTACT_SEND_ACKNOWLEDGEMENT = False

    assert send_sales_notification(assessed_inquiry.pk)

    (message,) = mail.outbox
    for part in (message.body, html_part(message)):
        assert "vCIO or vCISO? — Security leadership" in part
        assert "security-leadership" not in part
        assert "§" not in part
        assert "linkedin" in part
        assert "soc2-q1" in part
        assert "UTM campaign" in part
        assert "Is security considered before you choose a new system" in part
        assert "Sometimes" in part
        assert "(512) 555-0142" in part
    assert "Readiness assessment: Start with a vCISO" in message.body


def test_sales_email_is_html_with_a_plain_text_alternative_and_escapes_input(
    make_inquiry, settings
):
    settings.CONTACT_SEND_ACKNOWLEDGEMENT = False
    inquiry = make_inquiry(
        notification_status=Inquiry.NotificationStatus.PENDING,
        name="<script>alert(1)</script>",
        company="Acme\r\nBcc: victim@example.com",
        message='<img src=x onerror="alert(1)">',
        utm_source="<b>bold</b>",
        consented_at=timezone.now(),
    )

    assert send_sales_notification(inquiry.pk)

    (message,) = mail.outbox
    html = html_part(message)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    # The plain text is plain: what they typed, as typed.
    assert '<img src=x onerror="alert(1)">' in message.body
    # Nothing typed can add a header.
    assert "\n" not in message.subject
    assert "\r" not in message.subject

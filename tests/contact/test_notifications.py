import time
from datetime import timedelta
from io import StringIO
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from contact.models import Inquiry
from contact.notifications import (
    MAIL_OUTAGE_KEY,
    due_for_retry,
    send_sales_notification,
)
from core.outages import SLOW_FAILURE

pytestmark = pytest.mark.django_db

Notification = Inquiry.NotificationStatus


def mail_server_down():
    return mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPServerDisconnected("Connection unexpectedly closed"),
    )


def mail_server_silent():
    """A mail server that makes the sender wait, then times out."""

    def wait_then_time_out(messages):
        time.sleep(SLOW_FAILURE)
        raise TimeoutError("timed out")

    return mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=wait_then_time_out,
    )


def submit(client, data, capture):
    with capture(execute=True):
        return client.post("/contact/", data)


def test_sales_is_notified_after_commit_with_reply_to_the_prospect(
    client, valid_data, settings, django_capture_on_commit_callbacks
):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    with django_capture_on_commit_callbacks() as callbacks:
        client.post("/contact/", valid_data)
    # Nothing is sent until the transaction commits.
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    notification = mail.outbox[0]
    inquiry = Inquiry.objects.get()
    assert notification.to == ["sales@steadfastpartners.example"]
    assert notification.from_email == settings.DEFAULT_FROM_EMAIL
    assert notification.reply_to == ["dana@northwind.example"]
    assert "Dana Whitfield (Northwind Logistics)" in notification.subject
    assert (
        f"https://www.steadfastpartners.example/admin/contact/inquiry/{inquiry.pk}/change/"
        in notification.body
    )
    assert "SOC 2 audit" in notification.body
    assert inquiry.notification_status == Notification.SENT
    assert inquiry.notified_at is not None


def test_prospect_receives_an_acknowledgement(
    client, valid_data, django_capture_on_commit_callbacks
):
    submit(client, valid_data, django_capture_on_commit_callbacks)

    acknowledgement = mail.outbox[1]
    assert acknowledgement.to == ["dana@northwind.example"]
    assert "Hello Dana" in acknowledgement.body
    assert "737-210-5503" in acknowledgement.body
    # It never repeats the message: the form is no relay for arbitrary text.
    assert "SOC 2" not in acknowledgement.body


def test_acknowledgement_can_be_turned_off(
    client, valid_data, settings, django_capture_on_commit_callbacks
):
    settings.CONTACT_SEND_ACKNOWLEDGEMENT = False

    submit(client, valid_data, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_mail_failure_leaves_the_inquiry_saved_and_marked(
    client, valid_data, django_capture_on_commit_callbacks
):
    with mail_server_down():
        response = submit(client, valid_data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.notification_status == Notification.FAILED
    assert inquiry.notification_attempts == 1
    assert "SMTPServerDisconnected" in inquiry.notification_error
    assert inquiry.notification_next_attempt_at > timezone.now()


def test_after_a_mail_failure_the_next_inquiries_do_not_wait_for_the_server(
    client, valid_data, django_capture_on_commit_callbacks, make_form_token
):
    another = {**valid_data, "form_token": make_form_token()}
    with mail_server_silent() as send_messages:
        submit(client, valid_data, django_capture_on_commit_callbacks)
        response = submit(client, another, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert send_messages.call_count == 1
    left = Inquiry.objects.latest("pk")
    assert left.notification_status == Notification.FAILED
    assert left.notification_attempts == 0
    assert "Not tried" in left.notification_error
    assert left.pk in due_for_retry()


def test_a_mail_server_that_refuses_is_tried_again_by_the_next_inquiry(
    client, valid_data, django_capture_on_commit_callbacks, make_form_token
):
    another = {**valid_data, "form_token": make_form_token()}
    with mail_server_down() as send_messages:
        submit(client, valid_data, django_capture_on_commit_callbacks)
        submit(client, another, django_capture_on_commit_callbacks)

    # A refusal costs no wait, and the server may be back in a second.
    assert send_messages.call_count == 2
    assert Inquiry.objects.latest("pk").notification_attempts == 1


def test_once_the_pause_is_over_requests_send_again(
    client, valid_data, django_capture_on_commit_callbacks, make_form_token
):
    with mail_server_silent():
        submit(client, valid_data, django_capture_on_commit_callbacks)
    cache.delete(MAIL_OUTAGE_KEY)  # what MAIL_OUTAGE_PAUSE seconds do

    another = {**valid_data, "form_token": make_form_token()}
    submit(client, another, django_capture_on_commit_callbacks)

    assert Inquiry.objects.latest("pk").notification_status == Notification.SENT


def test_retry_stops_at_the_first_failure_and_sends_the_rest_next_run(make_inquiry):
    for _ in range(3):
        make_inquiry(
            notification_status=Notification.FAILED,
            notification_next_attempt_at=timezone.now() - timedelta(seconds=1),
        )

    down, back = StringIO(), StringIO()
    with mail_server_silent() as send_messages:
        call_command("retry_notifications", stdout=down)
    call_command("retry_notifications", stdout=back)

    # A server that times out would have cost a timeout per inquiry.
    assert send_messages.call_count == 1
    assert "0 sent, 3 still failing, of 3 due." in down.getvalue()
    # The two it never tried; the one that failed waits for its backoff.
    assert "2 sent, 0 still failing, of 2 due." in back.getvalue()


def test_failing_notification_shows_a_banner_to_sales(sales_client, make_inquiry):
    make_inquiry(notification_status=Notification.FAILED)

    response = sales_client.get("/admin/")

    assertContains(response, "1 sales notification failing")
    # Sales can act on it: a button, never a shell command.
    assertContains(response, "Retry now")
    assertNotContains(response, "manage.py")
    assertNotContains(response, "retry_notifications")


def test_retry_waits_for_the_backoff_then_sends_exactly_once(
    client, valid_data, django_capture_on_commit_callbacks
):
    with mail_server_down():
        submit(client, valid_data, django_capture_on_commit_callbacks)
    inquiry = Inquiry.objects.get()

    call_command("retry_notifications")
    assert mail.outbox == []  # the backoff has not elapsed

    Inquiry.objects.filter(pk=inquiry.pk).update(
        notification_next_attempt_at=timezone.now() - timedelta(seconds=1)
    )
    call_command("retry_notifications")
    call_command("retry_notifications")

    sales_mail = [m for m in mail.outbox if m.to == ["sales@steadfastpartners.example"]]
    assert len(sales_mail) == 1
    inquiry.refresh_from_db()
    assert inquiry.notification_status == Notification.SENT
    assert inquiry.notification_attempts == 2
    assert inquiry.notification_error == ""


def test_backoff_grows_after_each_failure(make_inquiry):
    inquiry = make_inquiry(notification_status=Notification.PENDING)

    with mail_server_down():
        send_sales_notification(inquiry.pk)
        inquiry.refresh_from_db()
        first_wait = inquiry.notification_next_attempt_at - timezone.now()
        Inquiry.objects.filter(pk=inquiry.pk).update(
            notification_next_attempt_at=timezone.now()
        )
        send_sales_notification(inquiry.pk)
    inquiry.refresh_from_db()
    second_wait = inquiry.notification_next_attempt_at - timezone.now()

    assert inquiry.notification_attempts == 2
    assert second_wait > first_wait


def test_a_notification_already_sent_or_being_sent_is_not_sent_again(make_inquiry):
    sent = make_inquiry(notification_status=Notification.SENT)
    in_flight = make_inquiry(
        notification_status=Notification.SENDING,
        notification_claimed_at=timezone.now(),
    )

    assert not send_sales_notification(sent.pk)
    assert not send_sales_notification(in_flight.pk)
    assert mail.outbox == []


def test_retry_picks_up_an_inquiry_whose_worker_died_before_sending(make_inquiry):
    make_inquiry(
        notification_status=Notification.PENDING,
        created_at=timezone.now() - timedelta(hours=1),
    )

    call_command("retry_notifications")

    assert len(mail.outbox) == 2  # sales, then the acknowledgement


def test_header_injection_through_a_stored_name_cannot_add_headers(make_inquiry):
    inquiry = make_inquiry(
        name="Eve\r\nBcc: victim@example.com",
        company="Acme\nX-Injected: yes",
        notification_status=Notification.PENDING,
    )

    assert send_sales_notification(inquiry.pk)

    message = mail.outbox[0].message()
    assert message["Bcc"] is None
    assert message["X-Injected"] is None
    assert "victim@example.com" not in mail.outbox[0].recipients()
    assert "\n" not in mail.outbox[0].subject


def test_header_injection_through_the_form_is_refused(
    client, valid_data, django_capture_on_commit_callbacks
):
    response = submit(
        client,
        {**valid_data, "email": "eve@example.com\r\nBcc: victim@example.com"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []


def test_content_staff_never_see_the_failing_banner(content_client, make_inquiry):
    make_inquiry(notification_status=Notification.FAILED)

    response = content_client.get("/admin/")

    assertNotContains(response, "notification failing")


def test_with_a_task_worker_configured_the_request_only_queues_the_notification(
    client, valid_data, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }

    submit(client, valid_data, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert Inquiry.objects.get().notification_status == Notification.PENDING


def test_if_the_task_queue_is_down_the_retry_command_still_sends_it(
    client, valid_data, django_capture_on_commit_callbacks
):
    with mock.patch(
        "django.tasks.backends.immediate.ImmediateBackend.enqueue",
        side_effect=ConnectionError("queue unavailable"),
    ):
        response = submit(client, valid_data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    Inquiry.objects.update(created_at=timezone.now() - timedelta(hours=1))

    call_command("retry_notifications")

    assert Inquiry.objects.get().notification_status == Notification.SENT

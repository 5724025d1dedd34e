"""What a hostile prospect types reaches sales as text: no draft with their
Bcc, no formula in a spreadsheet, no header in a subject."""

import csv
import email
import io
import re
from email import policy

import pytest
from django.core import mail

from contact.models import Inquiry, mailbox, mailto
from contact.notifications import send_sales_notification

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contact/inquiry/"
# A valid address (a quoted local part) that reads as a Bcc and a body to a
# mail client given it unencoded.
QUOTED = '"x?bcc=evil@evil.example&body=hi"@example.com'
ENCODED = "mailto:%22x%3Fbcc%3Devil@evil.example%26body%3Dhi%22@example.com"


def test_the_address_is_valid_as_the_form_sees_it():
    from django.core.validators import validate_email

    validate_email(QUOTED)


def test_every_mailto_link_encodes_the_whole_address(
    sales_client, make_inquiry, settings
):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    inquiry = make_inquiry(
        email=QUOTED, notification_status=Inquiry.NotificationStatus.PENDING
    )

    listing = sales_client.get(CHANGELIST).content.decode()
    page = sales_client.get(f"{CHANGELIST}{inquiry.pk}/change/").content.decode()
    send_sales_notification(inquiry.pk)
    notification = mail.outbox[0].alternatives[0].content

    for html in (listing, page, notification):
        assert f'href="{ENCODED}"' in html
        links = re.findall(r'href="(mailto:[^"]*)"', html)
        assert not [link for link in links if "bcc=" in link or "body=hi" in link]
    # The reply draft adds our subject and body after the encoded address.
    assert f'href="{ENCODED}?subject=' in page


def test_mailto_adds_only_the_fields_asked_for():
    assert mailto("a@x.com") == "mailto:a@x.com"
    assert mailto("a@x.com", subject="Hi & bye", body="") == (
        "mailto:a@x.com?subject=Hi%20%26%20bye"
    )


def exported(client) -> list[dict[str, str]]:
    body = client.get(f"{CHANGELIST}export/").content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


@pytest.mark.parametrize(
    "dangerous",
    [
        "\uff1dcmd()",  # fullwidth =
        "\uff0b1+2",  # fullwidth +
        "\uff0d2+3",  # fullwidth -
        "\uff20SUM(A1)",  # fullwidth @
        "\u2212" + "2+3",  # minus sign
        "\u200b=cmd()",  # zero-width space, then =
        "\u200d\u2060=cmd()",  # zero-width joiner and word joiner
        "\ufeff=cmd()",  # a byte-order mark
        " \u200b\t=cmd()",
        "\ufe66cmd()",  # small equals sign
    ],
)
def test_export_neutralises_what_a_spreadsheet_would_evaluate(
    sales_client, make_inquiry, dangerous
):
    make_inquiry(company=dangerous)

    (row,) = exported(sales_client)

    assert row["Company"] == "'" + dangerous


@pytest.mark.parametrize("harmless", ["Globex", "3M", "(512) 555-0142", "O'Neil"])
def test_export_leaves_plain_text_as_it_is(sales_client, make_inquiry, harmless):
    make_inquiry(company=harmless)

    (row,) = exported(sales_client)

    assert row["Company"] == harmless


def test_export_neutralises_the_assignee_column(sales_client, make_inquiry, sales_user):
    sales_user.first_name = '=HYPERLINK("http://evil.example")'
    sales_user.save()
    make_inquiry(assigned_to=sales_user)

    (row,) = exported(sales_client)

    assert row["Assignee"] == "'" + sales_user.get_full_name()


def test_an_encoded_word_name_stays_text_in_the_notifications_subject(
    make_inquiry, settings
):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    inquiry = make_inquiry(
        name="=?utf-8?q?Cc:_evil@evil.example?=",
        notification_status=Inquiry.NotificationStatus.PENDING,
    )

    send_sales_notification(inquiry.pk)

    raw = mail.outbox[0].message().as_bytes()
    received = email.message_from_bytes(raw, policy=policy.default)
    assert "Cc: evil" not in str(received["Subject"])
    assert "utf-8?q?Cc:_evil@evil.example" in str(received["Subject"])
    assert received["Cc"] is None


@pytest.mark.parametrize(
    "spelling",
    [
        "jane@example.com",
        "Jane@Example.COM",
        "jane+news@example.com",
        '"jane"@example.com',
        '"Jane+x"@example.com',
        "jane@example.com.",
    ],
)
def test_one_mailbox_however_it_is_spelled(spelling):
    assert mailbox(spelling) == "jane@example.com"


def test_a_unicode_domain_and_its_punycode_are_one_mailbox():
    assert mailbox("jane@bücher.example") == mailbox("Jane@XN--BCHER-KVA.example")
    assert mailbox("jane@bücher.example") == "jane@xn--bcher-kva.example"


def test_different_people_stay_different():
    assert mailbox("jane@example.com") != mailbox("jane@example.org")
    assert mailbox("jane.doe@example.com") != mailbox("jane@example.com")

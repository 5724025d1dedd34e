"""The inquiry page as a salesperson works it: one click per step, a reply,
a follow-up date, the way to the next inquiry, and one timeline."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from contact.models import Inquiry
from sales.models import InquiryEvent, ReplyTemplate
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contact/inquiry/"


def page_url(inquiry: Inquiry, filters: str = "") -> str:
    url = f"{CHANGELIST}{inquiry.pk}/change/"
    return f"{url}?_changelist_filters={quote(filters)}" if filters else url


def act(client, inquiry: Inquiry, what: str, **kwargs):
    return client.post(f"{CHANGELIST}{inquiry.pk}/act/", {"do": what}, **kwargs)


def test_contact_details_and_the_message_come_first(sales_client, make_inquiry):
    inquiry = make_inquiry(phone="+15125550142", message="Our auditor starts soon.")

    content = sales_client.get(page_url(inquiry)).content.decode()

    assert content.index("dana@northwind.example") < content.index("Follow-up")
    assert content.index("Our auditor starts soon.") < content.index("Follow-up")
    assert 'href="tel:+15125550142"' in content
    assert "<h1>Inquiry from Dana Whitfield</h1>" in content


def test_assign_to_me_is_one_click_and_on_the_timeline(
    sales_client, make_inquiry, sales_user
):
    inquiry = make_inquiry()

    response = act(sales_client, inquiry, "assign_to_me", follow=True)

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == sales_user
    assertContains(response, "Assigned to you.")
    assertContains(response, "Assignee: nobody → sam.sales")
    assertNotContains(response, 'value="assign_to_me"')
    assert not mail.outbox  # taking it yourself emails nobody


def test_mark_contacted_is_one_click_and_the_timeline_reads_new_to_contacted(
    sales_client, make_inquiry
):
    inquiry = make_inquiry(created_at=timezone.now() - timedelta(weeks=1))

    response = act(sales_client, inquiry, "contacted", follow=True)

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED
    assert inquiry.status_changed_at > timezone.now() - timedelta(minutes=1)
    timeline = response.content.decode().split('id="timeline-heading"')[1]
    assert "Status: New → Contacted" in timeline
    assert "sam.sales" in timeline


@pytest.mark.parametrize("status", ["qualified", "won", "lost"])
def test_the_rest_of_the_status_flow_is_one_click_each(
    sales_client, make_inquiry, status
):
    inquiry = make_inquiry(status=Inquiry.Status.CONTACTED)

    act(sales_client, inquiry, status)

    inquiry.refresh_from_db()
    assert inquiry.status == status
    event = InquiryEvent.objects.get(inquiry=inquiry)
    assert event.before == "Contacted"
    assert event.after == Inquiry.Status(status).label


def test_not_spam_is_one_click_and_sends_the_usual_notification(
    sales_client, make_inquiry, django_capture_on_commit_callbacks, settings
):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    inquiry = make_inquiry(
        status=Inquiry.Status.SPAM,
        spam_reason="Sent 1.2s after the form was shown.",
        notification_status=Inquiry.NotificationStatus.HELD,
    )
    page = sales_client.get(page_url(inquiry))
    assertContains(page, 'value="new">Not spam</button>')

    with django_capture_on_commit_callbacks(execute=True):
        act(sales_client, inquiry, "new")

    inquiry.refresh_from_db()
    assert not inquiry.is_spam
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.notification_status == Inquiry.NotificationStatus.SENT
    (to_sales,) = [m for m in mail.outbox if m.to == settings.SALES_NOTIFICATION_EMAILS]
    assert to_sales.subject.startswith("New inquiry: Dana Whitfield")


def test_the_buttons_change_nothing_for_someone_who_cannot_change(
    client, make_inquiry, sales_user
):
    from django.contrib.auth.models import Permission

    inquiry = make_inquiry()
    sales_user.groups.clear()
    sales_user.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    log_in_verified(client, sales_user)

    assertNotContains(client.get(page_url(inquiry)), 'value="contacted"')
    assert act(client, inquiry, "contacted").status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_history_says_before_and_after(sales_client, make_inquiry, sales_user):
    inquiry = make_inquiry()

    sales_client.post(
        page_url(inquiry),
        {
            "status": "qualified",
            "assigned_to": sales_user.pk,
            "follow_up_on": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )
    act(sales_client, inquiry, "won")

    history = sales_client.get(f"{CHANGELIST}{inquiry.pk}/history/")
    messages = [entry.get_change_message() for entry in LogEntry.objects.all()]
    assert (
        "Changed status: New → Qualified and assignee: nobody → sam.sales." in messages
    )
    assert "Changed status: Qualified → Won." in messages
    assertContains(history, "status: New → Qualified")


def test_reply_by_email_opens_a_draft_from_the_template_staff_wrote(
    sales_client, make_inquiry
):
    ReplyTemplate.objects.create(
        name="First reply",
        subject="Your {interest} inquiry",
        body="Hello {first_name},\n\nThanks for writing about {company}. {sender}",
    )
    inquiry = make_inquiry(interest=Inquiry.Interest.VCIO)

    response = sales_client.get(page_url(inquiry))

    assertContains(
        response,
        'href="mailto:dana@northwind.example'
        "?subject=Your%20vCIO%20%28technology%20leadership%29%20inquiry"
        "&amp;body=Hello%20Dana%2C%0A%0AThanks%20for%20writing%20about%20"
        'Northwind%20Logistics.%20sam.sales">Reply by email: First reply</a>',
        html=False,
    )


def test_without_a_template_the_reply_still_greets_them(sales_client, make_inquiry):
    inquiry = make_inquiry()

    response = sales_client.get(page_url(inquiry))

    assertContains(response, "body=Hello%20Dana%2C")
    assertContains(response, ">Reply by email</a>")


def test_a_name_that_is_not_plainly_a_name_is_not_used_as_a_greeting(
    sales_client, make_inquiry
):
    inquiry = make_inquiry(name="prize.example Claim")

    response = sales_client.get(page_url(inquiry))

    assertContains(response, "body=Hello%20there%2C")
    assertNotContains(response, "Hello%20prize")


def test_the_follow_up_date_is_kept_and_on_the_timeline(
    sales_client, make_inquiry, sales_user
):
    inquiry = make_inquiry(assigned_to=sales_user)
    day = timezone.localdate() + timedelta(days=2)

    response = sales_client.post(
        page_url(inquiry),
        {
            "status": "new",
            "assigned_to": sales_user.pk,
            "follow_up_on": day.isoformat(),
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Call back after their board meeting.",
            "_continue": "1",
        },
        follow=True,
    )

    inquiry.refresh_from_db()
    assert inquiry.follow_up_on == day
    timeline = response.content.decode().split('id="timeline-heading"')[1]
    assert "Next follow-up: none → " in timeline
    assert "Call back after their board meeting." in timeline
    assert timeline.index("Call back") < timeline.index("Sent the inquiry")


def test_previous_and_next_follow_the_view_the_salesperson_came_from(
    sales_client, make_inquiry, sales_user
):
    def ago(**delta):
        return timezone.now() - timedelta(**delta)

    first = make_inquiry(name="First", created_at=ago(days=3), assigned_to=sales_user)
    make_inquiry(name="Not Mine", created_at=ago(days=2))
    second = make_inquiry(name="Second", created_at=ago(days=1), assigned_to=sales_user)
    third = make_inquiry(name="Third", assigned_to=sales_user)

    response = sales_client.get(page_url(second, "queue=mine"))

    assertContains(response, "2 of 3 in this view")
    carried = "?_changelist_filters=queue%3Dmine"
    assertContains(response, f'href="{CHANGELIST}{first.pk}/change/{carried}"')
    assertContains(response, f'href="{CHANGELIST}{third.pk}/change/{carried}"')


def test_inquiries_from_one_mailbox_link_to_each_other(sales_client, make_inquiry):
    first = make_inquiry(
        name="Ann Early", email="a@x.com", created_at=timezone.now() - timedelta(1)
    )
    second = make_inquiry(name="Ann Later", email="A+later@X.com")
    make_inquiry(name="Bea Other", email="b@x.com")

    first_page = sales_client.get(page_url(first))
    second_page = sales_client.get(page_url(second))

    assertContains(first_page, f'href="{CHANGELIST}{second.pk}/change/"')
    assertContains(second_page, f'href="{CHANGELIST}{first.pk}/change/"')
    assertContains(second_page, "Not their first inquiry")
    assertNotContains(first_page, "Bea Other")


def test_assigning_a_spam_inquiry_emails_nobody(
    sales_client, make_inquiry, django_capture_on_commit_callbacks
):
    from tests.conftest import staff_in_group

    colleague = staff_in_group("Sales", "riley.sales")
    inquiry = make_inquiry(status=Inquiry.Status.SPAM)

    with django_capture_on_commit_callbacks(execute=True):
        sales_client.post(
            page_url(inquiry),
            {
                "status": "spam",
                "assigned_to": colleague.pk,
                "notes-TOTAL_FORMS": "0",
                "notes-INITIAL_FORMS": "0",
            },
        )

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == colleague
    assert mail.outbox == []


def test_an_assignment_email_is_on_the_timeline(
    sales_client, make_inquiry, django_capture_on_commit_callbacks
):
    from tests.conftest import staff_in_group

    colleague = staff_in_group("Sales", "riley.sales")
    inquiry = make_inquiry()

    with django_capture_on_commit_callbacks(execute=True):
        sales_client.post(
            page_url(inquiry),
            {
                "status": "new",
                "assigned_to": colleague.pk,
                "notes-TOTAL_FORMS": "0",
                "notes-INITIAL_FORMS": "0",
            },
        )

    assert [m.to for m in mail.outbox] == [["riley.sales@steadfastpartners.example"]]
    response = sales_client.get(page_url(inquiry))
    assertContains(response, "Email sent: assignment, to riley.sales")
    assertContains(response, "Assignee: nobody → riley.sales")


def test_content_staff_cannot_reach_any_desk_page(content_client, make_inquiry):
    inquiry = make_inquiry()

    for response in (
        content_client.get(f"{CHANGELIST}export/"),
        content_client.get(f"{CHANGELIST}reports/"),
        content_client.post(f"{CHANGELIST}retry-notifications/"),
        act(content_client, inquiry, "contacted"),
        content_client.get("/admin/sales/replytemplate/"),
    ):
        assert response.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW


def test_retry_now_sends_the_failing_notifications(
    sales_client, make_inquiry, settings
):
    settings.SALES_NOTIFICATION_EMAILS = ["sales@steadfastpartners.example"]
    inquiry = make_inquiry(
        notification_status=Inquiry.NotificationStatus.FAILED,
        notification_next_attempt_at=timezone.now() + timedelta(hours=1),
    )

    response = sales_client.post(
        f"{CHANGELIST}retry-notifications/", {"next": "/admin/"}, follow=True
    )

    inquiry.refresh_from_db()
    assert inquiry.notification_status == Inquiry.NotificationStatus.SENT
    assertContains(response, "Sent 1 of 1 notifications.")
    assertNotContains(response, "sales notification failing")
    assert response.redirect_chain[-1][0] == "/admin/"


def test_retry_now_goes_back_only_to_this_site(sales_client, make_inquiry):
    response = sales_client.post(
        f"{CHANGELIST}retry-notifications/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == CHANGELIST


def test_sales_can_write_reply_templates(sales_client):
    response = sales_client.post(
        "/admin/sales/replytemplate/add/",
        {"name": "First reply", "subject": "Hello", "body": "Hello {first_name},"},
    )

    assert response.status_code == 302
    assert ReplyTemplate.objects.get().name == "First reply"


def test_after_taking_an_inquiry_next_is_the_first_left_in_the_view(
    sales_client, make_inquiry
):
    ago = timezone.now() - timedelta(days=2)
    taken = make_inquiry(name="Taken Now", created_at=ago)
    waiting = make_inquiry(name="Still Waiting")

    response = act(sales_client, taken, "assign_to_me", follow=True)

    assert response.redirect_chain[-1][0] == f"{CHANGELIST}{taken.pk}/change/"
    page = sales_client.get(page_url(taken, "queue=unassigned"))
    assertContains(page, "No longer in this view (1 left)")
    assertContains(
        page,
        f'href="{CHANGELIST}{waiting.pk}/change/?_changelist_filters=queue%3Dunassigned"',
    )


def test_the_inquiry_page_queries_stay_few_however_long_the_timeline(
    sales_client, make_inquiry, sales_user, django_assert_num_queries
):
    inquiry = make_inquiry(assigned_to=sales_user)
    make_inquiry(created_at=timezone.now() - timedelta(days=1))  # same mailbox

    def grow(count):
        for n in range(count):
            inquiry.notes.create(author=sales_user, text=f"Note {n}")
            InquiryEvent.objects.create(
                inquiry=inquiry, kind="status", actor=sales_user, before="New"
            )

    grow(1)
    sales_client.get(page_url(inquiry))  # the site's copy, cached
    # Session, second-factor device and permissions (5), the banner, the
    # inquiry (twice: the workspace and the form), events, notes, reply
    # templates, the same mailbox, salespeople for the form, the view's
    # filter choices, counts and ids for Previous/Next (5): the same for 2
    # entries as for 40.
    with django_assert_num_queries(18) as few:
        sales_client.get(page_url(inquiry, "queue=mine"))
    grow(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = sales_client.get(page_url(inquiry, "queue=mine"))

    assertContains(response, "Note 19")
    assertContains(response, "timeline__entry--note", count=21)

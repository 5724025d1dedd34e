import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from contact.models import Inquiry
from tests.conftest import log_in_verified

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contact/inquiry/"


def change_url(inquiry: Inquiry) -> str:
    return f"{CHANGELIST}{inquiry.pk}/change/"


def export(client, query: str = ""):
    """What the list's Export link downloads."""
    return client.get(f"{CHANGELIST}export/{query}")


def run_action(client, action: str, *inquiries: Inquiry, **params):
    return client.post(
        CHANGELIST + ("?queue=spam" if params.pop("spam", False) else ""),
        {"action": action, "_selected_action": [i.pk for i in inquiries]},
    )


# Permissions of the two groups


def test_sales_can_see_the_inquiry_queue(sales_client, make_inquiry):
    make_inquiry()

    response = sales_client.get(CHANGELIST)

    assertContains(response, "Dana Whitfield")


def test_sales_cannot_edit_or_add_articles(sales_client):
    assert sales_client.get("/admin/articles/article/").status_code == 403
    assert sales_client.get("/admin/articles/article/add/").status_code == 403


def test_content_staff_cannot_see_inquiries_at_all(content_client, make_inquiry):
    inquiry = make_inquiry()

    assert content_client.get(CHANGELIST).status_code == 403
    assert content_client.get(change_url(inquiry)).status_code == 403
    index = content_client.get("/admin/")
    assertNotContains(index, "Inquiries")
    assertNotContains(index, "inquiry-dashboard")
    assertNotContains(index, "sales-queue")
    assertNotContains(index, "Dana Whitfield")


def test_content_staff_can_edit_articles(content_client):
    assert content_client.get("/admin/articles/article/").status_code == 200


def test_nobody_adds_inquiries_by_hand(sales_client):
    assert sales_client.get(f"{CHANGELIST}add/").status_code == 403


# The list


def test_queue_shows_date_name_company_interest_status_assignee_and_source(
    sales_client, make_inquiry, article, sales_user
):
    make_inquiry(article=article, assigned_to=sales_user, company="Globex")

    response = sales_client.get(CHANGELIST)

    for text in ("Globex", "vCISO (security leadership)", "New", "sam.sales"):
        assertContains(response, text)
    assertContains(response, "vCIO or vCISO?")


def test_open_inquiries_are_oldest_first_and_closed_ones_newest_first(
    sales_client, make_inquiry
):
    make_inquiry(name="Older Prospect", created_at=timezone.now() - timedelta(days=2))
    make_inquiry(name="Newer Prospect")
    make_inquiry(name="Won Before", status=Inquiry.Status.WON)
    make_inquiry(
        name="Won Long Ago",
        status=Inquiry.Status.WON,
        created_at=timezone.now() - timedelta(days=9),
    )

    queue = sales_client.get(CHANGELIST).content.decode()
    closed = sales_client.get(CHANGELIST + "?queue=closed").content.decode()

    assert queue.index("Older Prospect") < queue.index("Newer Prospect")
    assert "Won Before" not in queue
    assert closed.index("Won Before") < closed.index("Won Long Ago")


def test_spam_is_hidden_from_the_queue_until_asked_for(sales_client, make_inquiry):
    make_inquiry(name="Spammy Bot", status=Inquiry.Status.SPAM)
    make_inquiry(name="Real Prospect")

    queue = sales_client.get(CHANGELIST)
    spam = sales_client.get(CHANGELIST + "?queue=spam")

    assertNotContains(queue, "Spammy Bot")
    assertContains(queue, "Real Prospect")
    assertContains(spam, "Spammy Bot")
    assertNotContains(spam, "Real Prospect")


@pytest.mark.parametrize(
    "query",
    ["?status__exact=won", "?interest__exact=vcio", "?q=globex", "?q=budget+approved"],
)
def test_filters_and_search_find_the_right_inquiry(sales_client, make_inquiry, query):
    make_inquiry(
        name="Match",
        company="Globex",
        status=Inquiry.Status.WON,
        interest=Inquiry.Interest.VCIO,
        message="Budget approved for Q3.",
    )
    make_inquiry(name="Other")

    response = sales_client.get(CHANGELIST + query)

    assertContains(response, "Match")
    assertNotContains(response, ">Other<")


def test_filter_by_assignee(sales_client, make_inquiry, sales_user):
    make_inquiry(name="Mine", assigned_to=sales_user)
    make_inquiry(name="Nobody's")

    response = sales_client.get(f"{CHANGELIST}?assignee={sales_user.pk}")

    assertContains(response, "Mine")
    assertNotContains(response, "Nobody&#x27;s")


def test_hostile_input_is_escaped_in_the_admin(sales_client, make_inquiry):
    inquiry = make_inquiry(
        name="<script>alert('x')</script>", message="<img src=x onerror=alert(1)>"
    )

    for response in (
        sales_client.get(CHANGELIST),
        sales_client.get(change_url(inquiry)),
    ):
        assertNotContains(response, "<script>alert")
        assertContains(response, "&lt;script&gt;")
    assertNotContains(sales_client.get(change_url(inquiry)), "<img src=x")


# The workflow


def test_sales_changes_status_assignee_and_adds_a_note(
    sales_client, make_inquiry, sales_user
):
    inquiry = make_inquiry()

    response = sales_client.post(
        change_url(inquiry),
        {
            "status": "qualified",
            "assigned_to": sales_user.pk,
            "name": "Changed by a hacker",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Called; budget confirmed.",
            "notes-0-inquiry": inquiry.pk,
        },
    )

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.QUALIFIED
    assert inquiry.assigned_to == sales_user
    # What the prospect submitted is read-only.
    assert inquiry.name == "Dana Whitfield"
    note = inquiry.notes.get()
    assert note.author == sales_user
    assert note.text == "Called; budget confirmed."


@pytest.mark.parametrize("client_fixture", ["sales_client", "admin_client"])
def test_an_existing_note_can_be_neither_rewritten_nor_deleted(
    request, client_fixture, make_inquiry, sales_user
):
    staff = request.getfixturevalue(client_fixture)
    inquiry = make_inquiry()
    note = inquiry.notes.create(text="Called; budget confirmed.", author=sales_user)

    page = staff.get(change_url(inquiry))
    staff.post(
        change_url(inquiry),
        {
            "status": "new",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "1",
            "notes-0-id": note.pk,
            "notes-0-inquiry": inquiry.pk,
            "notes-0-text": "Never called.",
            "notes-0-DELETE": "on",
        },
    )

    # The note reads on the timeline; the only box is for a new one.
    assertContains(page, "Called; budget confirmed.")
    assertNotContains(page, "Called; budget confirmed.</textarea>")
    assertNotContains(page, 'name="notes-0-DELETE"')
    note.refresh_from_db()
    assert note.text == "Called; budget confirmed."


def test_submitted_fields_are_read_only_on_the_change_page(sales_client, make_inquiry):
    response = sales_client.get(change_url(make_inquiry()))

    assertContains(response, 'name="status"')
    assertContains(response, 'name="assigned_to"')
    assertNotContains(response, 'name="name"')
    assertNotContains(response, 'name="message"')
    assertContains(response, "We need a security lead.")


def test_setting_status_to_spam_moves_it_out_of_the_queue(sales_client, make_inquiry):
    inquiry = make_inquiry()

    sales_client.post(
        change_url(inquiry),
        {
            "status": "spam",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )

    inquiry.refresh_from_db()
    assert inquiry.is_spam
    assert "sam.sales" in inquiry.spam_reason


def test_assessment_answers_are_shown_read_only_when_present(
    sales_client, make_inquiry
):
    plain = sales_client.get(change_url(make_inquiry()))
    assessed = sales_client.get(
        change_url(make_inquiry(assessment_recommendation="vciso"))
    )

    assertNotContains(plain, "Readiness assessment")
    assertContains(assessed, "Readiness assessment")


# Bulk actions


def test_bulk_mark_contacted(sales_client, make_inquiry):
    first, second = make_inquiry(), make_inquiry()

    run_action(sales_client, "mark_contacted", first, second)

    assert set(Inquiry.objects.values_list("status", flat=True)) == {"contacted"}
    # Each is on its timeline and in its history, as one click would be.
    for inquiry in (first, second):
        event = inquiry.events.get()
        assert (event.before, event.after) == ("New", "Contacted")
        history = sales_client.get(f"{CHANGELIST}{inquiry.pk}/history/")
        assertContains(history, "status: New → Contacted")


def test_bulk_assign_to_me(sales_client, make_inquiry, sales_user):
    inquiry = make_inquiry()

    run_action(sales_client, "assign_to_me", inquiry)

    inquiry.refresh_from_db()
    assert inquiry.assigned_to == sales_user


def test_bulk_mark_spam_quarantines_and_holds_the_notification(
    sales_client, make_inquiry
):
    inquiry = make_inquiry(notification_status=Inquiry.NotificationStatus.FAILED)

    run_action(sales_client, "mark_spam", inquiry)

    inquiry.refresh_from_db()
    assert inquiry.is_spam and inquiry.status == Inquiry.Status.SPAM
    assert inquiry.notification_status == Inquiry.NotificationStatus.HELD


def test_not_spam_restores_it_and_sends_the_missed_notification(
    sales_client, make_inquiry, django_capture_on_commit_callbacks
):
    inquiry = make_inquiry(
        status=Inquiry.Status.SPAM,
        spam_reason="Filled in the hidden honeypot field.",
        notification_status=Inquiry.NotificationStatus.HELD,
    )

    with django_capture_on_commit_callbacks(execute=True):
        run_action(sales_client, "mark_not_spam", inquiry, spam=True)

    inquiry.refresh_from_db()
    assert not inquiry.is_spam
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.notification_status == Inquiry.NotificationStatus.SENT
    assert mail.outbox[0].reply_to == ["dana@northwind.example"]


def test_resend_notification(sales_client, make_inquiry):
    inquiry = make_inquiry(notification_status=Inquiry.NotificationStatus.FAILED)

    response = run_action(sales_client, "resend_notification", inquiry)

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.notification_status == Inquiry.NotificationStatus.SENT
    assert mail.outbox[0].subject.startswith("New inquiry: Dana Whitfield")


# CSV export


def exported_rows(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_export_is_excel_friendly_csv_with_readable_headers(sales_client, make_inquiry):
    make_inquiry(name="Zoë Ångström", company="Café Ünïcode")

    response = export(sales_client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    header, row = exported_rows(response)
    assert header[:5] == ["Submitted", "Name", "Work email", "Company", "Phone"]
    assert row[1] == "Zoë Ångström"
    assert row[3] == "Café Ünïcode"


@pytest.mark.parametrize(
    "dangerous",
    [
        "=cmd()",
        '=HYPERLINK("http://evil")',
        "+1+2",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        " =cmd()",
        "  \t=cmd()",
        "\t\t@SUM(A1)",
        "\r\n=cmd()",
        "\u00a0=cmd()",
        "\u3000+1",
    ],
)
def test_export_neutralises_spreadsheet_formulas(sales_client, make_inquiry, dangerous):
    make_inquiry(company=dangerous, message="=cmd()|' /C calc'!A0")

    _, row = exported_rows(export(sales_client))

    assert row[3] == "'" + dangerous
    assert row[10].startswith("'=cmd()")


def test_export_has_notes_the_assessment_in_words_and_phones_without_apostrophes(
    sales_client, make_inquiry, sales_user
):
    inquiry = make_inquiry(
        phone="+15125550142",
        assessment_answers={"security_early": "sometimes"},
        assessment_recommendation="vciso",
    )
    inquiry.notes.create(author=sales_user, text="Called; budget confirmed.")
    inquiry.notes.create(author=sales_user, text="=HYPERLINK() sent by mistake")

    header, row = exported_rows(export(sales_client))
    values = dict(zip(header, row, strict=True))

    assert values["Phone"] == "(512) 555-0142"
    assert "sam.sales: Called; budget confirmed." in values["Internal notes"]
    assert values["Internal notes"].index("Called") < values["Internal notes"].index(
        "=HYPERLINK"
    )
    assert values["Assessment result"] == "Start with a vCISO"
    assert values["Assessment answers"] == (
        "Is security considered before you choose a new system or vendor? Sometimes"
    )


def test_export_queries_stay_few_however_many_notes(
    sales_client, make_inquiry, sales_user, django_assert_max_num_queries
):
    inquiries = [make_inquiry() for _ in range(5)]
    for inquiry in inquiries:
        inquiry.notes.create(author=sales_user, text="A note.")

    # 14: the second factor's device, and the export's line (a count and an
    # insert) in the audit trail.
    with django_assert_max_num_queries(14):
        response = export(sales_client)

    assert len(exported_rows(response)) == 6


def test_export_needs_the_export_permission(client, make_inquiry, sales_user):
    from django.contrib.auth.models import Permission

    sales_user.groups.clear()
    sales_user.user_permissions.add(
        Permission.objects.get(codename="view_inquiry"),
        Permission.objects.get(codename="change_inquiry"),
    )
    log_in_verified(client, sales_user)

    response = export(client)

    assert response.status_code == 403


# Dashboard


def test_admin_index_shows_the_sales_dashboard_as_svg(
    sales_client, make_inquiry, article
):
    make_inquiry(interest=Inquiry.Interest.VCIO, article=article)
    make_inquiry(created_at=timezone.now() - timedelta(weeks=3))
    make_inquiry(status=Inquiry.Status.SPAM)  # spam is not counted

    response = sales_client.get(f"{CHANGELIST}reports/")

    assertContains(response, '<svg class="inquiry-chart__svg"', count=2)
    assertContains(response, "Inquiries per week by interest")
    assertContains(response, "Inquiries per week by source article")
    assertContains(response, "(2 in total)", count=2)
    assertContains(response, "vCIO or vCISO?")
    assertContains(response, '<rect class="chart-interest-vcio"')
    assertContains(response, '<rect class="chart-article-0"')
    content = response.content.decode()
    dashboard = content[
        content.index("inquiry-dashboard") : content.index("</section>")
    ]
    assert "<script" not in dashboard
    assert "style=" not in dashboard


def test_every_series_keeps_one_colour_across_both_charts(
    sales_client, make_inquiry, article
):
    make_inquiry(interest=Inquiry.Interest.VCISO, article=article)

    content = sales_client.get(f"{CHANGELIST}reports/").content.decode()

    # The first interest and the first article are different series.
    assert '<rect class="chart-interest-vciso"' in content
    assert '<rect class="chart-article-0"' in content


# The queue on the admin index


def test_sales_sees_new_unassigned_inquiries_oldest_first_with_their_age(
    sales_client, make_inquiry, sales_user
):
    make_inquiry(name="Recent Prospect", created_at=timezone.now() - timedelta(hours=3))
    make_inquiry(name="Older Prospect", created_at=timezone.now() - timedelta(days=2))
    make_inquiry(name="Taken Prospect", assigned_to=sales_user)
    make_inquiry(name="Answered Prospect", status=Inquiry.Status.CONTACTED)

    response = sales_client.get("/admin/")

    assertContains(response, "New and unassigned, oldest first")
    assertContains(response, "waiting 3\xa0hours")
    assertContains(response, "waiting 2\xa0days")
    content = response.content.decode()
    queue = content[content.index("sales-queue") : content.index("sales-queue__more")]
    assert queue.index("Older Prospect") < queue.index("Recent Prospect")
    assert "Taken Prospect" not in queue
    assert "Answered Prospect" not in queue


def test_an_inquiry_left_new_past_the_business_hours_is_flagged_overdue(
    sales_client, make_inquiry, sales_user, settings
):
    settings.INQUIRY_RESPONSE_BUSINESS_HOURS = 8
    make_inquiry(name="Fresh Prospect")
    make_inquiry(
        name="Waiting Prospect", created_at=timezone.now() - timedelta(weeks=1)
    )
    make_inquiry(
        name="Forgotten Prospect",
        assigned_to=sales_user,
        created_at=timezone.now() - timedelta(weeks=1),
    )

    response = sales_client.get("/admin/")

    assertContains(response, "2 overdue.")
    assertContains(response, "Overdue</strong>", count=2)
    assertContains(response, "Assigned but still new and overdue")
    # The fresh one is listed, unflagged.
    assertContains(response, "Fresh Prospect")
    assertContains(response, "sales-queue__item--overdue", count=2)


def test_every_overdue_inquiry_is_counted_and_flagged_however_long_the_queue(
    sales_client, sales_user, make_inquiry, monkeypatch
):
    monkeypatch.setattr("sales.dashboard.QUEUE_LENGTH", 2)
    for days in (30, 29, 28):
        make_inquiry(
            created_at=timezone.now() - timedelta(days=days), assigned_to=sales_user
        )
    make_inquiry(name="Left Alone", created_at=timezone.now() - timedelta(days=7))

    response = sales_client.get("/admin/")

    assertContains(response, "4 overdue.")
    page = response.content.decode()
    left_alone = page[page.index("Left Alone") - 300 : page.index("Left Alone")]
    assert "sales-queue__item--overdue" in left_alone


def test_changing_the_status_in_the_admin_stops_the_clock(sales_client, make_inquiry):
    inquiry = make_inquiry(
        name="Late Prospect", created_at=timezone.now() - timedelta(weeks=1)
    )
    overdue_before = sales_client.get(f"{CHANGELIST}?queue=overdue")
    assertContains(overdue_before, "Late Prospect")
    assertContains(overdue_before, "Overdue</strong>")

    sales_client.post(
        change_url(inquiry),
        {
            "status": "contacted",
            "assigned_to": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
        follow=True,
    )

    # What the desk shows: gone from Overdue, no flag on the list, no count
    # on the landing page.
    assertNotContains(sales_client.get(f"{CHANGELIST}?queue=overdue"), "Late Prospect")
    assertNotContains(sales_client.get(f"{CHANGELIST}?queue=all"), "Overdue</strong>")
    assertNotContains(sales_client.get("/admin/"), "overdue.")


def test_the_admin_index_queries_stay_few_however_many_inquiries_wait(
    sales_client, make_inquiry, article, sales_user, django_assert_max_num_queries
):
    for n in range(12):
        make_inquiry(
            name=f"Prospect {n}",
            article=article if n % 2 else None,
            assigned_to=sales_user if n % 3 == 0 else None,
            created_at=timezone.now() - timedelta(days=n),
        )

    with django_assert_max_num_queries(12):
        response = sales_client.get("/admin/")

    assertContains(response, "Prospect 11")


@pytest.mark.parametrize(
    ("now", "hours", "expected"),
    [
        # Within one day.
        ((2026, 12, 2, 15, 0), 2, (2026, 12, 2, 13, 0)),
        # Monday morning reaches back into Friday.
        ((2026, 11, 30, 10, 0), 8, (2026, 11, 27, 12, 0)),
        # From a Saturday, the clock stopped at Friday 18:00.
        ((2026, 12, 5, 12, 0), 1, (2026, 12, 4, 17, 0)),
        # Before opening counts from the previous evening.
        ((2026, 12, 2, 7, 0), 10, (2026, 12, 1, 8, 0)),
        # A weekday evening after 18:00 is not business time: 20:00 counts
        # as 18:00.
        ((2026, 12, 2, 20, 0), 1, (2026, 12, 2, 17, 0)),
        ((2026, 12, 2, 18, 30), 11, (2026, 12, 1, 17, 0)),
    ],
)
def test_business_hours_count_only_weekdays_from_eight_to_six(now, hours, expected):
    from datetime import datetime

    from contact.models import business_hours_before

    moment = timezone.make_aware(datetime(*now))

    assert business_hours_before(moment, hours) == timezone.make_aware(
        datetime(*expected)
    )


# The list and the inquiry page, as sales uses them


def test_queue_links_email_and_phone_and_shows_the_phone_as_people_write_it(
    sales_client, make_inquiry
):
    make_inquiry(phone="+15125550142")

    response = sales_client.get(CHANGELIST)

    # The address may break before its "@", never inside a word.
    assertContains(
        response,
        '<a href="mailto:dana@northwind.example">dana<wbr>@northwind.example</a>',
    )
    assertContains(response, '<a href="tel:+15125550142">(512) 555-0142</a>')


def test_queue_shows_the_source_as_a_short_title_and_the_sections_heading(
    sales_client, make_inquiry, article
):
    article.title = "What does a fractional vCISO actually do for a growing company"
    article.save()
    make_inquiry(article=article, article_section="security-leadership")

    response = sales_client.get(CHANGELIST)

    assertContains(response, "What does a fractional vCISO… / Security leadership")
    # The whole title stays one hover away.
    assertContains(response, f'title="{article.title} — Security leadership"')


def test_inquiry_page_starts_with_contact_details_and_notes_and_folds_tracking(
    sales_client, make_inquiry
):
    inquiry = make_inquiry(phone="+15125550142", utm_source="linkedin")

    response = sales_client.get(change_url(inquiry))

    content = response.content.decode()
    order = [
        content.index("Work email"),
        content.index("We need a security lead."),
        content.index("Assign to me"),
        content.index("Follow-up"),
        content.index("Timeline"),
        content.index("Add a note"),
        content.index("Where they came from"),
        content.index("Sales notification"),
    ]
    assert order == sorted(order)
    assertContains(response, 'href="mailto:dana@northwind.example"')
    assertContains(response, 'href="tel:+15125550142"')
    # Tracking and delivery are folded (Django renders "collapse" as <details>).
    assertContains(response, "<details><summary>", count=3)

"""Journey 3: a salesperson works the queue; content editors are kept out."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from contact.models import Inquiry
from tests.browser.checks import axe_violations
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    log_in_through_the_form,
    save_screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/admin/contact/inquiry/"


def make_inquiry(name: str, age: timedelta, **fields) -> Inquiry:
    now = timezone.now()
    fields.setdefault("email", f"{name.split()[0].lower()}@example.com")
    fields.setdefault("notification_status", Inquiry.NotificationStatus.SENT)
    return Inquiry.objects.create(
        name=name,
        company=f"{name.split()[-1]} Holdings",
        interest=Inquiry.Interest.VCISO,
        message="We need someone to own security before our SOC 2 audit.",
        consented_at=now - age,
        created_at=now - age,
        **fields,
    )


@pytest.fixture
def salesperson(make_staff_user):
    user = make_staff_user("sam", role="sales")
    user.email = "sam@steadfastpartners.example"
    user.save()
    return user


@pytest.fixture
def queue(salesperson, make_staff_user):
    """A morning's desk: someone's, nobody's, overdue, held, a repeat sender.

    Only Olivia waited long enough to be overdue (a week); every other one
    came in under the 8 business hours, whatever the day the suite runs.
    """
    colleague = make_staff_user("riley", role="sales")
    week = timedelta(weeks=1)  # overdue whatever weekday the suite runs on
    return {
        "older": make_inquiry("Olivia Older", week),
        "newest": make_inquiry(
            "Priya Newman",
            timedelta(minutes=5),
            article=Article.objects.published().first(),
            phone="+15125550142",
        ),
        "mine": make_inquiry(
            "Marcus Mine", timedelta(minutes=30), assigned_to=salesperson
        ),
        "theirs": make_inquiry(
            "Tara Theirs",
            timedelta(hours=3),
            assigned_to=colleague,
            status=Inquiry.Status.CONTACTED,
        ),
        "first": make_inquiry("Ann Early", timedelta(hours=2), email="a@x.com"),
        "second": make_inquiry("Ann Later", timedelta(hours=1), email="A+later@X.com"),
        "held": make_inquiry(
            "Hasty Filler",
            timedelta(hours=2),
            status=Inquiry.Status.SPAM,
            spam_reason="Sent 1.4s after the form was shown.",
            notification_status=Inquiry.NotificationStatus.HELD,
        ),
    }


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def listed_names(page) -> set[str]:
    return set(
        page.locator("#result_list tbody .field-name_display a").all_inner_texts()
    )


def visible_in_viewport(locator, page) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] + box["width"] <= page.viewport_size["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_salesperson_reads_each_view_without_scrolling_sideways(
    open_page, log_in, salesperson, queue, viewport
):
    page, _ = open_page(viewport, phone=viewport is PHONE)
    log_in(page, salesperson)

    # The landing page leads with the queue: oldest first, overdue flagged,
    # every view counted, the held inquiry announced.
    page.goto("/admin/")
    desk = page.locator(".sales-queue")
    expect(desk.locator(".sales-queue__item").first).to_contain_text("Olivia Older")
    expect(desk.locator(".sales-queue__flag").first).to_have_text("Overdue")
    expect(desk.get_by_role("link", name="Held for review (1)")).to_be_visible()
    expect(desk.get_by_role("link", name="Mine (1)")).to_be_visible()
    assert page.locator(".inquiry-chart").count() == 0  # charts have their page
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    save_screenshot(page, "admin-sales-landing")

    views = {
        "mine": ("admin-queue-mine", {"Marcus Mine"}),
        "unassigned": (
            "admin-queue-unassigned",
            {"Olivia Older", "Priya Newman", "Ann Early", "Ann Later 2nd inquiry"},
        ),
        "overdue": ("admin-queue-overdue", {"Olivia Older"}),
        "open": (
            "admin-inquiry-list",
            {
                "Olivia Older",
                "Priya Newman",
                "Marcus Mine",
                "Tara Theirs",
                "Ann Early",
                "Ann Later 2nd inquiry",
            },
        ),
        "held": ("admin-queue-held", {"Hasty Filler"}),
    }
    for view, (screenshot, names) in views.items():
        page.goto(f"{LIST}?queue={view}")
        assert listed_names(page) == names, view
        first_row = page.locator("#result_list tbody tr").first
        for column in ("name_display", "company", "status_display", "age_display"):
            cell = first_row.locator(f".field-{column}")
            expect(cell).to_be_visible()
            assert visible_in_viewport(cell, page), (view, column)
        assert no_sideways_scroll(page), view
        assert axe_violations(page) == [], view
        save_screenshot(page, screenshot)

    # Status and assignee on every row of the full list, in view.
    page.goto(f"{LIST}?queue=open")
    row = page.locator("#result_list tbody tr", has_text="Tara Theirs")
    for column in ("status_display", "assignee_display", "interest_display"):
        assert visible_in_viewport(row.locator(f".field-{column}"), page), column
    expect(row.locator(".field-assignee_display")).to_have_text("riley")
    expect(row.locator(".status-badge")).to_have_text("Contacted")
    if viewport is DESKTOP:
        source = row.locator(".field-source_display")
        assert visible_in_viewport(source, page)
    overdue_row = page.locator("#result_list tbody tr", has_text="Olivia Older")
    expect(overdue_row.locator(".overdue-badge")).to_have_text("Overdue")

    # The reports page holds the charts.
    page.goto(f"{LIST}reports/")
    expect(page.locator(".inquiry-chart")).to_have_count(2)
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_salesperson_takes_an_inquiry_and_marks_it_contacted_in_two_clicks(
    open_page, log_in, salesperson, queue, viewport
):
    older = queue["older"]
    page, _ = open_page(viewport, phone=viewport is PHONE)
    log_in(page, salesperson)

    page.goto(f"{LIST}?queue=unassigned")
    page.get_by_role("link", name="Olivia Older").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Inquiry from Olivia Older"
    )
    expect(page.locator(".workspace .overdue-badge")).to_be_visible()
    # The way on through the view it came from.
    expect(page.locator(".inquiry-pager")).to_contain_text("1 of 4 in this view")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    save_screenshot(page, "admin-inquiry")

    page.get_by_role("button", name="Assign to me").click()
    expect(page.locator(".messagelist")).to_contain_text("Assigned to you.")
    page.get_by_role("button", name="Mark contacted").click()
    expect(page.locator(".messagelist")).to_contain_text("Status: Contacted.")

    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Status: New → Contacted")
    expect(timeline).to_contain_text("Assignee: nobody → sam")
    older.refresh_from_db()
    assert older.status == Inquiry.Status.CONTACTED
    assert older.assigned_to == salesperson
    expect(page.locator(".workspace .overdue-badge")).to_have_count(0)
    assert axe_violations(page) == []

    # The next inquiry in the view is one click away, the view carried along.
    page.get_by_role("link", name="Next →").click()
    expect(page.locator(".inquiry-pager")).to_contain_text("in this view")
    assert "_changelist_filters=queue%3Dunassigned" in page.url


def test_a_follow_up_set_today_comes_back_in_the_digest(
    open_page, log_in, salesperson, queue
):
    page, _ = open_page(DESKTOP)
    log_in(page, salesperson)

    page.goto(f"{LIST}{queue['mine'].pk}/change/")
    page.get_by_label("Next follow-up").fill(timezone.localdate().isoformat())
    page.locator("textarea[name='notes-0-text']").fill("Call back after lunch.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    expect(page.locator(".timeline")).to_contain_text("Next follow-up: none →")
    expect(page.locator(".timeline")).to_contain_text("Call back after lunch.")

    mail.outbox.clear()
    call_command("send_sales_digest", stdout=io.StringIO())

    (digest,) = [m for m in mail.outbox if m.to == [salesperson.email]]
    follow_ups = digest.body.split("Your follow-ups due today or earlier")[1]
    assert "Marcus Mine" in follow_ups.split("\n\n")[0]
    assert "Hasty Filler" in digest.body  # held for review, announced too


def test_two_inquiries_from_one_mailbox_link_to_each_other(
    open_page, log_in, salesperson, queue
):
    page, _ = open_page(PHONE, phone=True)
    log_in(page, salesperson)

    page.goto(f"{LIST}{queue['second'].pk}/change/")
    same = page.locator(".workspace__same")
    expect(same).to_contain_text("a@x.com")
    same.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inquiry from Ann Early")
    expect(page.locator(".workspace__same")).to_contain_text("A+later@X.com")
    assert axe_violations(page) == []


def test_held_inquiry_goes_back_to_the_queue_in_one_click(
    open_page, log_in, salesperson, queue
):
    page, _ = open_page(DESKTOP)
    log_in(page, salesperson)

    page.goto(f"{LIST}?queue=held")
    page.get_by_role("link", name="Hasty Filler").click()
    expect(page.locator(".workspace")).to_contain_text("Sent 1.4s after the form")
    page.get_by_role("button", name="Not spam").click()

    expect(page.locator(".timeline")).to_contain_text("Status: Spam → New")
    held = queue["held"]
    held.refresh_from_db()
    assert not held.is_spam
    assert held.notification_status == Inquiry.NotificationStatus.SENT
    assert any(m.subject.startswith("New inquiry: Hasty Filler") for m in mail.outbox)


def test_export_downloads_the_view_on_screen(open_page, salesperson, queue):
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "sam")

    page.goto(f"{LIST}?queue=unassigned")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export this view (CSV)").click()
    download = download_info.value

    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text("utf-8-sig"))))
    assert [row["Name"] for row in rows] == [
        "Olivia Older",
        "Ann Early",
        "Ann Later",
        "Priya Newman",
    ]


def test_content_editor_cannot_open_the_inquiries(open_page, make_staff_user, queue):
    make_staff_user("erin", role="content")
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "erin")

    expect(page.get_by_role("link", name="Inquiries")).to_have_count(0)
    for path in [
        LIST,
        f"{LIST}{queue['newest'].pk}/change/",
        f"{LIST}export/",
        f"{LIST}reports/",
        "/admin/sales/replytemplate/",
    ]:
        response = page.goto(path)
        assert response.status == 403, path
        expect(page.locator("body")).not_to_contain_text("Priya Newman")

"""Journey 3: a salesperson works the newest inquiry; content editors are kept out."""

import csv
import io
import re
from datetime import timedelta

import pytest
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


def make_inquiry(name: str, age: timedelta, **fields) -> Inquiry:
    now = timezone.now()
    return Inquiry.objects.create(
        name=name,
        email=f"{name.split()[0].lower()}@example.com",
        company=f"{name.split()[-1]} Holdings",
        interest=Inquiry.Interest.VCISO,
        message="We need someone to own security before our SOC 2 audit.",
        consented_at=now - age,
        created_at=now - age,
        **fields,
    )


@pytest.fixture
def inquiries():
    make_inquiry("Olivia Older", timedelta(days=2))
    return make_inquiry(
        "Priya Newman",
        timedelta(minutes=5),
        article=Article.objects.published().first(),
    )


def test_salesperson_works_the_newest_inquiry_and_exports_the_queue(
    open_page, make_staff_user, inquiries
):
    newest = inquiries
    salesperson = make_staff_user("sam", role="sales")
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "sam")

    # The newest inquiry is at the top of the queue.
    page.locator("#content-main a[href='/admin/contact/inquiry/']").first.click()
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Priya Newman")
    expect(rows.nth(1)).to_contain_text("Olivia Older")
    assert axe_violations(page) == []

    # Open it, take it, mark it contacted, leave a note.
    rows.first.get_by_role("link", name="Priya Newman").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change inquiry")
    assert axe_violations(page) == []
    page.get_by_label("Assignee").select_option(str(salesperson.pk))
    page.locator("#id_status").select_option("contacted")
    page.locator("textarea[name$='-0-text']").fill(
        "Called Priya; demo booked for Thursday."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    newest.refresh_from_db()
    assert newest.status == Inquiry.Status.CONTACTED
    assert newest.assigned_to == salesperson
    note = newest.notes.get()
    assert note.text == "Called Priya; demo booked for Thursday."
    assert note.author == salesperson

    # Export the queue as CSV.
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option(
        label="Export selected as CSV (Excel)"
    )
    with page.expect_download() as download_info:
        page.get_by_role("button", name=re.compile("^(Run|Go)$")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    exported = download.path().read_text(encoding="utf-8-sig")
    rows_out = list(csv.reader(io.StringIO(exported)))
    assert len(rows_out) == 3  # the header and both inquiries
    assert "Priya Newman" in exported and "Olivia Older" in exported
    assert "Contacted" in exported or "contacted" in exported


def test_content_editor_cannot_open_the_inquiries(
    open_page, make_staff_user, inquiries
):
    make_staff_user("erin", role="content")
    page, _ = open_page(DESKTOP)
    log_in_through_the_form(page, "erin")

    expect(page.get_by_role("link", name="Inquiries")).to_have_count(0)
    for path in [
        "/admin/contact/inquiry/",
        f"/admin/contact/inquiry/{inquiries.pk}/change/",
    ]:
        response = page.goto(path)
        assert response.status == 403, path
        expect(page.locator("body")).not_to_contain_text("Priya Newman")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_salesperson_lands_on_the_new_inquiries_and_can_call_or_email_them(
    open_page, make_staff_user, log_in, inquiries, viewport
):
    newest = inquiries
    newest.phone = "+15125550142"
    newest.save()
    # Untouched for a week: overdue whatever the weekday the suite runs on.
    Inquiry.objects.filter(name="Olivia Older").update(
        status_changed_at=timezone.now() - timedelta(weeks=1)
    )
    page, _ = open_page(viewport, phone=viewport is PHONE)
    log_in(page, make_staff_user("sam", role="sales"))

    # The landing page starts with the work: new inquiries, oldest first.
    page.goto("/admin/")
    queue = page.locator(".sales-queue")
    expect(queue.locator(".sales-queue__item").first).to_contain_text("Olivia Older")
    expect(queue).to_contain_text("Priya Newman")
    expect(queue).to_contain_text("waiting 2\xa0days")
    expect(queue.locator(".sales-queue__flag").first).to_have_text("Overdue")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    save_screenshot(page, "admin-sales-landing")

    # The list: email and phone are links to write or call.
    page.goto("/admin/contact/inquiry/")
    row = page.locator("#result_list tbody tr", has_text="Priya Newman")
    expect(row.locator('a[href="mailto:priya@example.com"]')).to_be_visible()
    expect(row.locator('a[href="tel:+15125550142"]')).to_have_text("(512) 555-0142")
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    save_screenshot(page, "admin-inquiry-list")

    # The inquiry: contact details first, tracking folded away.
    row.get_by_role("link", name="Priya Newman").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change inquiry")
    expect(page.locator(".field-landing_page")).to_be_hidden()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    save_screenshot(page, "admin-inquiry")


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from contact.models import Inquiry
from insights.models import DailyCount, Event

pytestmark = pytest.mark.django_db

INSIGHTS_URL = reverse("admin:insights_countedpage_changelist")


def count(page, event, section="", days_ago=0, times=1):
    DailyCount.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago),
        page=page,
        event=event,
        section=section,
        count=times,
    )


def inquiry_from(article, section, days_ago=0):
    return Inquiry.objects.create(
        name="Pat Prospect",
        email="pat@example.com",
        company="Example Co",
        interest=Inquiry.Interest.VCISO,
        message="Hello",
        consented_at=timezone.now(),
        created_at=timezone.now() - timedelta(days=days_ago),
        article=article,
        article_section=section,
    )


@pytest.fixture
def counted_article(read_article, article):
    count(read_article, Event.VIEW, times=12)
    count(read_article, Event.VIEW, days_ago=40, times=5)
    count(read_article, Event.SEEN, "security-leadership", times=9)
    count(read_article, Event.CALL, "security-leadership", times=2)
    count(read_article, Event.SEEN, "security-leadership", days_ago=20, times=4)
    inquiry_from(article, "security-leadership")
    return read_article


@pytest.mark.parametrize("staff", ["content_client", "sales_client"])
def test_content_and_sales_see_insights_for_each_page(request, staff, counted_article):
    client = request.getfixturevalue(staff)
    assert INSIGHTS_URL.encode() in client.get(reverse("admin:index")).content
    response = client.get(INSIGHTS_URL)
    assert response.status_code == 200
    assert "vCIO or vCISO?" in response.text
    assert f"?days=30&amp;page={counted_article.pk}" in response.text
    assert "<svg" in response.text


def test_the_funnel_runs_down_the_page_with_two_periods(
    content_client, counted_article
):
    response = content_client.get(INSIGHTS_URL, {"page": counted_article.pk})
    rows = response.context["rows"]
    assert [row.label for row in rows][:2] == ["Page views", "Security leadership"]
    by_key = {row.key: row for row in rows}
    assert by_key[""].shown_now == 12
    assert by_key[""].shown_before == 5  # 40 days ago: the 30 days before
    section = by_key["security-leadership"]
    assert (section.shown_now, section.shown_before) == (13, 0)
    assert section.figures.now["call"] == 2
    assert section.figures.now["inquiries"] == 1
    assert response.context["totals"] == [
        ("Visitors (each once a day)", 0, 0),
        ("Inquiries sent in all", 1, 0),
    ]
    assert 'aria-label="13 in this period, 0 in the one before"' in response.text


def test_a_shorter_period_moves_older_counts_to_the_one_before(
    sales_client, counted_article
):
    response = sales_client.get(INSIGHTS_URL, {"page": counted_article.pk, "days": 7})
    section = {row.key: row for row in response.context["rows"]}["security-leadership"]
    assert (section.shown_now, section.shown_before) == (9, 0)
    response = sales_client.get(INSIGHTS_URL, {"page": counted_article.pk, "days": 90})
    views = response.context["rows"][0]
    assert (views.shown_now, views.shown_before) == (17, 0)


def test_the_csv_is_the_table_shown(content_client, counted_article):
    response = content_client.get(
        INSIGHTS_URL, {"page": counted_article.pk, "days": 30, "format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('"Section","Heading id","Seen (first row: views)')
    assert lines[1].startswith('"Page views","","12","5"')
    assert any(
        line.startswith('"Security leadership","security-leadership","13","0","2"')
        for line in lines
    )
    assert lines[-1] == '"Inquiries sent in all","","1","0"'
    overview = content_client.get(INSIGHTS_URL, {"format": "csv"})
    assert '"vCIO or vCISO?","/articles/vcio-or-vciso/","12","5"' in (
        overview.content.decode("utf-8-sig")
    )


def test_staff_without_the_permission_cannot_see_insights(
    content_client, counted_article
):
    Group.objects.get(name="Content").permissions.remove(
        Permission.objects.get(codename="view_insights")
    )
    assert content_client.get(INSIGHTS_URL).status_code == 403
    assert (
        INSIGHTS_URL.encode() not in content_client.get(reverse("admin:index")).content
    )


def test_insights_cannot_be_edited(content_client, counted_article):
    change = reverse("admin:insights_countedpage_change", args=[counted_article.pk])
    assert content_client.get(change)["Location"] == (
        f"{INSIGHTS_URL}?page={counted_article.pk}"
    )
    assert content_client.post(change, {"title": "Edited"}).status_code == 302
    counted_article.refresh_from_db()
    assert counted_article.title == "vCIO or vCISO?"
    assert (
        content_client.get(reverse("admin:insights_countedpage_add")).status_code == 403
    )


@pytest.mark.parametrize("group_name", ["Content", "Sales"])
def test_both_groups_hold_the_permission(group_name):
    group = Group.objects.get(name=group_name)
    assert group.permissions.filter(codename="view_insights").exists()


def test_an_unknown_page_or_period_is_handled(content_client, counted_article):
    assert content_client.get(INSIGHTS_URL, {"page": 999}).status_code == 404
    response = content_client.get(INSIGHTS_URL, {"days": "junk"})
    assert response.status_code == 200
    assert response.context["days"] == 30

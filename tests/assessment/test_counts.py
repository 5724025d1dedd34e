"""The anonymous counts, and what sales see of them in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from assessment.models import DailyAssessmentCount, DailyCountQuerySet
from assessment.rules import Recommendation
from contact.models import Inquiry
from sales.reports import monthly_report

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/assessment/dailyassessmentcount/"


def make_inquiry(recommendation: str = "", **overrides) -> Inquiry:
    fields = {
        "name": "Dana Whitfield",
        "email": "dana@northwind.example",
        "company": "Northwind Logistics",
        "interest": "vciso",
        "message": "Nobody owns security.",
        "consented_at": timezone.now(),
        "assessment_recommendation": recommendation,
        **overrides,
    }
    return Inquiry.objects.create(**fields)


def test_each_day_and_recommendation_has_its_own_counter():
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)

    DailyAssessmentCount.objects.record(Recommendation.VCISO)
    DailyAssessmentCount.objects.record(Recommendation.VCISO)
    DailyAssessmentCount.objects.record(Recommendation.BOTH)
    DailyAssessmentCount.objects.record(Recommendation.VCISO, day=yesterday)

    counts = {
        (c.day, c.recommendation): c.completed
        for c in DailyAssessmentCount.objects.all()
    }
    assert counts == {(today, "vciso"): 2, (today, "both"): 1, (yesterday, "vciso"): 1}


def test_a_concurrent_first_count_of_the_day_is_not_lost(monkeypatch):
    # Another request creates today's row between our update and our insert.
    DailyAssessmentCount.objects.create(
        day=timezone.localdate(), recommendation="vcio", completed=1
    )
    real_update = DailyCountQuerySet.update
    calls = []

    def first_update_misses(self, **kwargs):
        calls.append(kwargs)
        return 0 if len(calls) == 1 else real_update(self, **kwargs)

    monkeypatch.setattr(DailyCountQuerySet, "update", first_update_misses)

    DailyAssessmentCount.objects.record(Recommendation.VCIO)

    assert DailyAssessmentCount.objects.get().completed == 2


def test_report_sets_completed_assessments_next_to_the_inquiries_they_became():
    today = timezone.localdate()
    DailyAssessmentCount.objects.create(day=today, recommendation="vciso", completed=8)
    DailyAssessmentCount.objects.create(day=today, recommendation="both", completed=2)
    make_inquiry("vciso")
    make_inquiry("vciso")
    make_inquiry("vciso", status=Inquiry.Status.SPAM)
    make_inquiry("")

    this_month = monthly_report(today)[0]

    assert this_month.month == today.replace(day=1)
    by_recommendation = dict(zip(Recommendation, this_month.cells, strict=True))
    assert by_recommendation[Recommendation.VCISO].completed == 8
    assert by_recommendation[Recommendation.VCISO].inquiries == 2
    assert by_recommendation[Recommendation.BOTH].completed == 2
    assert by_recommendation[Recommendation.BOTH].inquiries == 0
    assert this_month.total.completed == 10
    assert this_month.total.conversion == "20%"


def test_report_covers_twelve_months_newest_first():
    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=1)
    DailyAssessmentCount.objects.create(
        day=last_month, recommendation="vcio", completed=3
    )
    make_inquiry("vcio", created_at=timezone.now() - timedelta(days=400))

    report = monthly_report(today)

    assert len(report) == 12
    assert report[0].month > report[1].month
    assert report[1].month == last_month.replace(day=1)
    assert report[1].total.completed == 3
    assert sum(row.total.inquiries for row in report) == 0


def test_sales_can_see_the_counts_in_the_admin(sales_client):
    DailyAssessmentCount.objects.create(
        day=timezone.localdate(), recommendation="vcio", completed=5
    )
    make_inquiry("vcio")

    response = sales_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    assertContains(response, "Completed assessments and the inquiries they became")
    assertContains(response, '<th scope="colgroup" colspan="2">Start with a vCIO')
    assertContains(response, "<td>5</td><td>1</td><td>20%</td>")


def test_nobody_can_edit_or_invent_counts(admin_client):
    count = DailyAssessmentCount.objects.create(
        day=timezone.localdate(), recommendation="vcio", completed=5
    )

    changelist = admin_client.get(CHANGELIST_URL)
    add = admin_client.get(f"{CHANGELIST_URL}add/")
    change = admin_client.post(
        f"{CHANGELIST_URL}{count.pk}/change/", {"completed": 500}
    )

    assertNotContains(changelist, f'href="{CHANGELIST_URL}add/"')
    assert add.status_code == 403
    assert change.status_code == 403
    count.refresh_from_db()
    assert count.completed == 5


@pytest.mark.parametrize("group_name", ["Sales", "Content"])
def test_sales_and_content_groups_may_view_the_counts(group_name):
    group = Group.objects.get(name=group_name)

    assert group.permissions.filter(
        content_type__app_label="assessment",
        codename="view_dailyassessmentcount",
    ).exists()

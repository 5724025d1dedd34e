"""The desk's views: Mine, Unassigned, Overdue, All open, Held for review."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from contact.models import Inquiry

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contact/inquiry/"


@pytest.fixture
def colleague(db) -> User:
    from tests.conftest import staff_in_group

    return staff_in_group("Sales", "riley.sales")


@pytest.fixture
def desk(make_inquiry, sales_user, colleague):
    """One inquiry of each kind a salesperson meets, by name."""
    week_ago = timezone.now() - timedelta(weeks=1)
    return {
        "mine": make_inquiry(name="Mine Fresh", assigned_to=sales_user),
        "theirs": make_inquiry(name="Theirs Fresh", assigned_to=colleague),
        "unassigned": make_inquiry(name="Nobody Fresh"),
        "overdue": make_inquiry(name="Nobody Late", created_at=week_ago),
        "mine_late": make_inquiry(
            name="Mine Late", created_at=week_ago, assigned_to=sales_user
        ),
        "contacted": make_inquiry(
            name="Mine Contacted",
            assigned_to=sales_user,
            status=Inquiry.Status.CONTACTED,
            created_at=week_ago,
        ),
        "won": make_inquiry(name="Mine Won", status=Inquiry.Status.WON),
        "held": make_inquiry(
            name="Held Autofill",
            status=Inquiry.Status.SPAM,
            spam_reason="Sent 1.2s after the form was shown.",
            notification_status=Inquiry.NotificationStatus.HELD,
        ),
    }


def names_in(response) -> set[str]:
    return {
        name
        for name in (
            "Mine Fresh",
            "Theirs Fresh",
            "Nobody Fresh",
            "Nobody Late",
            "Mine Late",
            "Mine Contacted",
            "Mine Won",
            "Held Autofill",
        )
        if f"{name}</a>" in response.content.decode()
        or f"{name} <span" in response.content.decode()
    }


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("mine", {"Mine Fresh", "Mine Late", "Mine Contacted"}),
        ("unassigned", {"Nobody Fresh", "Nobody Late", "Mine Won"} - {"Mine Won"}),
        ("overdue", {"Nobody Late", "Mine Late"}),
        (
            "open",
            {
                "Mine Fresh",
                "Theirs Fresh",
                "Nobody Fresh",
                "Nobody Late",
                "Mine Late",
                "Mine Contacted",
            },
        ),
        ("held", {"Held Autofill"}),
        ("closed", {"Mine Won"}),
    ],
)
def test_each_view_lists_the_right_inquiries(sales_client, desk, view, expected):
    response = sales_client.get(f"{CHANGELIST}?queue={view}")

    assert names_in(response) == expected


def test_the_list_opens_on_all_open_with_every_views_count(sales_client, desk):
    response = sales_client.get(CHANGELIST)

    assert names_in(response) == names_in(sales_client.get(f"{CHANGELIST}?queue=open"))
    for label, count in [
        ("Mine", 3),
        ("Unassigned", 2),
        ("Overdue", 2),
        ("All open", 6),
        ("Held for review", 1),
    ]:
        assertContains(response, f'{label} <span class="queue-tab__count">({count})')


def test_open_inquiries_come_oldest_first_with_an_overdue_badge(sales_client, desk):
    content = sales_client.get(f"{CHANGELIST}?queue=unassigned").content.decode()

    assert content.index("Nobody Late") < content.index("Nobody Fresh")
    late_row = content[content.index("Nobody Late") : content.index("Nobody Fresh")]
    assert 'class="overdue-badge">Overdue' in late_row
    assert content.count('class="overdue-badge"') == 1


def test_the_landing_page_counts_the_views_and_the_held_inquiries(sales_client, desk):
    response = sales_client.get("/admin/")

    assertContains(response, 'Held for review <span class="queue-tab__count">(1)')
    assertContains(response, 'href="/admin/contact/inquiry/?queue=held"')
    assertContains(response, "2 overdue.")


def test_a_second_inquiry_from_one_mailbox_says_so_in_the_queue(
    sales_client, make_inquiry
):
    make_inquiry(
        name="First Time",
        email="a@x.com",
        created_at=timezone.now() - timedelta(days=3),
    )
    make_inquiry(name="Second Time", email="A+later@X.com")
    make_inquiry(name="Someone Else", email="b@x.com")

    content = sales_client.get(CHANGELIST).content.decode()

    assert 'Second Time <span class="repeat-badge">2nd inquiry</span>' in content
    assert "First Time</a>" in content
    assert content.count('class="repeat-badge"') == 1


def test_a_new_inquiry_set_back_to_new_is_overdue_from_then_flag_and_count_agree(
    sales_client, make_inquiry, settings
):
    settings.INQUIRY_RESPONSE_BUSINESS_HOURS = 8
    week_ago = timezone.now() - timedelta(weeks=1)
    inquiry = make_inquiry(
        name="Set Back",
        status=Inquiry.Status.CONTACTED,
        created_at=week_ago,
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(status_changed_at=week_ago)

    sales_client.post(f"{CHANGELIST}{inquiry.pk}/act/", {"do": "new"}, follow=True)

    # Sent a week ago, but New only since now: not overdue, anywhere.
    listing = sales_client.get(f"{CHANGELIST}?queue=all")
    assertContains(listing, "Set Back")
    assertNotContains(listing, 'class="overdue-badge"')
    assertContains(listing, 'Overdue <span class="queue-tab__count">(0)')
    assertNotContains(sales_client.get(f"{CHANGELIST}?queue=overdue"), "Set Back</a>")

    # A week after being set back it is overdue, and flag and count agree.
    Inquiry.objects.filter(pk=inquiry.pk).update(status_changed_at=week_ago)
    listing = sales_client.get(f"{CHANGELIST}?queue=all")
    assertContains(listing, 'class="overdue-badge"', count=1)
    assertContains(listing, 'Overdue <span class="queue-tab__count">(1)')


def test_searching_looks_beyond_the_open_inquiries(sales_client, desk):
    response = sales_client.get(f"{CHANGELIST}?q=Won")

    assert names_in(response) == {"Mine Won"}


def test_the_assignee_filter_lists_every_salesperson_even_without_leads(
    sales_client, make_inquiry, colleague
):
    make_inquiry(name="Nobody's")

    response = sales_client.get(CHANGELIST)

    assertContains(response, f"?assignee={colleague.pk}")
    assertContains(response, "?assignee=none")


def test_the_list_queries_stay_few_however_many_inquiries(
    sales_client, make_inquiry, article, sales_user, django_assert_num_queries
):
    def make(count):
        for n in range(count):
            make_inquiry(
                name=f"Prospect {n}",
                email=f"p{n % 3}@example.com",
                article=article if n % 2 else None,
                assigned_to=sales_user if n % 3 == 0 else None,
                created_at=timezone.now() - timedelta(days=n),
            )

    make(3)
    # Session, second-factor device and permissions (5), the site's copy (3),
    # the banner, the views' counts, the page's count and its rows (with
    # overdue flags and earlier inquiries as subqueries): the same for 3
    # inquiries as for 30.
    with django_assert_num_queries(11) as few:
        sales_client.get(CHANGELIST)
    Inquiry.objects.all().delete()
    make(30)
    with django_assert_num_queries(len(few.captured_queries)):
        response = sales_client.get(CHANGELIST)

    assertContains(response, "Prospect 29")


def test_the_landing_page_queries_stay_few(
    sales_client, make_inquiry, sales_user, django_assert_num_queries
):
    for n in range(20):
        make_inquiry(
            name=f"Prospect {n}",
            assigned_to=sales_user if n % 3 == 0 else None,
            created_at=timezone.now() - timedelta(days=n),
        )

    # Session, second-factor device and permissions (5), the site's copy (3),
    # the recent actions (1); the desk's own: the failing banner, every view's
    # count in one, the unassigned and the overdue lists (4), however many
    # inquiries wait.
    with django_assert_num_queries(13):
        response = sales_client.get("/admin/")

    assertContains(response, "Prospect 19")


def test_spam_a_salesperson_marked_is_not_held_for_review(sales_client, make_inquiry):
    inquiry = make_inquiry(
        name="Marked By Hand", notification_status=Inquiry.NotificationStatus.PENDING
    )

    sales_client.post(f"{CHANGELIST}{inquiry.pk}/act/", {"do": "spam"}, follow=True)

    inquiry.refresh_from_db()
    assert inquiry.notification_status == Inquiry.NotificationStatus.HELD
    assertNotContains(sales_client.get(f"{CHANGELIST}?queue=held"), "Marked By Hand")
    assertContains(sales_client.get(f"{CHANGELIST}?queue=spam"), "Marked By Hand")


def test_export_downloads_the_view_on_screen_in_its_order(sales_client, desk):
    import csv
    import io

    def exported_names(query: str) -> list[str]:
        response = sales_client.get(f"{CHANGELIST}export/{query}")
        body = response.content.decode("utf-8").lstrip("\ufeff")
        return [row["Name"] for row in csv.DictReader(io.StringIO(body))]

    assert exported_names("?queue=mine") == [
        "Mine Late",
        "Mine Contacted",
        "Mine Fresh",
    ]
    assert exported_names("?queue=unassigned") == ["Nobody Late", "Nobody Fresh"]
    assert exported_names("?q=Theirs") == ["Theirs Fresh"]
    listing = sales_client.get(f"{CHANGELIST}?queue=mine")
    assertContains(listing, f'href="{CHANGELIST}export/?queue=mine"')

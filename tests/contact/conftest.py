import time

import pytest
from django.contrib.auth.models import Group, User

from contact.models import Inquiry
from contact.spam import issue_form_token


@pytest.fixture
def form_token() -> str:
    """A token issued long enough ago that the submission looks human."""
    return issue_form_token(now=time.time() - 60)


@pytest.fixture
def valid_data(form_token) -> dict[str, str]:
    return {
        "name": "Dana Whitfield",
        "email": "dana@northwind.example",
        "company": "Northwind Logistics",
        "phone": "(512) 555-0142",
        "interest": "vciso",
        "message": "We need help preparing for a SOC 2 audit next quarter.",
        "consent": "on",
        "website": "",
        "form_token": form_token,
    }


@pytest.fixture
def make_inquiry(db):
    def make(**overrides) -> Inquiry:
        from django.utils import timezone

        fields = {
            "name": "Dana Whitfield",
            "email": "dana@northwind.example",
            "company": "Northwind Logistics",
            "interest": Inquiry.Interest.VCISO,
            "message": "We need a security lead.",
            "consented_at": timezone.now(),
            "notification_status": Inquiry.NotificationStatus.SENT,
        }
        fields.update(overrides)
        return Inquiry.objects.create(**fields)

    return make


def staff_in_group(group_name: str, username: str) -> User:
    user = User.objects.create_user(
        username, f"{username}@steadfastpartners.example", "a-long-test-password"
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def sales_user(db) -> User:
    return staff_in_group("Sales", "sam.sales")


@pytest.fixture
def sales_client(client, sales_user):
    client.force_login(sales_user)
    return client


@pytest.fixture
def content_user(db) -> User:
    return staff_in_group("Content", "casey.content")


@pytest.fixture
def content_client(client, content_user):
    client.force_login(content_user)
    return client


@pytest.fixture
def article(db):
    """A published article whose call-to-action links to the form."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article

    return Article.objects.create(
        title="vCIO or vCISO?",
        slug="vcio-or-vciso",
        summary="How the two roles differ.",
        body="<h2>Security leadership</h2><p>Words.</p>",
        author_name="Dana Reyes",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=10),
        content_updated_at=timezone.now() - timedelta(days=3),
    )

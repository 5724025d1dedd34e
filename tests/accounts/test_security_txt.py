"""/.well-known/security.txt (RFC 9116), and the page its Policy names."""

from datetime import UTC, datetime, timedelta

import pytest
from pytest_django.asserts import assertContains

from tests.conftest import TEST_SITE_URL

pytestmark = pytest.mark.django_db


def fields(response) -> dict[str, str]:
    lines = response.content.decode().splitlines()
    return dict(line.split(": ", 1) for line in lines if line)


def test_security_txt_names_a_contact_and_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACT_EMAIL = "security@steadfastpartners.example"

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    answer = fields(response)
    assert answer["Contact"] == "mailto:security@steadfastpartners.example"
    expires = datetime.strptime(answer["Expires"], "%Y-%m-%dT%H:%M:%SZ")
    ahead = expires.replace(tzinfo=UTC) - datetime.now(UTC)
    assert timedelta(days=30) < ahead < timedelta(days=365)
    assert answer["Preferred-Languages"] == "en"
    assert answer["Canonical"] == f"{TEST_SITE_URL}/.well-known/security.txt"
    assert answer["Policy"] == f"{TEST_SITE_URL}/report-a-vulnerability/"


def test_the_policy_page_is_published_and_content_staff_edit_it(client, content_client):
    from pages.models import Page

    page = client.get("/report-a-vulnerability/")
    in_admin = Page.objects.get(slug="report-a-vulnerability")

    assertContains(page, "Report a vulnerability")
    assertContains(page, 'href="/.well-known/security.txt"')
    # Honest: no reward is promised.
    assert b"bounty" not in page.content.replace(b"do not run a paid bug bounty", b"")
    edit = content_client.get(f"/admin/pages/page/{in_admin.pk}/change/")
    assert edit.status_code == 200

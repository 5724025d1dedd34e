"""Every public page is valid HTML according to the Nu Html Checker (vnu.jar).

The checker validates exactly what the server sends, fetched with Django's
test client; it runs as one local service for the whole session.
"""

import pytest
from django.test import Client

from assessment.forms import AssessmentForm
from tests.browser.pages import PUBLIC_PAGES, public_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_valid_html(client, html_checker, name):
    response = client.get(public_path(name))

    assert response.status_code in {200, 404}
    assert html_checker.errors(response.content.decode()) == []


def test_contact_form_with_errors_is_valid_html(client, html_checker):
    response = client.post("/contact/", {"email": "not-an-email"})

    assert b"Please check" in response.content
    assert html_checker.errors(response.content.decode()) == []


def test_assessment_with_unanswered_questions_is_valid_html(client, html_checker):
    response = client.post("/assessment/", {})

    assert response.status_code == 200
    assert html_checker.errors(response.content.decode()) == []


def test_assessment_result_is_valid_html(client, html_checker):
    answers = {
        name: field.choices[0][0] for name, field in AssessmentForm().fields.items()
    }
    response = client.post("/assessment/", answers, follow=True)

    assert "/assessment/result/" in response.redirect_chain[-1][0]
    assert html_checker.errors(response.content.decode()) == []


@pytest.mark.parametrize("path", ["/broken/", "/database-down/"])
def test_error_pages_are_valid_html(settings, html_checker, path):
    settings.ROOT_URLCONF = "tests.error_urls"
    response = Client(raise_request_exception=False).get(path)

    assert response.status_code >= 500
    assert html_checker.errors(response.content.decode()) == []


def test_the_checker_does_report_invalid_html(html_checker):
    errors = html_checker.errors("<!doctype html><title>x</title><p><div></p>")

    assert errors != []

"""Hostile or broken requests get a short 4xx page, never a 500 or a traceback."""

import pytest

from tests.load.client import Visitor, request

pytestmark = pytest.mark.django_db


def assert_short_client_error(response, status: int | None = None) -> None:
    assert 400 <= response.status < 500, (response.status, response.text[:300])
    if status is not None:
        assert response.status == status
    assert b"Traceback" not in response.body
    assert b"SECRET_KEY" not in response.body
    assert len(response.body) < 20_000


def test_an_oversized_inquiry_is_refused_with_413(site):
    visitor = Visitor(site.base_url, source="127.0.3.1")
    hidden = visitor.open_contact_form()

    response = visitor.post(
        "/contact/", {**hidden, "name": "Big", "message": "x" * 200_000}
    )

    assert_short_client_error(response, 413)


def test_a_body_over_the_site_limit_is_a_branded_400(site):
    visitor = Visitor(site.base_url, source="127.0.3.2")
    hidden = visitor.open_contact_form()

    response = visitor.post(
        "/admin/login/", {**hidden, "username": "a", "password": "x" * 1_100_000}
    )

    assert_short_client_error(response, 400)
    assert b"couldn't understand that request" in response.body
    assert b'href="tel:+17372105503"' in response.body


def test_a_bad_host_header_is_a_branded_400(site):
    response = request(site.base_url, "GET", "/", headers={"Host": "evil.example"})

    assert_short_client_error(response, 400)
    assert b"couldn't understand that request" in response.body
    assert "Content-Security-Policy" in response.headers


def test_a_post_without_the_csrf_cookie_is_a_friendly_403(site):
    response = request(
        site.base_url,
        "POST",
        "/contact/",
        body="name=Mallory&email=m%40example.com",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        source="127.0.3.3",
    )

    assert_short_client_error(response, 403)
    assert b"Please send the form again" in response.body
    assert b'href="tel:+17372105503"' in response.body


def test_a_post_with_a_wrong_csrf_token_is_a_friendly_403(site):
    visitor = Visitor(site.base_url, source="127.0.3.4")
    hidden = visitor.open_contact_form()

    response = visitor.post(
        "/contact/", {**hidden, "csrfmiddlewaretoken": "forged" * 10, "name": "M"}
    )

    assert_short_client_error(response, 403)
    assert b"Please send the form again" in response.body


@pytest.mark.parametrize(
    "path",
    ["/?q=%ff%fe%c3%28", "/articles/?page=%ff", "/contact/?interest=%c3%28"],
)
def test_malformed_utf8_in_the_query_string_is_a_400(site, path):
    response = request(site.base_url, "GET", path)

    assert_short_client_error(response, 400)


def test_malformed_utf8_in_the_path_is_a_404(site):
    response = request(site.base_url, "GET", "/articles/%ff%fe/")

    assert_short_client_error(response, 404)


def test_malformed_utf8_in_a_form_is_never_a_server_error(site):
    visitor = Visitor(site.base_url, source="127.0.3.5")
    hidden = visitor.open_contact_form()
    body = "&".join(f"{k}={v}" for k, v in hidden.items()) + "&name=%ff%fe&email=%c3"

    response = visitor._send(
        "POST",
        "/contact/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status < 500
    assert b"Traceback" not in response.body


def test_a_huge_query_string_is_refused_before_django(site):
    response = request(site.base_url, "GET", "/?q=" + "a" * 20_000)

    assert_short_client_error(response)


def test_a_query_string_with_too_many_fields_is_a_400(site):
    response = request(site.base_url, "GET", "/contact/?" + "&".join(["a"] * 1200))

    assert_short_client_error(response, 400)


def test_an_oversized_header_is_refused(site):
    response = request(site.base_url, "GET", "/", headers={"X-Junk": "j" * 10_000})

    assert_short_client_error(response)


def test_none_of_it_was_a_server_error(site):
    # Django logs refused requests under django.security, with their traceback.
    assert "Internal Server Error" not in site.log()
    assert "CacheKeyWarning" not in site.log()
    statuses = [line.split('" ')[1].split()[0] for line in site.access_log_lines()]
    assert statuses and not [status for status in statuses if status >= "500"]

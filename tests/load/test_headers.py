"""Every HTML response carries the security headers; the Observatory grades A+."""

import pytest
from django.test import Client

from tests.load.client import request
from tests.load.observatory import grade

pytestmark = pytest.mark.django_db

HTTPS = {"X-Forwarded-Proto": "https"}
PAGES = [
    "/",
    "/articles/vcio-vs-vciso/",
    "/contact/",
    "/no-such-page/",
    "/admin/login/",
]


def assert_security_headers(headers) -> None:
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "base-uri 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize("path", PAGES)
def test_every_html_page_carries_the_security_headers_and_hsts(site_behind_proxy, path):
    response = request(site_behind_proxy.base_url, "GET", path, headers=HTTPS)

    assert response.status in {200, 404}
    assert response.headers["Content-Type"].startswith("text/html")
    assert_security_headers(response.headers)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=63072000; includeSubDomains; preload"
    )


def test_server_error_page_carries_the_security_headers(settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert_security_headers(response)


def test_plain_http_is_redirected_to_https_behind_the_proxy(site_behind_proxy):
    response = request(site_behind_proxy.base_url, "GET", "/")

    assert response.status == 301
    assert response.headers["Location"].startswith("https://")


def test_hsts_is_not_sent_when_the_proxy_did_not_say_https(site_behind_proxy):
    response = request(site_behind_proxy.base_url, "GET", "/")

    assert "Strict-Transport-Security" not in response.headers


def test_the_home_page_grades_a_plus_on_the_observatory_rules(site_behind_proxy):
    base = site_behind_proxy.base_url
    https = request(base, "GET", "/contact/", headers=HTTPS)  # sets the CSRF cookie
    home = request(base, "GET", "/", headers=HTTPS)
    redirect = request(base, "GET", "/")

    score, letter, results = grade(home, redirect, extra_cookies=https)

    assert letter == "A+", results
    assert score >= 100

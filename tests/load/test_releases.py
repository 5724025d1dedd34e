"""A page cached by a development run is never served by the production server."""

import re

import pytest

from tests.load.client import request

pytestmark = pytest.mark.django_db

STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
RENDER_HOME_PAGE = (
    "from django.test import Client; "
    "print(Client(HTTP_HOST='127.0.0.1').get('/').status_code)"
)


def test_after_make_run_the_production_server_serves_styled_pages(start_server):
    server = start_server(workers=2)
    # `make run` (DEBUG, unhashed static URLs) caches the home page in the
    # cache the production server shares.
    development = server.manage(
        "shell", "--no-imports", "-c", RENDER_HOME_PAGE, DJANGO_DEBUG="1"
    )
    assert development.stdout.strip().endswith("200"), development.stderr

    page = request(server.base_url, "GET", "/")
    stylesheets = STYLESHEET_RE.findall(page.text)

    assert page.status == 200
    assert stylesheets
    assert "/static/css/public.css" not in stylesheets  # the hashed name instead
    for stylesheet in stylesheets:
        assert request(server.base_url, "GET", stylesheet).status == 200, stylesheet

"""Every landing page's first render arrives in one round trip.

A new TCP connection sends ten segments (RFC 6928), about 14,600 bytes,
before it waits for the browser's acknowledgement. The HTML, compressed as
the site sends it, and the one stylesheet it links, compressed as WhiteNoise
serves it, fit in that: the page can paint after one round trip. HTTP and TLS
headers are not counted. docs/performance.md has each page's figures.
"""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from whitenoise.compress import Compressor

from tests.browser.pages import LANDING_PAGES, public_path

pytestmark = pytest.mark.django_db

FIRST_ROUND_TRIP_BYTES = 14_600
# Chrome over plain HTTP asks for gzip, not brotli: gzip is the larger.
ACCEPT_ENCODING = "gzip, deflate"
STYLESHEET_LINK = re.compile(rb"<link\b[^>]*\brel=\"stylesheet\"[^>]*>")
HREF = re.compile(rb'href="([^"]+)"')
THE_STYLESHEET = f"{settings.STATIC_URL}css/public.css"


def first_render(client, path: str) -> tuple[int, list[str], int]:
    """The page's HTML as sent (bytes), its stylesheets, and their size as sent."""
    response = client.get(path, headers={"accept-encoding": ACCEPT_ENCODING})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content)
    stylesheets = [
        HREF.search(link).group(1).decode() for link in STYLESHEET_LINK.findall(html)
    ]
    css_bytes = 0
    for href in stylesheets:
        source = finders.find(href.removeprefix(settings.STATIC_URL))
        with open(source, "rb") as css:
            css_bytes += len(Compressor.compress_gzip(css.read()))
    return len(response.content), stylesheets, css_bytes


@pytest.mark.parametrize("name", LANDING_PAGES)
def test_a_landing_page_links_one_stylesheet(client, name):
    _, stylesheets, _ = first_render(client, public_path(name))

    assert stylesheets == [THE_STYLESHEET]


@pytest.mark.parametrize("name", LANDING_PAGES)
def test_a_landing_pages_first_render_fits_in_one_round_trip(client, name):
    html_bytes, _, css_bytes = first_render(client, public_path(name))

    assert html_bytes + css_bytes <= FIRST_ROUND_TRIP_BYTES, (
        f"{name}: HTML {html_bytes} + CSS {css_bytes} bytes compressed"
    )


@pytest.mark.parametrize("name", LANDING_PAGES)
def test_a_landing_pages_icon_costs_no_request_of_its_own(client, name):
    html = client.get(public_path(name)).content

    assert b'<link rel="icon" href="data:image/svg+xml,' in html

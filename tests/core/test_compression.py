"""HTML goes compressed to every browser that accepts it, and to no other."""

import gzip
import re
from unittest import mock

import brotli
import pytest
from django.http import HttpResponse
from django.utils.cache import has_vary_header, set_response_etag

from core.cache import encoded_copies

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def get(client, url: str, accept_encoding: str | None = None):
    headers = {"accept-encoding": accept_encoding} if accept_encoding else {}
    return client.get(url, headers=headers)


def decoded(response) -> bytes:
    decode = {"gzip": gzip.decompress, "br": brotli.decompress}
    encoding = response.get("Content-Encoding")
    return decode[encoding](response.content) if encoding else response.content


@pytest.mark.parametrize(
    ("accept_encoding", "served"),
    [("gzip, deflate", "gzip"), ("br, gzip", "br"), ("gzip, deflate, br, zstd", "br")],
)
def test_a_cached_page_is_compressed_for_a_browser_that_accepts_it(
    client, article, accept_encoding, served
):
    url = article.get_absolute_url()
    for _ in ("rendered and stored", "from the cache"):
        response = get(client, url, accept_encoding)

        assert response["Content-Encoding"] == served
        assert article.title.encode() in decoded(response)
        assert int(response["Content-Length"]) == len(response.content)
        assert has_vary_header(response, "Accept-Encoding")


@pytest.mark.parametrize("first_visitor_accepts", ["br, gzip", None])
def test_a_browser_that_asks_for_no_encoding_never_gets_a_compressed_page(
    client, article, first_visitor_accepts
):
    url = article.get_absolute_url()
    get(client, url, first_visitor_accepts)

    for accept_encoding in (None, "identity", "deflate"):
        response = get(client, url, accept_encoding)

        assert not response.has_header("Content-Encoding")
        assert article.title.encode() in response.content
        assert has_vary_header(response, "Accept-Encoding")


def test_a_cached_page_is_compressed_once_not_on_every_visit(client, article):
    url = article.get_absolute_url()
    get(client, url, "gzip")
    compressing = mock.Mock(side_effect=AssertionError("compressed again"))

    with (
        mock.patch("django.middleware.gzip.compress_string", compressing),
        mock.patch.dict("core.cache.ENCODINGS", gzip=compressing, br=compressing),
    ):
        response = get(client, url, "gzip")

    assert response["Content-Encoding"] == "gzip"


def test_a_compressed_cached_page_answers_a_conditional_get_with_304(client, article):
    url = article.get_absolute_url()
    etag = get(client, url, "gzip")["ETag"]

    response = client.get(
        url, headers={"accept-encoding": "gzip", "if-none-match": etag}
    )

    assert response.status_code == 304


def test_a_page_with_a_form_is_compressed_and_its_csrf_token_masked_each_time(
    client,
):
    tokens = []
    for _ in range(2):
        response = get(client, "/contact/", "gzip, deflate, br")

        assert response["Content-Encoding"] == "gzip"
        assert has_vary_header(response, "Accept-Encoding")
        tokens += CSRF_TOKEN.findall(decoded(response))

    # The same secret, masked anew in each response: nothing repeats for
    # BREACH to measure against.
    assert len(tokens) == 2
    assert tokens[0] != tokens[1]


def test_a_page_with_a_form_is_plain_for_a_browser_that_accepts_no_encoding(client):
    response = get(client, "/contact/")

    assert not response.has_header("Content-Encoding")
    assert CSRF_TOKEN.search(response.content)
    assert has_vary_header(response, "Accept-Encoding")


def test_a_stored_response_too_small_to_gain_is_kept_as_it_is():
    tiny = HttpResponse(b"ok")
    set_response_etag(tiny)

    copies = encoded_copies(tiny)

    assert copies == {"": tiny, "br": tiny, "gzip": tiny}
    assert not tiny.has_header("Content-Encoding")
    assert has_vary_header(tiny, "Accept-Encoding")

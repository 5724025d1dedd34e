import json

import pytest
from django.test import Client
from django.urls import reverse

from insights.models import CountedPage

READER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture
def send_event(client):
    """What insights.js sends from a reader's browser on this site."""

    def send(body, **headers):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        headers = {
            "HTTP_ORIGIN": "http://testserver",
            "HTTP_USER_AGENT": READER_AGENT,
            **headers,
        }
        return client.post(
            reverse("insights:event"), data, content_type="text/plain", **headers
        )

    return send


@pytest.fixture
def read_article(article) -> CountedPage:
    """The article, opened once by a visitor, and its first event taken: its
    headings are now known and saved."""
    Client().get(article.get_absolute_url())
    CountedPage.objects.layout(article.get_absolute_url())
    return CountedPage.objects.get(path=article.get_absolute_url())

import pytest
from django.urls import reverse

from insights.models import Event

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_says_what_is_counted_from_the_counted_list(client):
    response = client.get(reverse("pages:privacy"))
    assert '<h2 id="what-we-count">What we count</h2>' in response.text
    for event in Event:
        assert event.description in response.text
    assert "sets no cookie and stores nothing in your browser" in response.text
    assert "Global Privacy Control" in response.text


def test_reading_a_page_sets_no_cookie(client, article):
    response = client.get(article.get_absolute_url())
    assert not response.cookies

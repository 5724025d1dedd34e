"""A mistyped address far from every article suggests nothing."""

import pytest
from pytest_django.asserts import assertNotContains

pytestmark = pytest.mark.django_db


def test_an_address_far_from_any_article_suggests_nothing(client):
    # The launch article (vcio-vs-vciso) is the only one: "cio-salary" shares
    # letters with it but is no misspelling of it.
    response = client.get("/articles/cio-salary/")

    assert response.status_code == 404
    assertNotContains(response, "Were you looking for", status_code=404)

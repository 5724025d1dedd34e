import pytest
from django.test import Client

from articles.models import Article
from core.models import site_values
from pages.models import Page
from tests.conftest import log_in_verified


@pytest.fixture
def launch_article(db) -> Article:
    """The article the articles' data migration published."""
    return Article.objects.get(slug="vcio-vs-vciso")


@pytest.fixture
def site_values_cached(db) -> None:
    """Query counts here are the page's own: the phone number and the site
    copy are cached for every page (one query each per cache lifetime)."""
    site_values()


@pytest.fixture
def about_page(db) -> Page:
    return Page.objects.get(kind=Page.Kind.ABOUT)


@pytest.fixture
def visitor() -> Client:
    return Client()


@pytest.fixture
def editor(content_user) -> Client:
    """A Content staff member's browser, apart from the visitor's."""
    client = Client()
    log_in_verified(client, content_user)
    return client


@pytest.fixture
def salesperson(sales_user) -> Client:
    client = Client()
    log_in_verified(client, sales_user)
    return client

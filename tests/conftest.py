import os
import time
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache, caches
from django.test import RequestFactory

from contact.spam import browser_key, issue_form_token
from core.cache import recent_pages

# The public origin the tests build canonical URLs against.
TEST_SITE_URL = "https://www.steadfastpartners.example"
# The CSRF cookie the test client's browser holds once it has a form token.
TEST_BROWSER_CSRF_SECRET = "testbrowsercsrfsecret00000000000"


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Test-only overrides: plain static storage, memory mail, a fast hasher."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    # With REDIS_URL set (CI's second run) the suite exercises the real Redis.
    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    settings.SITE_URL = TEST_SITE_URL
    # django-axes refuses client.login() (no request); tests/load turns it on.
    settings.AXES_ENABLED = False
    for each in (cache, recent_pages, caches["forms"]):
        each.clear()
    yield settings
    for each in (cache, recent_pages, caches["forms"]):
        each.clear()


@pytest.fixture
def make_form_token(client) -> Callable[..., str]:
    """Contact-form tokens shown to the test client's browser, ``issued_ago``
    seconds ago (long enough by default for the sender to look human)."""
    client.cookies[django_settings.CSRF_COOKIE_NAME] = TEST_BROWSER_CSRF_SECRET
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = TEST_BROWSER_CSRF_SECRET
    browser = browser_key(request)

    def make(issued_ago: float = 60) -> str:
        return issue_form_token(browser, now=time.time() - issued_ago)

    return make


def staff_in_group(group_name: str, username: str) -> User:
    user = User.objects.create_user(
        username, f"{username}@steadfastpartners.example", "a-long-test-password"
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def sales_user(db) -> User:
    return staff_in_group("Sales", "sam.sales")


@pytest.fixture
def sales_client(client, sales_user):
    client.force_login(sales_user)
    return client


@pytest.fixture
def content_user(db) -> User:
    return staff_in_group("Content", "casey.content")


@pytest.fixture
def content_client(client, content_user):
    client.force_login(content_user)
    return client


@pytest.fixture
def article(db):
    """A published article whose call-to-action links to the form."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article

    return Article.objects.create(
        title="vCIO or vCISO?",
        slug="vcio-or-vciso",
        summary="How the two roles differ.",
        body="<h2>Security leadership</h2><p>Words.</p>",
        author_name="Dana Reyes",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=10),
        content_updated_at=timezone.now() - timedelta(days=3),
    )

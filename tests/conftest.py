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


# The authenticator app of every staff user the fixtures create, so a test can
# type the current code (accounts: TOTP, RFC 6238).
TEST_TOTP_SECRET = "3132333435363738393031323334353637383930"


def current_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The six digits an authenticator app with ``secret`` shows now."""
    from binascii import unhexlify

    from django_otp.oath import totp

    return f"{totp(unhexlify(secret)):06d}"


def log_in_verified(client, user) -> None:
    """Sign ``client`` in as ``user`` with the second factor passed, as the
    sign-in form does: for a test that needs a raw client in the admin.

    The user gets an authenticator app (TEST_TOTP_SECRET) if they have no
    device yet.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.verification import VERIFIED_AT

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", key=TEST_TOTP_SECRET
        )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT] = time.time()
    session.save()


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
    log_in_verified(client, sales_user)
    return client


@pytest.fixture
def content_user(db) -> User:
    return staff_in_group("Content", "casey.content")


@pytest.fixture
def content_client(client, content_user):
    log_in_verified(client, content_user)
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


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, through the second factor."""
    from django.test import Client

    client = Client()
    log_in_verified(client, admin_user)
    return client

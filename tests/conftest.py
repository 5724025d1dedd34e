import os

import pytest
from django.core.cache import cache, caches

# The public origin the tests build canonical URLs against.
TEST_SITE_URL = "https://www.steadfastpartners.example"


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
    from contact.models import local_phone
    from steadfast.middleware import local_pages

    for each in (cache, caches["forms"], local_pages, local_phone):
        each.clear()
    yield settings
    for each in (cache, caches["forms"], local_pages, local_phone):
        each.clear()

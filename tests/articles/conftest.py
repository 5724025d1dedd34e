from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from articles.models import Article
from core.models import site_values
from tests.conftest import log_in_verified


@pytest.fixture
def make_article(db) -> Callable[..., Article]:
    """Create an article; published an hour ago unless told otherwise."""
    counter = iter(range(1, 10_000))

    def make(**overrides) -> Article:
        n = next(counter)
        values = {
            "title": f"Article number {n}",
            "slug": f"article-{n}",
            "summary": f"What article {n} is about.",
            "body": "<h2>First part</h2><p>Words.</p><h2>Second part</h2><p>More.</p>",
            "author_name": "Dana Reyes",
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(hours=1),
        }
        values.update(overrides)
        related = values.pop("related_articles", [])
        article = Article.objects.create(**values)
        article.related_articles.set(related)
        return article

    return make


@pytest.fixture
def published_article(make_article) -> Article:
    return make_article(title="A published article", slug="a-published-article")


@pytest.fixture
def launch_article(db) -> Article:
    """The article the data migration published."""
    return Article.objects.get(slug="vcio-vs-vciso")


@pytest.fixture
def phone_number_cached(db) -> None:
    """Query counts here are the articles' own: the site-wide phone number
    and copy are cached (one query each per cache lifetime)."""
    site_values()


@pytest.fixture
def content_editor(db) -> User:
    user = User.objects.create_user(
        "editor", "editor@example.com", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content"))
    return user


@pytest.fixture
def content_editor_client(content_editor) -> Client:
    client = Client()
    log_in_verified(client, content_editor)
    return client

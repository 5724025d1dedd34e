import json
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.cache import recent_pages
from insights.models import CountedPage, DailyCount, Event, write_pending_counts
from tests.insights.conftest import READER_AGENT

pytestmark = pytest.mark.django_db


def counted(page, event, section=""):
    write_pending_counts()
    row = DailyCount.objects.filter(page=page, event=event, section=section).first()
    return row.count if row else 0


def test_an_article_read_by_a_visitor_is_known_with_its_sections(read_article):
    assert read_article.title == "vCIO or vCISO?"
    ids = [id_ for id_, _ in read_article.sections]
    assert "security-leadership" in ids
    assert ["security-leadership", "Security leadership"] in read_article.sections
    assert "cta-heading" in ids  # the template's own headings count too


def test_the_page_loads_the_script_deferred_from_this_site(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<script src="/static/insights/insights.js" defer></script>' in html
    # Served from the page cache the second time: the same tag.
    assert client.get(article.get_absolute_url()).content.decode() == html


SCRIPT_TAG = '<script src="/static/insights/insights.js" defer></script>'


@pytest.mark.parametrize("path", ["/", "/services/", "/contact/", "/assessment/"])
def test_every_counted_page_loads_the_script(client, path):
    assert SCRIPT_TAG in client.get(path).content.decode()


@pytest.mark.parametrize("path", ["/contact/thanks/", "/no-such-page/"])
def test_a_page_that_is_not_counted_sends_nothing(client, path):
    # Its events would be refused with a 400, an error in the reader's console.
    assert "insights.js" not in client.get(path).content.decode()


def test_a_view_is_counted_with_an_empty_204_that_sets_no_cookie(
    send_event, read_article
):
    response = send_event({"p": read_article.path, "e": "view"})
    assert response.status_code == 204
    assert response.content == b""
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response["Cache-Control"]
    assert counted(read_article, Event.VIEW) == 1


def test_each_event_adds_one_in_its_section(send_event, read_article):
    send_event({"p": read_article.path, "e": "seen", "s": "security-leadership"})
    send_event({"p": read_article.path, "e": "call", "s": "security-leadership"})
    send_event({"p": read_article.path, "e": "call", "s": "security-leadership"})
    send_event({"p": read_article.path, "e": "contact", "s": ""})
    assert counted(read_article, Event.SEEN, "security-leadership") == 1
    assert counted(read_article, Event.CALL, "security-leadership") == 2
    assert counted(read_article, Event.CONTACT) == 1


def test_an_event_costs_no_query_and_is_written_within_the_minute(
    send_event, read_article, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("insights.views.last_write", time.monotonic())
    with django_assert_num_queries(0):
        send_event({"p": read_article.path, "e": "view"})
        send_event({"p": read_article.path, "e": "view"})
    assert not DailyCount.objects.exists()
    # A minute on, the next event writes what the cache gathered.
    monkeypatch.setattr("insights.views.last_write", time.monotonic() - 61)
    send_event({"p": read_article.path, "e": "seen", "s": "security-leadership"})
    assert DailyCount.objects.get(event=Event.VIEW).count == 2
    assert counted(read_article, Event.SEEN, "security-leadership") == 1


def test_counts_are_not_written_twice(send_event, read_article):
    send_event({"p": read_article.path, "e": "view"})
    write_pending_counts()
    write_pending_counts()
    send_event({"p": read_article.path, "e": "view"})
    assert counted(read_article, Event.VIEW) == 2


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        '"view"',
        b"\xff\xfe",
        {"p": "/articles/vcio-or-vciso/", "e": "purchase"},
        {"p": "/articles/vcio-or-vciso/", "e": "view", "x": "1"},
        {"p": "/articles/vcio-or-vciso/", "e": "view", "s": "security-leadership"},
        {"p": "/articles/vcio-or-vciso/", "e": "seen"},
        {"p": "/articles/vcio-or-vciso/", "e": "seen", "s": "no-such-heading"},
        {"p": "/articles/vcio-or-vciso/", "e": "call", "s": 3},
        {"p": ["/"], "e": "view"},
        {"p": "/articles/never-written/", "e": "view"},
        {"p": "/contact/thanks/", "e": "view"},
    ],
)
def test_junk_gets_a_400_and_counts_nothing(send_event, read_article, body):
    response = send_event(body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    write_pending_counts()
    assert not DailyCount.objects.exists()


def test_a_body_over_one_kilobyte_gets_a_400(send_event, read_article):
    body = json.dumps({"p": read_article.path, "e": "seen", "s": "x" * 1024})
    response = send_event(body)
    assert response.status_code == 400
    assert b"1 KB" in response.content
    write_pending_counts()
    assert not DailyCount.objects.exists()


def test_a_client_past_the_limit_gets_a_429(send_event, read_article, settings):
    settings.INSIGHTS_EVENTS_PER_MINUTE = 3
    statuses = [
        send_event({"p": read_article.path, "e": "view"}).status_code for _ in range(5)
    ]
    assert statuses == [204, 204, 204, 429, 429]
    assert counted(read_article, Event.VIEW) == 3
    # Another address has its own allowance.
    other = send_event({"p": read_article.path, "e": "view"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 204


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_GPC": "1"},
        {"HTTP_DNT": "1"},
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 HeadlessChrome/131.0 Safari/537.36"},
        {"HTTP_USER_AGENT": "Mozilla/5.0 Chrome/131.0 Chrome-Lighthouse"},
        {"HTTP_USER_AGENT": ""},
    ],
)
def test_privacy_signals_robots_and_prefetches_are_not_counted(
    send_event, read_article, headers
):
    response = send_event({"p": read_article.path, "e": "view"}, **headers)
    assert response.status_code == 204
    write_pending_counts()
    assert not DailyCount.objects.exists()


@pytest.mark.parametrize("origin", ["https://evil.example", "null", ""])
def test_events_from_other_sites_are_refused(send_event, read_article, origin):
    response = send_event({"p": read_article.path, "e": "view"}, HTTP_ORIGIN=origin)
    assert response.status_code == 403
    write_pending_counts()
    assert not DailyCount.objects.exists()


def test_only_posts_are_taken(client):
    assert client.get(reverse("insights:event")).status_code == 405


def test_no_address_or_user_agent_is_stored(send_event, read_article):
    agent = "Mozilla/5.0 (X11; Linux x86_64) DistinctiveAgent/77.1 Chrome/131.0"
    for event in ({"e": "view"}, {"e": "seen", "s": "security-leadership"}):
        response = send_event(
            {"p": read_article.path, **event},
            REMOTE_ADDR="198.51.100.77",
            HTTP_USER_AGENT=agent,
        )
        assert response.status_code == 204
    write_pending_counts()
    assert DailyCount.objects.count() == 3  # view, visitor, section seen
    stored = repr(list(DailyCount.objects.values())) + repr(
        list(CountedPage.objects.values())
    )
    assert "198.51.100" not in stored
    assert "DistinctiveAgent" not in stored
    # Nothing but the day, page, event, section and count.
    columns = [field.column for field in DailyCount._meta.concrete_fields]
    assert columns == ["id", "day", "page_id", "event", "section", "count"]
    tables = connection.introspection.table_names()
    assert [t for t in tables if t.startswith("insights_")] == [
        "insights_countedpage",
        "insights_dailycount",
    ]


def test_a_staff_preview_never_changes_the_sections_counted(content_client, article):
    content_client.get(article.get_absolute_url())
    assert CountedPage.objects.layout(article.get_absolute_url()) is None


def test_rendering_a_page_costs_no_query_for_insights(client, article, settings):
    def queries_to_render() -> int:
        cache.clear()
        recent_pages.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        return len(queries)

    with_insights = queries_to_render()
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.startswith("insights.")
    ]
    assert queries_to_render() == with_insights


def test_the_headings_survive_the_cache_in_the_database(send_event, read_article):
    cache.clear()
    response = send_event({"p": read_article.path, "e": "seen", "s": "cta-heading"})
    assert response.status_code == 204
    assert counted(read_article, Event.SEEN, "cta-heading") == 1


def test_changed_headings_are_saved_with_the_next_event(send_event, read_article):
    CountedPage.objects.remember(
        read_article.path,
        '<main><h1>vCIO or vCISO?</h1><h2 id="a-new-part">A new part</h2></main>',
    )
    response = send_event({"p": read_article.path, "e": "seen", "s": "a-new-part"})
    assert response.status_code == 204
    read_article.refresh_from_db()
    assert ["a-new-part", "A new part"] in read_article.sections


def test_each_visitor_is_counted_once_a_day_per_page(send_event, read_article):
    view = {"p": read_article.path, "e": "view"}
    send_event(view)
    send_event(view)
    send_event(view, HTTP_USER_AGENT=READER_AGENT + " Other")
    send_event(view, REMOTE_ADDR="192.0.2.44")
    assert counted(read_article, Event.VIEW) == 4
    assert counted(read_article, Event.VISITOR) == 3


def test_a_new_day_has_a_new_salt_and_counts_the_same_visitor_again(
    send_event, read_article, monkeypatch
):
    view = {"p": read_article.path, "e": "view"}
    send_event(view)
    today = timezone.localdate()
    salt = cache.get(f"insights:salt:{today}")
    assert salt
    tomorrow = today + timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: tomorrow)
    send_event(view)
    assert cache.get(f"insights:salt:{tomorrow}") not in (None, salt)
    write_pending_counts()
    rows = DailyCount.objects.filter(event=Event.VISITOR)
    assert sorted(rows.values_list("day", "count")) == [(today, 1), (tomorrow, 1)]
    # The salt is nowhere but the cache.
    stored = repr(list(DailyCount.objects.values())) + repr(
        list(CountedPage.objects.values())
    )
    assert salt not in stored


def test_a_page_cannot_claim_visitors(send_event, read_article):
    response = send_event({"p": read_article.path, "e": "visitor"})
    assert response.status_code == 400

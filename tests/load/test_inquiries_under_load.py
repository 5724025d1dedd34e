"""Inquiries through gunicorn's 4 workers: none lost, none doubled, limits shared."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.load.client import Visitor, visitor_address

pytestmark = pytest.mark.django_db


def inquiry_count(server) -> int:
    return server.query("SELECT COUNT(*) FROM contact_inquiry")[0][0]


def ready_visitors(server, first: int, count: int) -> list[tuple[Visitor, dict]]:
    """``count`` prospects, each from an address of their own, with the form open."""

    def open_form(number: int) -> tuple[Visitor, dict]:
        visitor = Visitor(server.base_url, source=visitor_address(number))
        return visitor, visitor.open_contact_form()

    with ThreadPoolExecutor(max_workers=16) as pool:
        visitors = list(pool.map(open_form, range(first, first + count)))
    # A human takes a few seconds to fill the form in; so do we.
    time.sleep(settings.CONTACT_MIN_FILL_SECONDS)
    return visitors


def submit_all(visitors, first: int) -> list:
    with ThreadPoolExecutor(max_workers=len(visitors)) as pool:
        return list(
            pool.map(
                lambda pair: pair[0].send_inquiry(pair[1], first + pair[2]),
                [(v, h, i) for i, (v, h) in enumerate(visitors)],
            )
        )


def assert_thanked(response) -> None:
    assert response.status == 302, (response.status, response.text[:300])
    assert response.headers["Location"] == "/contact/thanks/"


def test_200_concurrent_inquiries_are_all_thanked_and_saved_once(site):
    before = inquiry_count(site)
    visitors = ready_visitors(site, first=1000, count=200)

    responses = submit_all(visitors, first=1000)

    assert [r.status for r in responses if r.status >= 500] == []
    for response in responses:
        assert_thanked(response)
    assert inquiry_count(site) - before == 200
    assert site.query(
        "SELECT COUNT(DISTINCT email) FROM contact_inquiry WHERE email LIKE %s "
        "AND is_spam = %s",
        ("prospect1___@example.com", False),
    ) == [(200,)]
    assert "database is locked" not in site.log()
    if site.pg_database is None:
        assert site.query("PRAGMA integrity_check") == [("ok",)]


def test_the_thank_you_page_follows_a_saved_inquiry(site):
    [(visitor, hidden)] = ready_visitors(site, first=1500, count=1)

    assert_thanked(visitor.send_inquiry(hidden, 1500))
    response = visitor.get("/contact/thanks/")
    stranger = Visitor(site.base_url, source=visitor_address(1501))
    strangers_view = stranger.get("/contact/thanks/")

    assert response.status == 200
    assert "Thank you, Load Test Prospect 1500" in response.text
    assert "prospect1500@example.com" not in strangers_view.text


def test_a_crowd_from_a_shared_link_writes_nothing_and_is_still_attributed(site):
    shared_link = "/articles/vcio-vs-vciso/?utm_source=linkedin&utm_campaign=launch"
    sessions_before = site.query("SELECT COUNT(*) FROM django_session")
    crowd = [
        Visitor(site.base_url, source=visitor_address(n)) for n in range(1600, 1700)
    ]

    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(
            pool.map(
                lambda visitor: visitor.get(
                    shared_link, Referer="https://www.linkedin.com/"
                ),
                crowd,
            )
        )
    one_of_them = crowd[0]
    hidden = one_of_them.open_contact_form()
    time.sleep(settings.CONTACT_MIN_FILL_SECONDS)
    assert_thanked(one_of_them.send_inquiry(hidden, 1600))

    assert {response.status for response in responses} == {200}
    assert all("first_touch" in response.cookies() for response in responses)
    assert site.query("SELECT COUNT(*) FROM django_session") == sessions_before
    assert site.query(
        "SELECT utm_source, utm_campaign, referrer FROM contact_inquiry "
        "WHERE email = %s",
        ("prospect1600@example.com",),
    ) == [("linkedin", "launch", "https://www.linkedin.com/")]


class WriteLock:
    """Another writer holding the database's write lock, as a long admin save would."""

    def __init__(self, server, seconds: float) -> None:
        self.server, self.seconds = server, seconds
        self.held = threading.Event()
        self.thread = threading.Thread(target=self.hold)

    def hold(self) -> None:
        if self.server.pg_database:
            import psycopg

            with psycopg.connect(self.server.env["DATABASE_URL"]) as conn:
                conn.execute("LOCK TABLE contact_inquiry IN EXCLUSIVE MODE")
                self.held.set()
                time.sleep(self.seconds)
            return
        import sqlite3

        conn = sqlite3.connect(self.server.sqlite_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        self.held.set()
        time.sleep(self.seconds)
        conn.execute("COMMIT")
        conn.close()

    def __enter__(self) -> "WriteLock":
        self.thread.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc) -> None:
        self.thread.join()


def test_submissions_wait_for_a_writer_holding_the_lock_for_two_seconds(site):
    before = inquiry_count(site)
    visitors = ready_visitors(site, first=2000, count=20)

    with WriteLock(site, seconds=2):
        started = time.monotonic()
        responses = submit_all(visitors, first=2000)

    assert time.monotonic() - started >= 1.5
    for response in responses:
        assert_thanked(response)
    assert inquiry_count(site) - before == 20


def test_a_lock_held_past_the_lock_timeout_is_a_friendly_503_then_a_retry_works(site):
    before = inquiry_count(site)
    visitors = ready_visitors(site, first=2100, count=5)

    # Long enough that even the fifth, queued behind 4 busy workers, times out.
    with WriteLock(site, seconds=settings.DATABASE_LOCK_TIMEOUT * 2 + 1):
        responses = submit_all(visitors, first=2100)

    for response in responses:
        assert response.status == 503
        assert b"briefly unavailable" in response.body
        assert b'href="tel:+17372105503"' in response.body
        assert b"database is locked" not in response.body
    assert inquiry_count(site) == before
    retried = submit_all(visitors, first=2100)
    for response in retried:
        assert_thanked(response)
    assert inquiry_count(site) - before == 5


def test_the_rate_limit_holds_across_workers_and_ignores_forged_forwarded_for(site):
    limit = settings.CONTACT_RATE_LIMIT
    [(prospect, hidden), (other, other_hidden)] = ready_visitors(site, 2200, 2)

    # Each a new inquiry, on a form of its own: a repeat is not counted.
    forms = [hidden] + [prospect.open_contact_form() for _ in range(limit + 1)]
    first, second = prospect.connections_to_two_workers()
    allowed = [
        prospect.send_inquiry(forms[0], 2200, connection=first),
        prospect.send_inquiry(forms[1], 2200, connection=second),
        *(prospect.send_inquiry(forms[n], 2200) for n in range(2, limit)),
    ]
    refused = prospect.send_inquiry(forms[limit], 2200)
    forged = prospect.send_inquiry(
        forms[limit + 1], 2200, **{"X-Forwarded-For": "10.9.9.9"}
    )
    unaffected = other.send_inquiry(
        other_hidden, 2201, **{"X-Forwarded-For": prospect.source}
    )

    for response in allowed:
        assert_thanked(response)
    assert refused.status == 429
    assert forged.status == 429
    assert_thanked(unaffected)
    served_by = {
        line.rsplit("pid=", 1)[1]
        for line in site.access_log_lines()
        if line.startswith(prospect.source + " ") and '"POST /contact/' in line
    }
    assert len(served_by) >= 2, "every request landed on one worker"


def test_a_burst_from_one_address_gets_exactly_the_limit_through(site):
    limit = settings.CONTACT_RATE_LIMIT
    [(prospect, hidden)] = ready_visitors(site, 2300, 1)

    forms = [hidden] + [prospect.open_contact_form() for _ in range(4 * limit - 1)]

    # All at once, each on a connection of its own, so every worker counts.
    with ThreadPoolExecutor(max_workers=4 * limit) as pool:
        responses = list(
            pool.map(lambda form: prospect.send_inquiry(form, 2300), forms)
        )

    statuses = sorted(response.status for response in responses)
    assert statuses == [302] * limit + [429] * (3 * limit)

"""Crashes and outages: killed workers, the database down, the mail server down."""

import os
import random
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.load.client import HIDDEN_INPUT_RE, Visitor, request
from tests.load.server import free_port
from tests.load.smtp_sink import start_sink
from tests.load.test_inquiries_under_load import (
    assert_thanked,
    ready_visitors,
    submit_all,
)
from tests.silent_server import SilentServer

pytestmark = pytest.mark.django_db

ARTICLE = "/articles/vcio-vs-vciso/"


def test_workers_killed_mid_run_lose_no_acknowledged_inquiry(start_server):
    server = start_server(workers=4)
    visitors = ready_visitors(server, first=4000, count=120)
    outcomes: dict[int, str] = {}
    killed: list[int] = []
    running = threading.Event()
    running.set()

    def killer() -> None:
        while running.is_set():
            time.sleep(1.5)
            pids = server.worker_pids()
            if pids:
                victim = random.choice(pids)
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

    def submit(number: int) -> None:
        # A steady stream (six at a time, one every quarter second each) lasts
        # five seconds however fast the machine is, so the killer strikes
        # mid-run more than once.
        time.sleep(0.25)
        visitor, hidden = visitors[number]
        try:
            response = visitor.send_inquiry(hidden, 4000 + number)
            outcomes[number] = "thanked" if response.status == 302 else "refused"
        except OSError:  # the worker died under this request
            outcomes[number] = "dropped"

    thread = threading.Thread(target=killer)
    thread.start()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(submit, range(len(visitors))))
    running.clear()
    thread.join()

    assert len(killed) >= 2
    deadline = time.monotonic() + 30
    while set(server.worker_pids()) & set(killed) and time.monotonic() < deadline:
        time.sleep(0.2)  # the arbiter reaps and replaces the last one
    server.wait_until_ready()
    assert not set(server.worker_pids()) & set(killed)
    saved = dict(
        server.query(
            "SELECT email, COUNT(*) FROM contact_inquiry "
            "WHERE email LIKE %s GROUP BY email",
            ("prospect4___@example.com",),
        )
    )
    thanked = [n for n, outcome in outcomes.items() if outcome == "thanked"]
    assert thanked, outcomes
    assert [n for n in thanked if f"prospect{4000 + n}@example.com" not in saved] == []
    assert [email for email, count in saved.items() if count > 1] == []
    # Whoever was cut off sends again (same form) and is saved exactly once.
    for number in sorted(set(outcomes) - set(thanked)):
        visitor, hidden = visitors[number]
        assert_thanked(visitor.send_inquiry(hidden, 4000 + number))
    total = server.query(
        "SELECT COUNT(*), COUNT(DISTINCT email) FROM contact_inquiry "
        "WHERE email LIKE %s",
        ("prospect4___@example.com",),
    )
    assert total == [(120, 120)]


def test_a_database_outage_is_a_branded_503_and_healthz_says_so(start_server):
    unreachable = (
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/steadfast"}
        if os.environ.get("DATABASE_URL")
        else {"SQLITE_PATH": "/nonexistent/steadfast/db.sqlite3"}
    )
    server = start_server(workers=2, migrate=False, **unreachable)
    visitor = Visitor(server.base_url, source="127.0.8.1")
    form = visitor.get("/contact/")
    hidden = dict(HIDDEN_INPUT_RE.findall(form.text))

    started = time.monotonic()
    pages = [request(server.base_url, "GET", path) for path in ("/", ARTICLE)]
    posted = visitor.send_inquiry(hidden, 6000)
    health = request(server.base_url, "GET", "/healthz")
    elapsed = time.monotonic() - started

    assert form.status == 200  # the empty form needs no database
    for response in [*pages, posted]:
        assert response.status == 503, (response.status, response.text[:200])
        assert b"briefly unavailable" in response.body
        assert b'href="tel:+17372105503"' in response.body
        for leak in (b"Traceback", b"sqlite", b"psycopg", b"SELECT", b"DATABASES"):
            assert leak not in response.body
    assert health.status == 503
    assert elapsed < 15


def test_a_database_that_does_not_answer_costs_each_worker_one_wait(start_server):
    port = free_port()
    silent = SilentServer(port)  # a PostgreSQL host gone: nothing answers
    try:
        server = start_server(
            workers=2,
            migrate=False,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/steadfast",
        )
        responses = [request(server.base_url, "GET", ARTICLE) for _ in range(8)]
        health = request(server.base_url, "GET", "/healthz")
        tried = len(silent.connections)
    finally:
        silent.close()

    for response in responses:
        assert response.status == 503
        assert b'href="tel:+17372105503"' in response.body
    assert health.status == 503
    # Each worker waited out connect_timeout once, then answered at once.
    assert 1 <= tried <= 2


def retry_with_the_mail_server_back(server, port: int, runs: int) -> list:
    """Start a mail server on ``port`` and run retry_notifications ``runs``
    times: each run's output, then the sales notifications the server got."""
    sink = start_sink(port)
    try:
        # The retry honours a backoff; pretend its minutes have passed.
        server.query(
            "UPDATE contact_inquiry SET notification_next_attempt_at = %s",
            ("2000-01-01 00:00:00",),
        )
        outputs = [server.manage("retry_notifications").stdout for _ in range(runs)]
    finally:
        sink.shutdown()
        sink.server_close()
    sales = [r for r in sink.recipients if "sales@steadfastpartners.example" in r]
    return [*outputs, sales]


def test_mail_server_down_keeps_inquiries_and_the_retry_sends_each_once(
    start_server,
):
    port = free_port()
    server = start_server(workers=2, SMTP_PORT=str(port))
    visitors = ready_visitors(server, first=5000, count=3)

    for response in submit_all(visitors, first=5000):
        assert_thanked(response)
    rows = server.query(
        "SELECT notification_status, notification_error FROM contact_inquiry"
    )
    assert len(rows) == 3
    assert {status for status, _ in rows} == {"failed"}
    assert all(error for _, error in rows)

    first, second, sales = retry_with_the_mail_server_back(server, port, runs=2)

    assert len(sales) == 3
    assert "3 sent" in first
    assert "0 sent" in second
    assert server.query("SELECT DISTINCT notification_status FROM contact_inquiry") == [
        ("sent",)
    ]


def test_a_silent_mail_server_holds_up_one_submission_not_every_one(start_server):
    port = free_port()
    silent = SilentServer(port)
    server = start_server(workers=2, SMTP_PORT=str(port), SMTP_TIMEOUT="3")
    visitors = ready_visitors(server, first=5100, count=4)
    try:
        responses = [
            visitor.send_inquiry(hidden, number)
            for number, (visitor, hidden) in enumerate(visitors, start=5100)
        ]
    finally:
        silent.close()
    tried = len(silent.connections)

    for response in responses:
        assert_thanked(response)
    # The first submission waited out the timeout; the others did not try.
    assert tried == 1
    rows = server.query("SELECT notification_status FROM contact_inquiry")
    assert rows == [("failed",)] * 4

    retried, sales = retry_with_the_mail_server_back(server, port, runs=1)

    assert "4 sent" in retried
    assert len(sales) == 4


def test_a_silent_cache_server_costs_each_worker_one_wait_not_every_request(
    start_server,
):
    port = free_port()
    silent = SilentServer(port)  # a Redis that accepts and never answers
    try:
        server = start_server(workers=2, REDIS_URL=f"redis://127.0.0.1:{port}/0")
        responses = [
            request(server.base_url, "GET", path)
            for path in ["/", ARTICLE, "/contact/"] * 4
        ]
        tried = len(silent.connections)
    finally:
        silent.close()

    assert [response.status for response in responses] == [200] * 12
    assert all(b"Traceback" not in response.body for response in responses)
    # Each worker waited once, then left the cache alone until it answers.
    assert 1 <= tried <= 2

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError, connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from core.postgresql.base import DatabaseWrapper as PostgreSQLWrapper
from core.postgresql.base import pause as postgresql_pause
from core.ratelimit import AtomicIncrFileBasedCache
from steadfast.settings import database_config
from tests.load.server import free_port
from tests.silent_server import SilentServer

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "a-long-random-production-secret-for-tests-0123456789-abcdefghij"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_manage(
        "check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="django-insecure-" + "x" * 50
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=PRODUCTION_SECRET,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sqlite_is_configured_for_several_workers():
    config = database_config(None)

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_sqlite_file_database_opens_in_wal_with_a_busy_timeout(tmp_path):
    # The test database lives in memory, where WAL cannot apply: open a file
    # database with the production settings instead.
    config = {
        **database_config(f"sqlite:///{tmp_path / 'site.sqlite3'}"),
        "TIME_ZONE": None,
        "AUTOCOMMIT": True,
    }
    wrapper = DatabaseWrapper(config, alias="wal-check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            (mode,) = cursor.fetchone()
            cursor.execute("PRAGMA busy_timeout")
            (busy_timeout_ms,) = cursor.fetchone()
    finally:
        wrapper.close()

    assert mode == "wal"
    assert busy_timeout_ms == config["OPTIONS"]["timeout"] * 1000


def test_database_url_selects_postgresql_with_a_connect_timeout():
    config = database_config("postgres://site:secret@db.internal:5432/steadfast")

    assert config["ENGINE"] == "core.postgresql"
    assert config["HOST"] == "db.internal"
    assert config["NAME"] == "steadfast"
    assert config["OPTIONS"]["connect_timeout"] == 5
    assert config["OPTIONS"]["options"] == "-c lock_timeout=5000"
    assert config["CONN_HEALTH_CHECKS"] is True


def postgresql_at(port: int) -> PostgreSQLWrapper:
    """A connection, as the site configures it, to a server on ``port``."""
    config = database_config(f"postgres://postgres@127.0.0.1:{port}/steadfast")
    config["OPTIONS"]["connect_timeout"] = 2  # libpq's shortest
    return PostgreSQLWrapper(
        {**config, "TIME_ZONE": None, "AUTOCOMMIT": True}, alias=f"port-{port}"
    )


def redis_cache_at(port: int) -> RedisCache:
    """The site's Redis cache, for a server on ``port``, quick to time out."""
    options = {
        "pool_class": "core.outages.PausingRedisConnectionPool",
        "socket_timeout": 0.2,
        "socket_connect_timeout": 0.2,
    }
    return RedisCache(f"redis://127.0.0.1:{port}/0", {"OPTIONS": options})


def test_a_postgresql_that_does_not_answer_is_left_alone_for_a_pause(monkeypatch):
    monkeypatch.setattr(postgresql_pause, "until", 0.0)
    port = free_port()
    silent = SilentServer(port)
    wrapper = postgresql_at(port)
    try:
        with pytest.raises(OperationalError, match="timeout"):
            wrapper.ensure_connection()  # waits out connect_timeout
        with pytest.raises(OperationalError, match="moments ago"):
            wrapper.ensure_connection()  # fails at once
    finally:
        silent.close()

    assert len(silent.connections) == 1


def test_a_postgresql_that_refuses_is_tried_again_at_once(monkeypatch):
    monkeypatch.setattr(postgresql_pause, "until", 0.0)
    port = free_port()  # nothing listens: connections are refused
    wrapper = postgresql_at(port)
    with pytest.raises(OperationalError, match="refused"):
        wrapper.ensure_connection()

    silent = SilentServer(port)  # back, though slow to answer
    try:
        with pytest.raises(OperationalError, match="timeout"):
            wrapper.ensure_connection()
    finally:
        silent.close()

    assert len(silent.connections) == 1


def test_sqlite_database_url_keeps_the_concurrency_options():
    config = database_config("sqlite:////tmp/site.sqlite3")

    assert config["NAME"] == "/tmp/site.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_healthz_is_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_missing_page_is_a_branded_404_with_the_phone_number(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"find that page" in response.content
    assert b'href="tel:+17372105503"' in response.content


def test_server_error_is_a_branded_500_without_a_traceback(settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b'href="tel:+17372105503"' in response.content
    assert b"Traceback" not in response.content
    assert b"SECRET_KEY" not in response.content


def test_database_outage_is_a_friendly_503_with_the_phone_number(settings):
    settings.ROOT_URLCONF = "tests.error_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert b'href="tel:+17372105503"' in response.content
    assert b"database is locked" not in response.content


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "base-uri 'none'" in csp
    assert "unsafe-inline" not in csp


def test_pages_carry_the_security_headers(client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_from_the_page_cache_carry_the_same_security_headers(
    client, django_assert_num_queries
):
    first = client.get("/")
    with django_assert_num_queries(0):  # so it came from the page cache
        cached = client.get("/")

    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cross-Origin-Resource-Policy",
        "Permissions-Policy",
    ):
        assert cached[header] == first[header], header


def test_https_requests_get_hsts_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert (
        response["Strict-Transport-Security"]
        == "max-age=63072000; includeSubDomains; preload"
    )


def test_every_page_has_a_skip_link_landmarks_and_the_call_link(client):
    response = client.get("/")

    content = response.content.decode()
    assert '<a class="skip-link" href="#main">' in content
    assert '<main id="main"' in content
    assert "<header" in content and "<footer" in content
    assert '<nav class="site-nav" aria-label="Main">' in content
    assert content.count('href="tel:+17372105503"') >= 2
    assert "737-210-5503" in content


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://www.steadfastpartners.example/sitemap.xml" in body


def test_a_redis_that_does_not_answer_is_left_alone_for_a_pause():
    port = free_port()
    silent = SilentServer(port)
    redis_cache = redis_cache_at(port)
    try:
        with mock.patch("core.outages.UNAVAILABLE_PAUSE", 0.5):
            with pytest.raises(redis.TimeoutError):
                redis_cache.get("page")  # waits out the timeout
            with pytest.raises(redis.ConnectionError):
                redis_cache.get_many(["page", "generation"])  # fails at once
            tried_during_the_pause = len(silent.connections)
            time.sleep(0.6)
            with pytest.raises(redis.TimeoutError):
                redis_cache.set("page", "html", 10)
    finally:
        silent.close()

    assert tried_during_the_pause == 1
    assert len(silent.connections) == 2


def test_a_redis_that_refuses_is_tried_again_at_once():
    port = free_port()  # nothing listens: connections are refused
    redis_cache = redis_cache_at(port)
    with pytest.raises(redis.ConnectionError):
        redis_cache.get("page")

    silent = SilentServer(port)  # back, though slow to answer
    try:
        with pytest.raises(redis.TimeoutError):
            redis_cache.get("page")
    finally:
        silent.close()

    assert len(silent.connections) == 1


def test_file_cache_counts_keep_the_lifetime_their_entry_began_with(tmp_path):
    # The rate limit's ten-minute window, in a cache whose default is five.
    file_cache = AtomicIncrFileBasedCache(str(tmp_path), {"TIMEOUT": 300})
    file_cache.add("count", 0, timeout=600)
    file_cache.incr("count")

    with mock.patch("time.time", return_value=time.time() + 400):
        after_a_quiet_spell = file_cache.incr("count")
    an_instant_past_the_window = time.time() + 601
    with (
        mock.patch("time.time", return_value=an_instant_past_the_window),
        pytest.raises(ValueError),
    ):
        file_cache.incr("count")

    assert after_a_quiet_spell == 2


def test_file_cache_counts_from_many_workers_at_once_are_all_kept(tmp_path):
    AtomicIncrFileBasedCache(str(tmp_path), {}).add("count", 0, timeout=600)

    def worker_counting(_):
        # Each worker has its own cache object, as each gunicorn worker does.
        own_cache = AtomicIncrFileBasedCache(str(tmp_path), {})
        for _ in range(50):
            own_cache.incr("count")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(worker_counting, range(8)))

    assert AtomicIncrFileBasedCache(str(tmp_path), {}).get("count") == 400


def test_file_cache_counts_started_by_many_workers_at_once_are_all_kept(tmp_path):
    keys = [f"count-{n}" for n in range(30)]

    def worker_counting(_):
        own_cache = AtomicIncrFileBasedCache(str(tmp_path), {})
        for key in keys:
            # As the rate limit counts: start the count if it is not there.
            own_cache.add(key, 0, timeout=600)
            own_cache.incr(key)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(worker_counting, range(8)))

    file_cache = AtomicIncrFileBasedCache(str(tmp_path), {})
    assert file_cache.get_many(keys) == dict.fromkeys(keys, 8)


def test_file_cache_counts_only_what_is_there(tmp_path):
    file_cache = AtomicIncrFileBasedCache(str(tmp_path), {})
    file_cache.set("gone", 1, timeout=-1)

    for key in ("never-set", "gone"):
        with pytest.raises(ValueError):
            file_cache.incr(key)

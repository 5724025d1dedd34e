import gc
import os
import runpy
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.db import OperationalError, connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.shortcuts import render as django_render
from django.template import engines
from django.test import Client
from django.urls import get_script_prefix, set_script_prefix

from articles.models import Article
from bench.server import free_port
from contact.forms import InquiryForm
from steadfast.cache import AtomicIncrFileBasedCache, ReusedClientRedisCache
from steadfast.context_processors import site_urls
from steadfast.middleware import (
    LOCAL_PAGE_SECONDS,
    PAGE_CACHE_GENERATION_KEY,
    invalidate_public_pages,
)
from steadfast.postgresql.base import DatabaseWrapper as PostgreSQLWrapper
from steadfast.postgresql.base import pause as postgresql_pause
from steadfast.settings import database_config
from steadfast.storage import StaticFilesStorage
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

    assert config["ENGINE"] == "steadfast.postgresql"
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


def redis_cache_at(port: int) -> ReusedClientRedisCache:
    """The site's Redis cache backend, for a server on ``port``, quick to time out."""
    return ReusedClientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2}},
    )


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


def test_cached_public_page_is_served_without_queries(
    client, django_assert_num_queries
):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert response.status_code == 200
    assert response.has_header("ETag")


def test_conditional_get_of_a_public_page_is_304(client):
    etag = client.get("/")["ETag"]

    response = client.get("/", headers={"if-none-match": etag})

    assert response.status_code == 304


def test_invalidating_public_pages_renders_them_again(client):
    first = client.get("/")
    invalidate_public_pages()

    with mock.patch("steadfast.views.render", wraps=django_render) as render:
        client.get("/")

    assert first.status_code == 200
    assert render.called


def test_a_worker_answers_a_busy_page_from_its_own_memory(client):
    client.get("/")

    with mock.patch("steadfast.middleware.cache") as shared_cache:
        response = client.get("/")

    assert response.status_code == 200
    assert not shared_cache.get_many.called


def test_a_page_that_is_never_cached_goes_straight_to_its_view_next_time(client):
    client.get("/contact/")

    with mock.patch("steadfast.middleware.cache") as shared_cache:
        response = client.get("/contact/")

    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not shared_cache.get_many.called


def test_a_missing_page_is_looked_up_again_rather_than_remembered(client):
    client.get("/no-such-page/")

    with mock.patch("steadfast.middleware.cache") as shared_cache:
        shared_cache.get_many.return_value = {}
        response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert shared_cache.get_many.called


def test_a_change_made_through_another_worker_shows_within_a_second(client):
    client.get("/")
    # What invalidate_public_pages() in another worker leaves behind: a new
    # generation in the shared cache, and this worker's own copy untouched.
    cache.set(PAGE_CACHE_GENERATION_KEY, 99, timeout=None)
    a_second_later = time.time() + LOCAL_PAGE_SECONDS + 0.1

    with mock.patch("steadfast.views.render", wraps=django_render) as render:
        client.get("/")
        assert not render.called
        with mock.patch("time.time", return_value=a_second_later):
            client.get("/")

    assert render.called


def test_visitors_with_a_session_always_get_a_fresh_page(client, settings):
    client.get("/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"

    with mock.patch("steadfast.views.render", wraps=django_render) as render:
        client.get("/")

    assert render.called


def test_site_links_are_reversed_for_the_script_prefix_the_site_runs_under():
    assert site_urls("/")["contact"] == "/contact/"

    set_script_prefix("/steadfast/")
    try:
        assert site_urls(get_script_prefix())["contact"] == "/steadfast/contact/"
    finally:
        set_script_prefix("/")


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: the PostgreSQL + Redis run"
)
def test_redis_cache_keeps_one_client_for_its_connection_pool():
    redis_cache = ReusedClientRedisCache(os.environ["REDIS_URL"], {})

    redis_cache.set("client-reuse-check", "kept", 10)

    assert redis_cache.get("client-reuse-check") == "kept"
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client


def test_a_redis_that_does_not_answer_is_left_alone_for_a_pause():
    port = free_port()
    silent = SilentServer(port)
    redis_cache = redis_cache_at(port)
    try:
        with mock.patch("steadfast.outages.UNAVAILABLE_PAUSE", 0.5):
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


def test_static_urls_are_looked_up_in_the_manifest_once_per_file(tmp_path):
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {"css/site.css": "css/site.0123abcd.css"}

    with mock.patch.object(
        storage, "stored_name", wraps=storage.stored_name
    ) as stored_name:
        urls = {storage.url("css/site.css") for _ in range(3)}

    assert urls == {"/static/css/site.0123abcd.css"}
    assert stored_name.call_count == 1


def test_gunicorn_warm_up_compiles_templates_and_survives_a_broken_one(
    settings, tmp_path
):
    (tmp_path / "django").mkdir()
    (tmp_path / "django" / "fine.html").write_text("<p>{{ name }}</p>")
    (tmp_path / "django" / "broken.html").write_text("{% if %}")
    (tmp_path / "jinja2").mkdir()
    (tmp_path / "jinja2" / "page.html").write_text("<p>{{ static('x.css') }}</p>")
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.jinja2.Jinja2",
            "DIRS": [tmp_path / "jinja2"],
            "OPTIONS": {"environment": "steadfast.jinja2.environment"},
        },
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [tmp_path / "django"],
        },
    ]
    when_ready = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))["when_ready"]
    server = mock.Mock()
    widget_engine = InquiryForm.default_renderer.engine
    widget_engine.env.cache.clear()

    when_ready(server)

    server.log.warning.assert_called_once_with(
        "Template %s did not compile", "broken.html"
    )
    engine = engines["django"].engine
    assert engine.template_loaders[0].get_template_cache.keys() >= {"fine.html"}
    assert {name for _, name in engines["jinja2"].env.cache} == {"page.html"}
    widget_templates = {name for _, name in widget_engine.env.cache}
    assert "django/forms/widgets/text.html" in widget_templates


def test_page_templates_read_a_dicts_keys_before_its_attributes():
    # As Django templates do, which is what the pages were written for.
    template = engines["jinja2"].from_string(
        "{{ links.items }}|{{ links.missing }}|{{ article.title }}"
    )
    article = Article(title="Plain answers")

    rendered = template.render({"links": {"items": "/articles/"}, "article": article})

    assert rendered == "/articles/||Plain answers"


def test_every_page_template_compiles_as_jinja2():
    # A page only shown in an outage (503.html) must not be the first to find
    # a Django tag left behind.
    directory = PROJECT_DIR / "jinja2"
    names = [p.relative_to(directory).as_posix() for p in directory.rglob("*.html")]

    for name in names:
        engines["jinja2"].get_template(name)

    assert "base.html" in names
    assert len(names) >= 19


def test_gunicorn_forks_workers_with_the_loaded_code_frozen():
    pre_fork = runpy.run_path(str(PROJECT_DIR / "gunicorn.conf.py"))["pre_fork"]
    assert gc.get_freeze_count() == 0
    try:
        pre_fork(mock.Mock(), mock.Mock())

        # What is loaded by then (Django, the URLconf, the templates) is
        # left out of every collection a worker makes.
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()

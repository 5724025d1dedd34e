"""Fixtures for the browser suite: Debian's Chromium driven by Playwright.

The site is served by pytest-django's ``live_server`` (a real HTTP server on
localhost, sharing the test database), so a test can act in the browser and
then look at the rows it created. Playwright never downloads a browser here:
it launches ``/usr/bin/chromium``.
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
REPORTS_DIR = PROJECT_DIR / "reports"
SCREENSHOTS_DIR = REPORTS_DIR / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Quiet, reproducible headless Chromium: no sandbox (CI runs as root), no GPU,
# nothing phoning home, no first-run UI. Lighthouse uses the same flags.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def missing_browser_tools() -> str:
    """Why the browser suite cannot run here, or "" when it can."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    if not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append("node_modules/vnu-jar (make test installs it where npm is)")
    if not missing:
        return ""
    return "browser suite needs " + ", ".join(missing)


@pytest.fixture(scope="session", autouse=True)
def browser_tools() -> None:
    """Skip the browser suite in one line where Chromium is missing; fail in CI."""
    reason = missing_browser_tools()
    if reason and os.environ.get("STEADFAST_REQUIRE_BROWSER") == "1":
        pytest.fail(reason, pytrace=False)
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def migrated_state(browser_tools, django_db_setup, django_db_blocker) -> str:
    """The test database as migrations left it: launch article, staff groups.

    Taken when the browser suite starts, before any live-server test flushes
    the database (non-transactional tests, which run first, roll back).
    """
    from django.db import connection

    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def site_as_migrated(request, migrated_state: str) -> None:
    """Give each live-server test the site as deployed, whatever ran before.

    Django's own serialized_rollback breaks when an earlier transactional test
    flushed with post_migrate (content types come back with other ids), so
    flush without it and load the migrated state ourselves.
    """
    if "live_server" not in request.fixturenames:
        return
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    request.getfixturevalue("transactional_db")
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        inhibit_post_migrate=True,
        reset_sequences=False,
    )
    connection.creation.deserialize_db_from_string(migrated_state)
    # The rows came back with their ids: move PostgreSQL's sequences past
    # them, as loaddata does, so the next insert does not collide.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(scope="session")
def browser(browser_tools: None) -> Iterator:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # refuses to run beside one unless told it is safe, which it is here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class ConsoleWatcher:
    """Collects what the page complains about: CSP refusals and script errors."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.errors: list[str] = []

    def on_console(self, message) -> None:
        self.messages.append(f"{message.type}: {message.text}")

    def on_page_error(self, error) -> None:
        self.errors.append(str(error))

    @property
    def csp_refusals(self) -> list[str]:
        # Older Chromium says "Refused to ...", 156 says "... violates the
        # following Content Security Policy directive ...".
        return [
            text
            for text in self.messages
            if "Refused to" in text or "Content Security Policy" in text
        ]

    def assert_clean(self) -> None:
        assert self.csp_refusals == [], "\n".join(self.csp_refusals)
        assert self.errors == [], "\n".join(self.errors)


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable]:
    """Open a fresh browser (no cookies) at a viewport; returns (page, watcher).

    Every page opened this way fails the test at teardown if the browser
    refused something under the Content-Security-Policy or a script threw.
    """
    contexts = []
    watchers: list[ConsoleWatcher] = []

    def open_page(viewport: dict = DESKTOP, *, phone: bool = False):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="en-US",
            timezone_id="America/Chicago",
            # No smooth scrolling or transitions: a tap or a focus-ring check
            # must not land mid-animation (Bootstrap honours the setting).
            reduced_motion="reduce",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watcher = ConsoleWatcher()
        page.on("console", watcher.on_console)
        page.on("pageerror", watcher.on_page_error)
        watchers.append(watcher)
        return page, watcher

    yield open_page
    for context in contexts:
        context.close()
    for watcher in watchers:
        watcher.assert_clean()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HtmlChecker:
    """The Nu Html Checker (vnu.jar) running as a local HTTP service."""

    def __init__(self, url: str) -> None:
        self.url = url

    def errors(self, html: str) -> list[str]:
        request = urllib.request.Request(
            f"{self.url}/?out=json",
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '')}]"
            for m in messages
            if m["type"] == "error" or m.get("subType") == "fatal"
        ]


@pytest.fixture(scope="session")
def html_checker(browser_tools: None) -> Iterator[HtmlChecker]:
    port = free_port()
    process = subprocess.Popen(
        [
            "java",
            "-Xss4m",
            "-cp",
            str(VNU_JAR),
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    checker = HtmlChecker(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                checker.errors("<!doctype html><title>t</title>")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        yield checker
    finally:
        process.terminate()
        process.wait(timeout=10)


def save_screenshot(page, name: str) -> Path:
    """A full-page PNG under reports/screenshots/ for people to look at."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}-{page.viewport_size['width']}.png"
    # At the bottom, the phone's sticky call bar sits where it belongs in the
    # full-page picture, rather than mid-page where the viewport ended.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    if page.viewport_size["width"] >= 768:
        # Wider screens: the sticky header sits at the top of the picture.
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=True)
    # A full-page capture resizes the viewport and may leave the page
    # scrolled elsewhere: checks that follow see it as the picture shows it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    return path


@pytest.fixture
def log_in(live_server) -> Callable:
    """Give a browser page the session of ``user``, as if they had signed in
    with their password and second factor (tests.conftest.log_in_verified)."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import log_in_verified

    def log_in(page, user) -> None:
        client = Client()
        log_in_verified(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return log_in


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (STEADFAST_REQUIRE_BROWSER=1) a skipped browser test is a failure."""
    report = yield
    if not (report.skipped and item.get_closest_marker("browser")):
        return report
    if os.environ.get("STEADFAST_REQUIRE_BROWSER") == "1":
        report.outcome = "failed"
        report.longrepr = f"browser test skipped in CI: {report.longrepr}"
    elif reason := missing_browser_tools():
        # pytest reports a fixture's skip at each test; one shared location
        # folds them into a single line of the summary.
        report.longrepr = (os.path.relpath(__file__), 1, f"Skipped: {reason}")
    return report


STAFF_PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def make_staff_user() -> Callable:
    """Staff the way the firm creates them: ``create_staff_user --role ...``,
    with an authenticator app (``--totp-secret``) whose codes the tests know."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from tests.conftest import TEST_TOTP_SECRET

    def make_staff_user(username: str, role: str, *, totp_secret=TEST_TOTP_SECRET):
        call_command(
            "create_staff_user",
            username,
            role=role,
            password=STAFF_PASSWORD,
            totp_secret=totp_secret,
            stdout=None,
        )
        return get_user_model().objects.get(username=username)

    return make_staff_user


def unused_code(username: str) -> str:
    """The code the user's authenticator app shows, once it is one they have
    not used yet: a code signs in once, so a second sign-in within the same
    30 seconds waits for the next."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import current_code

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    while device.last_t >= int(time.time()) // device.step:
        time.sleep(0.5)
    return current_code(device.key)


def log_in_through_the_form(page, username: str) -> None:
    """What a member of staff does: the admin's own sign-in page, with the
    code their authenticator app shows."""
    from playwright.sync_api import expect

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_label("One-time code").fill(unused_code(username))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Website administration")

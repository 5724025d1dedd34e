"""nginx with deploy/nginx/steadfast.conf in front: slow clients never reach gunicorn.

gunicorn's sync workers serve one connection each, and wait as long as a
client takes to send its request: a handful of clients trickling their
headers hold every worker, and the health check times out
(test_without_nginx_three_slow_clients_starve_two_workers shows it). Behind
nginx, which reads whole requests before it passes them on, a hundred of
them change nothing. These tests run the shipped config (only its ports,
certificate and folders replaced, see tests/load/proxy.py) in front of
gunicorn with production settings, over TLS as production serves it.

They need Debian's nginx (/usr/sbin/nginx) and openssl; without them they
are skipped with one line. In CI, whose STEADFAST_REQUIRE_BROWSER=1 makes a
missing tool a failure rather than a skip, they fail instead.
"""

import os
import re
import select
import socket
import ssl
import threading
import time
import urllib.parse

import pytest

from tests.load.client import LOOPBACK_TLS, Visitor, request
from tests.load.proxy import CONFIG, NginxProxy, missing_nginx
from tests.load.server import ProductionServer

pytestmark = pytest.mark.django_db

NGINX_MISSING = missing_nginx()
if NGINX_MISSING and os.environ.get("STEADFAST_REQUIRE_BROWSER") != "1":
    pytest.skip(NGINX_MISSING, allow_module_level=True)

ARTICLE = "/articles/vcio-vs-vciso/"
# The launch phone number, from the site settings the error pages are written with.
PHONE = b"737-210-5503"
HEADER_TIMEOUT = int(
    re.search(r"client_header_timeout (\d+)s;", CONFIG.read_text()).group(1)
)
RATE_LIMIT = 2
SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
]


@pytest.fixture(scope="module")
def gunicorn(start_server):
    """Production as it runs behind nginx on the same host (the conf's header)."""
    return start_server(
        workers=2,
        DJANGO_HTTPS="1",
        DJANGO_TRUST_X_FORWARDED_PROTO="1",
        CONTACT_TRUSTED_PROXIES="127.0.0.1",
        CONTACT_RATE_LIMIT=str(RATE_LIMIT),
    )


@pytest.fixture(scope="module")
def site_error_pages(gunicorn):
    """As a deploy does after collectstatic: the pages nginx shows for its errors."""
    gunicorn.manage("write_error_pages")


@pytest.fixture(scope="module")
def proxy(gunicorn, collected_static, site_error_pages):
    if NGINX_MISSING:
        pytest.fail(NGINX_MISSING, pytrace=False)
    proxy = NginxProxy(gunicorn, collected_static).start()
    yield proxy
    proxy.close()


class SlowClients:
    """Connections that send a few bytes a second, and when each was cut off.

    ``headers`` of them send a request line, then one short header line a
    second, and never end the header; ``bodies`` send a complete header for
    an inquiry, then its body a few bytes a second.
    """

    def __init__(self, base_url: str, *, headers: int, bodies: int) -> None:
        self.base_url = base_url
        self.started = time.monotonic()
        self.sockets = [self._open(b"GET / HTTP/1.1\r\n") for _ in range(headers)]
        self.sockets += [self._open(self._inquiry_header()) for _ in range(bodies)]
        self.header_sockets = self.sockets[:headers]
        self.closed_after: dict[socket.socket, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._trickle, daemon=True)

    def __enter__(self) -> "SlowClients":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for sock in self.sockets:
            sock.close()

    def _open(self, first_bytes: bytes) -> socket.socket:
        parts = urllib.parse.urlsplit(self.base_url)
        sock = socket.create_connection((parts.hostname, parts.port), timeout=5)
        if parts.scheme == "https":
            sock = LOOPBACK_TLS.wrap_socket(sock, server_hostname="localhost")
        sock.sendall(first_bytes)
        return sock

    def _inquiry_header(self) -> bytes:
        # With an origin and a CSRF cookie the app reads the body for the
        # token, so a worker given this request waits for all of it.
        return (
            b"POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Origin: https://127.0.0.1\r\nCookie: csrftoken=" + b"s" * 32 + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 5000\r\n\r\nname=Slow&message="
        )

    def _trickle(self) -> None:
        while not self._stop.wait(1):
            for sock in self.still_open():
                chunk = b"X-Wait: 1\r\n" if sock in self.header_sockets else b"aaaa"
                try:
                    if answered_or_closed(sock):
                        raise ConnectionError
                    sock.sendall(chunk)
                except OSError:
                    self.closed_after[sock] = time.monotonic() - self.started

    def still_open(self) -> list[socket.socket]:
        return [sock for sock in self.sockets if sock not in self.closed_after]


def answered_or_closed(sock: socket.socket) -> bool:
    """Whether the server answered (a 408, say) or closed: this client is done."""
    decrypted = sock.pending() if isinstance(sock, ssl.SSLSocket) else 0
    if not (decrypted or select.select([sock], [], [], 0)[0]):
        return False
    sock.settimeout(0)
    try:
        sock.recv(4096)  # an answer, or b"" at the end
        return True
    except (ssl.SSLWantReadError, BlockingIOError):
        return False  # only TLS housekeeping, such as a session ticket
    finally:
        sock.settimeout(5)


def timed_get(base_url: str, path: str):
    started = time.monotonic()
    try:
        response = request(base_url, "GET", path, timeout=3)
    except TimeoutError:
        pytest.fail(f"{path} did not answer within 3 s")
    return response, time.monotonic() - started


def test_a_hundred_slow_clients_leave_the_site_answering_within_a_second(proxy):
    with SlowClients(proxy.https_url, headers=50, bodies=50) as slow:
        for _ in range(4):
            time.sleep(1)
            for path in ("/healthz", ARTICLE):
                response, seconds = timed_get(proxy.https_url, path)
                assert response.status == 200, (path, response.status)
                assert seconds < 1, f"{path} took {seconds:.2f} s"
        assert len(slow.still_open()) == 100, "the slow clients were not attached"

        # nginx ends a header that is still arriving after client_header_timeout.
        while any(sock in slow.still_open() for sock in slow.header_sockets):
            assert time.monotonic() - slow.started < HEADER_TIMEOUT + 5, (
                "nginx kept slow-header connections open past their timeout"
            )
            time.sleep(0.2)
        cut_off = [slow.closed_after[sock] for sock in slow.header_sockets]
        assert min(cut_off) >= HEADER_TIMEOUT - 1


def test_without_nginx_three_slow_clients_starve_two_workers(gunicorn):
    with SlowClients(gunicorn.base_url, headers=gunicorn.workers + 1, bodies=0):
        time.sleep(0.5)  # each worker has taken one
        with pytest.raises(TimeoutError):
            request(gunicorn.base_url, "GET", "/healthz", timeout=1)

    # Once they hang up, the workers are free again.
    assert request(gunicorn.base_url, "GET", "/healthz", timeout=5).status == 200


def test_the_app_sees_each_visitors_own_address_through_nginx(proxy):
    # Django sees nginx's Host ($host, without the port) and checks the
    # origin of a form sent over HTTPS against it, as a browser's would be.
    origin = {"Origin": "https://127.0.0.1"}
    prospect = Visitor(proxy.https_url, source="127.0.7.1")
    other = Visitor(proxy.https_url, source="127.0.7.2")
    # Each a new inquiry, on a form of its own: a repeat is not counted.
    forms = [prospect.open_contact_form() for _ in range(RATE_LIMIT + 2)]
    other_hidden = other.open_contact_form()

    allowed = [
        prospect.send_inquiry(form, 7001, **origin) for form in forms[:RATE_LIMIT]
    ]
    refused = prospect.send_inquiry(forms[RATE_LIMIT], 7001, **origin)
    forged = prospect.send_inquiry(
        forms[RATE_LIMIT + 1], 7001, **origin, **{"X-Forwarded-For": "10.9.9.9"}
    )
    unaffected = other.send_inquiry(other_hidden, 7002, **origin)

    assert [response.status for response in allowed] == [302] * RATE_LIMIT
    assert refused.status == 429
    # nginx replaces what the client says, so it cannot pose as someone new.
    assert forged.status == 429
    # Without X-Forwarded-For every visitor would be nginx's 127.0.0.1.
    assert unaffected.status == 302


def test_nginx_tells_the_app_the_request_came_over_https(proxy, gunicorn):
    through_nginx = request(proxy.https_url, "GET", ARTICLE)
    plain = request(gunicorn.base_url, "GET", ARTICLE)

    assert through_nginx.status == 200
    assert through_nginx.headers["Strict-Transport-Security"].startswith("max-age=")
    # Without X-Forwarded-Proto the app would redirect to HTTPS, in a loop.
    assert plain.status == 301


def test_the_access_log_names_the_visitor_not_nginx(proxy, gunicorn):
    since = gunicorn.access_log_end()

    response = Visitor(proxy.https_url, source="127.0.7.9").get("/healthz")

    assert response.status == 200
    # gunicorn writes the line once the response is sent.
    deadline = time.monotonic() + 5
    while not (logged := logged_since(gunicorn, since, '"GET /healthz')):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert logged[-1].startswith("127.0.7.9 "), logged


def logged_since(gunicorn, since: int, request_line: str) -> list[str]:
    with gunicorn.access_log_path.open("rb") as log:
        log.seek(since)
        lines = log.read().decode(errors="replace").splitlines()
    return [line for line in lines if request_line in line]


def test_the_apps_security_headers_pass_through_once_and_unchanged(proxy, gunicorn):
    through_nginx = request(proxy.https_url, "GET", ARTICLE)
    direct = request(
        gunicorn.base_url, "GET", ARTICLE, headers={"X-Forwarded-Proto": "https"}
    )

    for name in SECURITY_HEADERS:
        assert through_nginx.headers.get_all(name) == direct.headers.get_all(name)
        assert len(through_nginx.headers.get_all(name)) == 1, name


def test_plain_http_moves_to_https_but_the_health_check_answers(proxy):
    redirected = request(proxy.http_url, "GET", ARTICLE)
    health = request(proxy.http_url, "GET", "/healthz")

    assert redirected.status == 301
    # To the config's server_name, whatever Host the client sent.
    assert redirected.headers["Location"] == f"https://www.example.com{ARTICLE}"
    assert health.status == 200


def test_nginx_serves_hashed_static_files_with_a_year_long_cache(
    proxy, gunicorn, collected_static
):
    [stylesheet] = collected_static.glob("css/public.*.css")
    path = f"/static/css/{stylesheet.name}"
    since = gunicorn.access_log_end()

    response = request(proxy.https_url, "GET", path)
    gzipped = request(proxy.https_url, "GET", path, headers={"Accept-Encoding": "gzip"})

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/css"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert gzipped.headers["Content-Encoding"] == "gzip"
    assert gunicorn.worker_times_ms(path, since) == []


def test_nginx_serves_uploaded_images_and_never_an_uploaded_page(proxy):
    uploads = proxy.media_root / "articles" / "share"
    uploads.mkdir(parents=True)
    (uploads / "launch.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (uploads / "evil.html").write_text("<script>alert(1)</script>")
    (uploads / "evil.svg").write_text("<svg><script>alert(1)</script></svg>")

    image = request(proxy.https_url, "GET", "/media/articles/share/launch.png")
    pages = [
        request(proxy.https_url, "GET", f"/media/articles/share/{name}")
        for name in ("evil.html", "evil.svg")
    ]

    assert image.status == 200
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["Cache-Control"] == "public, max-age=2592000"
    for response in [image, *pages]:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Security-Policy"] == (
            "default-src 'none'; sandbox"
        )
    for page in pages:
        assert page.headers["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("path", "size"),
    [
        ("/contact/", 70_000),
        ("/articles/", 1_100_000),
        # Anonymous posts to the sign-in form, and admin forms without files:
        # the 40 MB is the image library's alone.
        ("/admin/login/", 20_000),
        ("/admin/account/passkeys/authentication/complete/", 70_000),
        ("/admin/articles/article/add/", 3_000_000),
    ],
)
def test_nginx_refuses_an_oversized_body_before_gunicorn_sees_it(
    proxy, gunicorn, path, size
):
    since = gunicorn.access_log_end()

    response = request(
        proxy.https_url,
        "POST",
        path,
        body=b"x" * size,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status == 413
    assert gunicorn.worker_times_ms(path, since) == []
    # The site's own page, not nginx's bare one: what to do, and the number.
    assert b"That was too much to send" in response.body
    assert PHONE in response.body
    assert b'<link rel="stylesheet" href="/static/css/public.' in response.body


def test_with_gunicorn_stopped_nginx_shows_the_sites_own_page_with_the_number(
    collected_static, site_error_pages
):
    # Never started: nothing listens on its port, as when gunicorn is down.
    stopped = ProductionServer(static_root=collected_static, migrate=False)
    proxy = NginxProxy(stopped, collected_static).start()
    try:
        response = request(proxy.https_url, "GET", ARTICLE)
        stylesheet = re.search(rb'href="(/static/css/public\.[^"]+)"', response.body)
        css = request(proxy.https_url, "GET", stylesheet.group(1).decode())
    finally:
        proxy.close()
        stopped.close()

    assert response.status == 502
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"briefly unavailable" in response.body
    assert PHONE in response.body
    # nginx serves the stylesheet itself, so the page looks like the site.
    assert css.status == 200


@pytest.mark.parametrize(
    ("path", "size"),
    [("/contact/", 60_000), ("/admin/publishing/image/add/", 30_000_000)],
)
def test_bodies_within_the_limits_reach_the_app(proxy, gunicorn, path, size):
    # An inquiry just under 64 KiB; a 30 MB image, which the admin itself
    # refuses with a message the editor understands. The app answers (here
    # its 403 for a post without a CSRF cookie), not nginx.
    since = gunicorn.access_log_end()

    response = request(
        proxy.https_url,
        "POST",
        path,
        body=b"x" * size,
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )

    assert response.status == 403
    assert b"Please send the form again" in response.body
    # gunicorn writes the line once the response is sent.
    deadline = time.monotonic() + 5
    while not (times := gunicorn.worker_times_ms(path, since)):
        assert time.monotonic() < deadline, "the request never reached gunicorn"
        time.sleep(0.05)
    assert len(times) == 1

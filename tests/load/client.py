"""A tiny HTTP client for the load suite: raw requests from chosen loopback addresses.

Every address in 127.0.0.0/8 reaches the server, so binding the client socket
to 127.0.0.N makes each simulated visitor a different REMOTE_ADDR, as 200 real
prospects would be.
"""

from __future__ import annotations

import http.client
import re
import ssl
import time
import urllib.parse
from dataclasses import dataclass, field
from email.message import Message

HIDDEN_INPUT_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
# The test proxy's certificate is made up on the spot (tests/load/proxy.py):
# encrypt, but take whatever answers on loopback.
LOOPBACK_TLS = ssl.create_default_context()
LOOPBACK_TLS.check_hostname = False
LOOPBACK_TLS.verify_mode = ssl.CERT_NONE


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")

    def cookies(self) -> dict[str, str]:
        jar = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
        return jar


def connect(base_url: str, source: str = "127.0.0.1", timeout: float = 30):
    """An open connection that has sent nothing yet.

    A sync gunicorn worker that accepts it waits for its request, so a second
    connection opened meanwhile is accepted by a different worker.
    """
    parts = urllib.parse.urlsplit(base_url)
    options = {"timeout": timeout, "source_address": (source, 0)}
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, context=LOOPBACK_TLS, **options
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, **options)
    connection.connect()
    return connection


def request(
    base_url: str,
    method: str,
    path: str,
    *,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
    timeout: float = 30,
    connection: http.client.HTTPConnection | None = None,
) -> Response:
    """One request on a fresh (or the given) connection; ``path`` is sent as given."""
    if connection is None:
        connection = connect(base_url, source, timeout)
    try:
        connection.putrequest(
            method,
            path,
            skip_host="Host" in (headers or {}),
            skip_accept_encoding=True,
        )
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if isinstance(body, str):
            body = body.encode()
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return Response(response.status, response.msg, response.read())
    finally:
        connection.close()


def inquiry_fields(number: int) -> dict[str, str]:
    return {
        "name": f"Load Test Prospect {number}",
        "email": f"prospect{number}@example.com",
        "company": "Concurrency Testing LLC",
        "phone": "737-555-0100",
        "interest": "both",
        "message": "We need security and technology leadership this quarter.",
        "consent": "on",
        "website": "",
    }


@dataclass
class Visitor:
    """A prospect with a browser of their own: cookies, and one address."""

    base_url: str
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str, **headers: str) -> Response:
        return self._send("GET", path, None, headers)

    def post(
        self,
        path: str,
        fields: dict[str, str],
        connection: http.client.HTTPConnection | None = None,
        **headers: str,
    ) -> Response:
        headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
        return self._send(
            "POST", path, urllib.parse.urlencode(fields), headers, connection
        )

    def _send(self, method, path, body, headers, connection=None) -> Response:
        if self.cookies:
            headers = {
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                **headers,
            }
        response = request(
            self.base_url,
            method,
            path,
            body=body,
            headers=headers,
            source=self.source,
            connection=connection,
        )
        self.cookies.update(response.cookies())
        return response

    def open_contact_form(self) -> dict[str, str]:
        """The form's hidden fields (CSRF and the signed form token)."""
        response = self.get("/contact/")
        assert response.status == 200, response.text[:500]
        return dict(HIDDEN_INPUT_RE.findall(response.text))

    def send_inquiry(
        self,
        hidden: dict[str, str],
        number: int,
        connection: http.client.HTTPConnection | None = None,
        **headers: str,
    ) -> Response:
        return self.post(
            "/contact/",
            {**hidden, **inquiry_fields(number)},
            connection=connection,
            **headers,
        )

    def connections_to_two_workers(
        self,
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPConnection]:
        """Two connections, both open before either sends anything.

        The worker that accepted the first waits on it, so another worker
        takes the second: requests sent on them land on different workers.
        """
        first, second = (
            connect(self.base_url, self.source),
            connect(self.base_url, self.source),
        )
        time.sleep(0.3)  # let both be accepted
        return first, second


def visitor_address(number: int) -> str:
    """A distinct loopback address per visitor: 127.0.1.1, 127.0.1.2, …"""
    return f"127.0.{1 + number // 250}.{1 + number % 250}"

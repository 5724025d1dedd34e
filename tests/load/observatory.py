"""The MDN HTTP Observatory's scoring, applied to responses we captured.

The Observatory itself (npm @mdn/mdn-http-observatory) scans a public host
over HTTPS; our test server is plain HTTP on 127.0.0.1 behind a pretend proxy,
so we apply its published rules to the headers instead:
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.load.client import Response

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
SIX_MONTHS = 15768000
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def parse_csp(value: str) -> dict[str, list[str]]:
    policy = {}
    for directive in value.split(";"):
        parts = directive.split()
        if parts:
            policy[parts[0].lower()] = [source.lower() for source in parts[1:]]
    return policy


def csp_result(headers) -> tuple[str, int]:
    value = headers.get("Content-Security-Policy")
    if not value:
        return "csp-not-implemented", -25
    policy = parse_csp(value)
    default = policy.get("default-src", [])
    scripts = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    broad = {"'unsafe-inline'", "data:", "https:", "http:", "*"}
    if not scripts or not objects or broad & set(scripts) or broad & set(objects):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in scripts:
        return "csp-implemented-with-unsafe-eval", -10
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookie_result(responses: list[Response]) -> tuple[str, int]:
    cookies = [
        header
        for response in responses
        for header in response.headers.get_all("Set-Cookie") or []
    ]
    if not cookies:
        return "cookies-not-found", 0
    flags = [
        {part.strip().lower().split("=")[0]: part for part in c.split(";")[1:]}
        for c in cookies
    ]
    if not all("secure" in f for f in flags):
        return "cookies-without-secure-flag", -20
    samesite = [re.search(r"samesite=(\w+)", c, re.I) for c in cookies]
    if any(m and m.group(1).lower() not in {"strict", "lax"} for m in samesite):
        return "cookies-samesite-flag-invalid", -20
    if all(samesite):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def hsts_result(headers) -> tuple[str, int]:
    value = headers.get("Strict-Transport-Security")
    if not value:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=(\d+)", value)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    # hsts-preloaded (+5) needs the real preload list; we do not claim it.
    return "hsts-implemented-max-age-at-least-six-months", 0


def redirect_result(plain_http: Response, host: str) -> tuple[str, int]:
    location = plain_http.headers.get("Location", "")
    if plain_http.status not in {301, 302, 307, 308} or not location:
        return "redirection-missing", -20
    target = urlsplit(location)
    if target.scheme != "https":
        return "redirection-not-to-https", -20
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def sri_result(page: Response) -> tuple[str, int]:
    scripts = re.findall(r"<script\b[^>]*>", page.text, re.I)
    external = [s for s in scripts if re.search(r'src="(https?:)?//', s)]
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    if all("integrity=" in s for s in external):
        return "sri-implemented-and-external-scripts-loaded-securely", 5
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def grade(
    page: Response, plain_http: Response, extra_cookies: Response | None = None
) -> tuple[int, str, dict[str, tuple[str, int]]]:
    """(score, letter, each test's result) for one HTML page served over HTTPS."""
    headers = page.headers
    host = urlsplit(plain_http.headers.get("Location", "")).hostname or "127.0.0.1"
    policy = parse_csp(headers.get("Content-Security-Policy", ""))
    referrer = headers.get("Referrer-Policy", "").split(",")[-1].strip().lower()
    xfo = headers.get("X-Frame-Options", "").upper()
    corp = headers.get("Cross-Origin-Resource-Policy", "").lower()
    acao = headers.get("Access-Control-Allow-Origin")
    results = {
        "csp": csp_result(headers),
        "cookies": cookie_result([page] + ([extra_cookies] if extra_cookies else [])),
        "cors": ("cross-origin-resource-sharing-not-implemented", 0)
        if acao is None
        else ("cross-origin-resource-sharing-implemented-with-public-access", 0),
        "redirection": redirect_result(plain_http, host),
        "referrer-policy": ("referrer-policy-private", 5)
        if referrer in PRIVATE_REFERRER_POLICIES
        else ("referrer-policy-not-implemented", 0),
        "hsts": hsts_result(headers),
        "sri": sri_result(page),
        "x-content-type-options": ("x-content-type-options-nosniff", 0)
        if headers.get("X-Content-Type-Options", "").lower() == "nosniff"
        else ("x-content-type-options-not-implemented", -5),
        "x-frame-options": ("x-frame-options-implemented-via-csp", 5)
        if "frame-ancestors" in policy
        else (("x-frame-options-sameorigin-or-deny", 0))
        if xfo in {"DENY", "SAMEORIGIN"}
        else ("x-frame-options-not-implemented", -20),
        "corp": ("corp-implemented-with-same-origin", 0)
        if corp in {"same-origin", "same-site"}
        else ("corp-implemented-with-cross-origin", -20),
    }
    penalties = sum(m for _, m in results.values() if m < 0)
    bonuses = sum(m for _, m in results.values() if m > 0)
    score = max(0, 100 + penalties)
    if score >= 90:
        score += bonuses
    letter = next(letter for floor, letter in GRADES if score >= floor)
    return score, letter, results

"""The contact POST mix for the benchmark: mostly valid inquiries, some invalid.

wrk cannot fetch a form first, so we fetch ``count`` fresh forms up front
(each with its own CSRF cookie and signed form token, so every valid POST is
a new inquiry) and write them into a Lua script that wrk cycles through.
"""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

# One in four is invalid (no email) and is shown again with an error, as happens.
INVALID_EVERY = 4


class MixScript(type(Path())):
    note = ""


def fetch_form(base_url: str) -> tuple[str, dict[str, str]] | None:
    """The csrftoken cookie and the form's hidden fields, or None without a form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(base_url + "/contact/", timeout=10) as response:
            html = response.read().decode()
    except urllib.error.HTTPError:
        return None
    cookie = next((c.value for c in jar if c.name == "csrftoken"), None)
    hidden = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html)
    )
    if not cookie or "csrfmiddlewaretoken" not in hidden:
        return None
    return cookie, hidden


def inquiry_fields(number: int, hidden: dict[str, str]) -> dict[str, str]:
    return {
        **hidden,
        "name": f"Benchmark Prospect {number}",
        "email": f"prospect{number}@example.com",
        "company": "Load Testing LLC",
        "phone": "737-555-0100",
        "interest": "both",
        "message": "We are growing fast and need security and IT leadership.",
        "consent": "on",
        "website": "",
    }


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def prepare_contact_mix(base_url: str, directory: Path, count: int) -> MixScript | None:
    bodies, cookies = [], []
    for number in range(count):
        form = fetch_form(base_url)
        if form is None:
            return None
        cookie, hidden = form
        fields = inquiry_fields(number, hidden)
        if number % INVALID_EVERY == INVALID_EVERY - 1:
            fields["email"] = ""
        bodies.append(urllib.parse.urlencode(fields))
        cookies.append(f"csrftoken={cookie}")
    path = MixScript(directory / "contact_mix.lua")
    path.write_text(
        "local bodies = {" + ",\n".join(map(lua_string, bodies)) + "}\n"
        "local cookies = {" + ",\n".join(map(lua_string, cookies)) + "}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n % #bodies + 1\n"
        '  return wrk.format("POST", nil, {\n'
        '    ["Content-Type"] = "application/x-www-form-urlencoded",\n'
        '    ["Cookie"] = cookies[n], ["Referer"] = wrk.scheme .. "://" .. '
        'wrk.host .. ":" .. wrk.port .. "/contact/"}, bodies[n])\n'
        "end\n"
    )
    path.note = (
        f"{count} forms cycled; 3 in 4 valid (302 to thanks, repeats deduplicated), "
        "1 in 4 invalid (200 with errors)"
    )
    return path

"""Lighthouse audit of the pages prospects land on (``make audit``).

Starts the site production-like (DEBUG off, collected static files, gunicorn
with gunicorn.conf.py) on a free loopback port with a fresh SQLite database,
runs Lighthouse 12.8.2 from node_modules in its mobile preset on every landing
page (LANDING_PAGES in tests/browser/pages.py: home, services, both service
pages, about, privacy, the article list, the launch article, contact and the
assessment), each visited once first so that Lighthouse meets it from the
page cache as visitors do, writes JSON and HTML reports to reports/lighthouse/
and prints the four category scores and the Largest Contentful Paint. Exits
non-zero when any score is below LIGHTHOUSE_MIN_SCORE (100 unless set) or any
LCP is over LIGHTHOUSE_MAX_LCP_MS (1400 unless set; the goal is 800).

Run it with ``make audit``, which collects the static files first.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_DIR,
    REPORTS_DIR,
    free_port,
)
from tests.browser.pages import LANDING_PAGES, STATIC_PATHS

LIGHTHOUSE = PROJECT_DIR / "node_modules" / ".bin" / "lighthouse"
OUTPUT_DIR = REPORTS_DIR / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = int(os.environ.get("LIGHTHOUSE_MIN_SCORE", "100"))
# The largest paint on Lighthouse's simulated phone. The goal is 800 ms
# (issue 26), met by the HTML and its stylesheet alone; the deferred Insights
# script needs a second HTTP/1.1 connection to gunicorn, which Lighthouse
# counts before the largest paint (about 250 ms). The gate (0.91-1.11 s
# measured, with room for a slower machine) catches another request or a
# heavier stylesheet; docs/performance.md has the figures.
LCP_GOAL_MS = 800
MAX_LCP_MS = int(os.environ.get("LIGHTHOUSE_MAX_LCP_MS", "1400"))
LCP = "largest-contentful-paint"
THROWAWAY_SECRET = "lighthouse-audit-throwaway-secret-" + "0123456789abcdef" * 2


def production_like_env(port: int, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", THROWAWAY_SECRET),
        DJANGO_HTTPS="0",
        SITE_URL=f"http://127.0.0.1:{port}",
        SQLITE_PATH=str(workdir / "audit.sqlite3"),
        CACHE_DIR=str(workdir / "cache"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESS_LOG=str(workdir / "access.log"),
        WEB_CONCURRENCY="2",
    )
    return env


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("The production-like server did not start.") from None
            time.sleep(0.3)


def pages_to_audit(origin: str) -> dict[str, str]:
    """Every landing page; the article is the first one the home page links to."""
    with urllib.request.urlopen(f"{origin}/", timeout=10) as response:
        home = response.read().decode()
    article = re.search(r'href="(/articles/(?!feed/)[^"#]+/)"', home)
    if article is None:
        raise SystemExit("The home page links to no article to audit.")
    paths = {**STATIC_PATHS, "article": article.group(1)}
    return {name: f"{origin}{paths[name]}" for name in LANDING_PAGES}


# The pages that show people and client proof, audited once the audit's own
# database holds a sample of each (add_sample_proof): launch content has none.
PROOF_PAGES = {
    "person": "/people/sample-advisor/",
    "case-study": "/case-studies/sample-case-study/",
    "home-with-proof": "/",
    "services-with-proof": "/services/",
    "about-with-people": "/about/",
    "article-with-byline": None,  # the launch article, now with an author
}


def add_sample_proof() -> None:
    """A published advisor, a testimonial and a case study, in the audit's
    scratch database only (``manage.py shell``); never launch content.

    The advisor has no photo: in production the proxy serves uploads, and the
    audit runs gunicorn alone, where a photo would be a broken image.
    """
    from datetime import date, timedelta

    from django.utils import timezone

    from articles.models import Article
    from people.models import CaseStudy, Person, Testimonial
    from publishing.models import Status

    live = {"status": Status.PUBLISHED, "published_at": timezone.now() - timedelta(1)}
    advisor = Person.objects.create(
        name="Sample Advisor",
        slug="sample-advisor",
        role="Fractional vCISO",
        bio="A sample advisor for the audit. A second sentence.\n\nMore.",
        credentials="CISSP, CISM",
        **live,
    )
    Testimonial.objects.create(
        quote="A sample quote for the audit, about as long as a real one.",
        name="Sample Client",
        role="Chief Operating Officer",
        company="Sample Company",
        agreed_on=date.today(),
        **live,
    )
    CaseStudy.objects.create(
        title="A sample case study",
        slug="sample-case-study",
        client="A sample company",
        summary="How a sample engagement went, for the audit.",
        situation="The situation, in a few sentences.",
        what_we_did="What the advisor did.\n\nAnd then more.",
        outcome="The outcome.",
        **live,
    )
    Article.objects.published().earliest("published_at").authors.add(advisor)


def warm_up(url: str) -> None:
    """Visit the page once, as a visitor before Lighthouse would: it then comes
    from the page cache, as nearly every visitor gets it."""
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()


def run_lighthouse(name: str, url: str, attempts: int = 3) -> dict[str, int]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={OUTPUT_DIR / name}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
        "--quiet",
    ]
    # On a busy machine a Lighthouse run now and then fails outright (seen
    # while other suites ran); retries absorb that, a real problem fails
    # every time and prints Lighthouse's own error.
    for attempt in range(1, attempts + 1):
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode == 0:
            break
        print(f"Lighthouse failed on {url} (attempt {attempt}):", file=sys.stderr)
        print(result.stderr[-2000:], file=sys.stderr)
    else:
        raise SystemExit(f"Lighthouse could not audit {url}.")
    report = json.loads((OUTPUT_DIR / f"{name}.report.json").read_text())
    return {
        **{
            category: round(report["categories"][category]["score"] * 100)
            for category in CATEGORIES
        },
        LCP: round(report["audits"][LCP]["numericValue"]),
    }


def summary_table(scores: dict[str, dict[str, int]]) -> str:
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " | LCP ms |",
        "| --- |" + " ---: |" * (len(CATEGORIES) + 1),
    ]
    for name, by_category in scores.items():
        cells = " | ".join(str(by_category[key]) for key in [*CATEGORIES, LCP])
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` first.")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="steadfast-audit-") as tmp:
        env = production_like_env(port, Path(tmp))
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "steadfast.wsgi",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(origin, server)
            pages = pages_to_audit(origin)
            for url in pages.values():
                warm_up(url)
            scores = {name: run_lighthouse(name, url) for name, url in pages.items()}
            subprocess.run(
                [
                    python,
                    "manage.py",
                    "shell",
                    "--command",
                    "from tests.browser.audit import add_sample_proof; "
                    "add_sample_proof()",
                ],
                cwd=PROJECT_DIR,
                env=env,
                check=True,
            )
            proof_pages = {
                name: f"{origin}{path}" if path else pages["article"]
                for name, path in PROOF_PAGES.items()
            }
            for url in proof_pages.values():
                warm_up(url)
            scores |= {
                name: run_lighthouse(name, url) for name, url in proof_pages.items()
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    table = summary_table(scores)
    (OUTPUT_DIR / "summary.md").write_text(table)
    print(table, end="")
    low = [
        f"{name} {category} {by_category[category]}"
        for name, by_category in scores.items()
        for category in CATEGORIES
        if by_category[category] < MIN_SCORE
    ]
    slow = [
        f"{name} {by_category[LCP]} ms"
        for name, by_category in scores.items()
        if by_category[LCP] > MAX_LCP_MS
    ]
    if low:
        print(f"Below {MIN_SCORE}: " + ", ".join(low), file=sys.stderr)
    if slow:
        print(f"LCP over {MAX_LCP_MS} ms: " + ", ".join(slow), file=sys.stderr)
    over_goal = [
        name for name, by_category in scores.items() if by_category[LCP] > LCP_GOAL_MS
    ]
    if over_goal:
        print(f"LCP over the {LCP_GOAL_MS} ms goal: " + ", ".join(over_goal))
    return 1 if low or slow else 0


if __name__ == "__main__":
    sys.exit(main())

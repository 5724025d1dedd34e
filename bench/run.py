"""Benchmark the site as production serves it: ``make bench``.

gunicorn (``gunicorn.conf.py``, ``DJANGO_DEBUG=0``) serves a scratch database on
a free loopback port: SQLite and the file cache, or PostgreSQL and Redis when
``DATABASE_URL`` and ``REDIS_URL`` are set. wrk loads each target in turn,
round after round, and each page's rate is divided by a static file's rate
in the same round (the cached article's by the same page saved as a static
file), so a busy minute on a shared machine moves both. The report
goes to ``reports/bench.md``; the exit status is 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whitenoise.compress import Compressor

from tests.load.server import PROJECT_DIR, ProductionServer

ARTICLE = "/articles/vcio-vs-vciso/"
NOCACHE_SCRIPT = Path(__file__).with_name("nocache.lua")
BEACON_SCRIPT = Path(__file__).with_name("beacon.lua")
BEACON_PATH = "/insights/event"
# The beacon load beside the cached article: 25 events a second from 4
# senders. A reader sends one or two dozen over several minutes, so this is
# some 300 readers on the site at once: far more than the firm expects,
# at a steady pace (the endpoint's own target shows how many fit). Each
# sender connects and sends at once, as a browser does; wrk's delay() would
# hold a connection idle, and so a sync worker, which production's nginx
# (buffering requests) never lets happen.
BESIDE_SENDERS = 4
BESIDE_EVENTS_PER_SECOND = 25
BEACON_BODY = '{"p":"/articles/vcio-vs-vciso/","e":"view"}'
BEACON_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36"
)
# Browsers ask for compressed responses; WhiteNoise has them ready.
ACCEPT_ENCODING = "br, gzip"
WORKER_P99_GOAL_MS = 25.0
# Few enough that the client's latency is mostly the page, not the queue.
FEW_CONNECTIONS = 4


@dataclass
class Target:
    name: str
    path: str
    goal_ratio: float | None = None
    # The target whose rate in the same round this one's is divided by; the
    # first target when None.
    baseline: Target | None = None
    # Rendered on every request: its p99 inside the worker has a goal, and the
    # client's p99 is also read at FEW_CONNECTIONS.
    uncached: bool = False
    script: Path | None = None
    # Loaded while a paced beacon load runs beside it.
    beside_beacons: bool = False
    beacon_rps: list[float] = field(default_factory=list)
    rps: list[float] = field(default_factory=list)
    # The workers' CPU time per request (µs): what the page costs the site
    # itself, which a busy shared machine moves far less than the rate.
    cpu_us: list[float] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    worker_p99: list[float] = field(default_factory=list)
    client_p99: list[float] = field(default_factory=list)
    # Non-2xx/3xx responses and socket errors.
    failures: int = 0

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def worker_ms(self) -> float:
        return statistics.median(self.worker_p99)


def ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, seconds: int, connections: int, script: Path | None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", "5s", "-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    # wrk prints these lines only when there is something to count.
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)  # connect, read, write, timeout
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": ms(re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "failures": (int(bad.group(1)) if bad else 0)
        + (sum(map(int, re.findall(r"\d+", errors.group(1)))) if errors else 0),
    }


def send_paced_beacons(port: int, seconds: float) -> tuple[int, int]:
    """One sender's share of the beacon load: how many it sent, and how many
    were not answered 204."""
    interval = BESIDE_SENDERS / BESIDE_EVENTS_PER_SECOND
    headers = {
        "Content-Type": "text/plain;charset=UTF-8",
        "Origin": f"http://127.0.0.1:{port}",
        "User-Agent": BEACON_AGENT,
    }
    sent, failed, start = 0, 0, time.monotonic()
    while time.monotonic() - start < seconds:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("POST", BEACON_PATH, BEACON_BODY, headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        sent += 1
        failed += response.status != 204
        time.sleep(max(0.0, start + sent * interval - time.monotonic()))
    return sent, failed


def start_beacon_load(port: int, seconds: float) -> list[Future]:
    pool = ThreadPoolExecutor(BESIDE_SENDERS)
    senders = [
        pool.submit(send_paced_beacons, port, seconds) for _ in range(BESIDE_SENDERS)
    ]
    pool.shutdown(wait=False)
    return senders


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    ticks = 0
    for pid in pids:
        # Fields 14 and 15 (utime, stime), counted after the command's ")".
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def p99(values: list[float]) -> float:
    """NaN when nothing was measured, so a missing reading never meets a goal."""
    if len(values) < 2:
        return values[0] if values else math.nan
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def count_queries(server: ProductionServer) -> dict[str, int]:
    result = subprocess.run(
        [sys.executable, "-m", "bench.queries"],
        cwd=PROJECT_DIR,
        env=server.env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        print("Counting SQL queries failed:\n" + result.stderr, file=sys.stderr)
        return {}
    return json.loads(result.stdout)


def save_as_static_file(server: ProductionServer, path: str, name: str) -> str:
    """Save the page as served into STATIC_ROOT, compressed as collectstatic
    compresses, and restart gunicorn so WhiteNoise serves it; its URL."""
    with urllib.request.urlopen(server.base_url + path, timeout=10) as response:
        html = response.read()
    static_root = Path(server.env["STATIC_ROOT"])
    saved = static_root / "bench" / name
    saved.parent.mkdir(exist_ok=True)
    saved.write_bytes(html)
    for _ in Compressor(quiet=True).compress(str(saved)):
        pass
    server.stop()
    # Started again on the files and database it has.
    server.static_root, server.migrate = static_root, False
    server.start()
    return f"/static/bench/{name}"


def benchmark(args: argparse.Namespace) -> tuple[list[Target], dict[str, int]]:
    # The endpoint's own rate is measured, not its per-address limit.
    limit = {"INSIGHTS_EVENTS_PER_MINUTE": "1000000000"}
    server = ProductionServer(workers=args.workers, extra_env=limit)
    try:
        server.start()
        article_file = save_as_static_file(server, ARTICLE, "article.html")
        manifest = Path(server.env["STATIC_ROOT"]) / "staticfiles.json"
        css = json.loads(manifest.read_text())["paths"]["css/public.css"]
        article_as_file = Target(
            "the article as a static file (WhiteNoise)", article_file
        )
        targets = [
            Target("static CSS (WhiteNoise)", f"/static/{css}"),
            article_as_file,
            Target(
                "article from the page cache",
                ARTICLE,
                goal_ratio=0.9,
                baseline=article_as_file,
            ),
            Target(
                "article from the page cache, beside a beacon load",
                ARTICLE,
                beside_beacons=True,
            ),
            Target(
                "article rendered on every request",
                ARTICLE,
                goal_ratio=0.15,
                uncached=True,
                script=NOCACHE_SCRIPT,
            ),
            Target("contact form GET", "/contact/", goal_ratio=0.1, uncached=True),
            Target("insights endpoint (one event)", BEACON_PATH, script=BEACON_SCRIPT),
        ]
        # Imports, compiled templates and the page cache warm up outside the rounds.
        for target in targets:
            run_wrk(server.base_url + target.path, 1, args.connections, target.script)
        for _ in range(args.rounds):
            for target in targets:
                url = server.base_url + target.path
                since = server.access_log_end()
                if target.beside_beacons:
                    beacons = start_beacon_load(server.port, args.duration)
                workers = server.worker_pids()
                cpu_before = cpu_seconds(workers)
                loaded = run_wrk(url, args.duration, args.connections, target.script)
                # A worker recycled during the run (max_requests) spoils it.
                if server.worker_pids() == workers:
                    cpu = cpu_seconds(workers) - cpu_before
                    target.cpu_us.append(cpu / max(loaded["requests"], 1) * 1e6)
                if target.beside_beacons:
                    results = [sender.result() for sender in beacons]
                    target.beacon_rps.append(sum(s for s, _ in results) / args.duration)
                    target.failures += sum(f for _, f in results)
                target.rps.append(loaded["rps"])
                target.failures += loaded["failures"]
                times = server.worker_times_ms(target.path, since)
                target.worker_p99.append(p99(times))
                if target.uncached:
                    few = run_wrk(url, args.duration, FEW_CONNECTIONS, target.script)
                    target.client_p99.append(few["p99"])
                    target.failures += few["failures"]
            for target in targets:
                baseline = target.baseline or targets[0]
                target.ratios.append(target.rps[-1] / baseline.rps[-1])
        return targets, count_queries(server)
    finally:
        server.close()


def report(
    args: argparse.Namespace, targets: list[Target], queries: dict[str, int]
) -> tuple[str, bool]:
    """The report's section for this run, and whether every goal was met."""
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    cache = "Redis" if os.environ.get("REDIS_URL") else "file cache"
    lines = [
        f"## {database} + {cache}",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {os.cpu_count()} cores · "
        f"gunicorn {args.workers} sync workers · wrk 2 threads, "
        f"{args.connections} connections · {args.rounds} rounds × "
        f"{args.duration} s per target · `Accept-Encoding: {ACCEPT_ENCODING}`. "
        "Medians over the rounds; each ratio is to its baseline in the same "
        "round: the static CSS, or for the cached article the same page saved as "
        "a static file (WhiteNoise serves both precompressed). The p99 in the "
        "worker is gunicorn's own time for the request (its access log's "
        "`%(D)s`), without the wait for a free worker.",
        "",
        "| target | req/s | × baseline | baseline | worker CPU µs/request | "
        "p99 in worker ms | "
        f"client p99 at {FEW_CONNECTIONS} connections ms | "
        "non-2xx/3xx and socket errors |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for t in targets:
        client = f"{statistics.median(t.client_p99):.1f}" if t.client_p99 else "–"
        baseline = (t.baseline or targets[0]).name
        lines.append(
            f"| {t.name} | {statistics.median(t.rps):.0f} | {t.ratio:.2f} | "
            f"{baseline} | {statistics.median(t.cpu_us or [math.nan]):.0f} | "
            f"{t.worker_ms:.1f} | "
            f"{client} | {t.failures} |"
        )
    goals = [
        (
            f"{t.name} ≥ {t.goal_ratio}× {(t.baseline or targets[0]).name}",
            t.ratio >= t.goal_ratio,
            f"{t.ratio:.3f}×",  # three places: 0.198 must not read as a met 0.20
        )
        for t in targets
        if t.goal_ratio
    ]
    goals += [
        (
            f"{t.name}: p99 in worker < {WORKER_P99_GOAL_MS:g} ms",
            t.worker_ms < WORKER_P99_GOAL_MS,
            f"{t.worker_ms:.1f} ms",
        )
        for t in targets
        if t.uncached
    ]
    # The same page in the same round, with and without beacons beside it.
    cached_article = next(t for t in targets if t.name == "article from the page cache")
    beside = next(t for t in targets if t.beside_beacons)
    held = statistics.median(
        with_load / without
        for with_load, without in zip(beside.rps, cached_article.rps, strict=True)
    )
    goals.append(
        (
            "cached article beside a beacon load ≥ 0.9× without "
            f"({statistics.median(beside.beacon_rps):.0f} events/s beside it)",
            held >= 0.9,
            f"{held:.3f}×",
        )
    )
    uncached, cached = queries.get("uncached"), queries.get("cached")
    failures = sum(t.failures for t in targets)
    goals += [
        (
            "uncached article ≤ 3 SQL queries",
            uncached is not None and uncached <= 3,
            f"{uncached}",
        ),
        ("cached article: 0 SQL queries", cached == 0, f"{cached}"),
        ("no non-2xx/3xx responses, no socket errors", failures == 0, f"{failures}"),
    ]
    lines += ["", "| goal | met | measured |", "| --- | --- | --- |"]
    lines += [f"| {g} | {'yes' if ok else '**no**'} | {m} |" for g, ok, m in goals]
    return "\n".join(lines) + "\n", all(ok for _, ok, _ in goals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--output", default="reports/bench.md")
    parser.add_argument(
        "--append", action="store_true", help="add to the report, e.g. a PG run"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does).")
    section, met = report(args, *benchmark(args))
    print(section)
    output = PROJECT_DIR / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    if args.append and output.exists():
        output.write_text(output.read_text() + "\n" + section)
    else:
        output.write_text("# Benchmark\n\nWritten by `make bench`.\n\n" + section)
    print(f"Wrote {output}")
    raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()

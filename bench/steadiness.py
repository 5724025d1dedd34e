"""How steady the machine itself is: the same work, timed again and again.

With 16 connections queued on a few workers, a request waits for about 16
others to be served, so its latency is the time the machine takes for 16
pieces of work in a row. On a shared virtual machine that time swings even
when nothing else of ours runs, and a page's p99 can then be no better than
that swing times its p50. The benchmark measures it before loading the
site, so a run's p99 can be read against the machine it ran on.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass

# About as much pure-Python work as rendering an uncached page (2-3 ms here).
RECORDS = [{"id": n, "title": f"Section {n}", "words": str(n) * 3} for n in range(300)]


@dataclass(frozen=True)
class Steadiness:
    piece_ms: float  # the median time of one piece of work
    window: int  # pieces in a row, as many as the benchmark's connections
    window_p50_ms: float
    window_p99_ms: float

    @property
    def swing(self) -> float:
        return self.window_p99_ms / self.window_p50_ms

    def describe(self) -> str:
        return (
            f"Machine steadiness, idle before the load: {self.window} identical "
            f"pieces of pure-Python work in a row (one takes {self.piece_ms:.1f} ms) "
            f"took {self.window_p50_ms:.1f} ms at the median and "
            f"{self.window_p99_ms:.1f} ms at p99, {self.swing:.1f}×. With that "
            "many requests queued, a page's p99 can be no better than about "
            "that multiple of its p50."
        )


def piece_of_work() -> int:
    size = 0
    for _ in range(10):
        size += len(json.dumps(RECORDS))
        size += sum(len(record["words"]) for record in RECORDS)
    return size


def measure_steadiness(window: int = 16, pieces: int = 2000) -> Steadiness:
    times = []
    for _ in range(pieces):
        started = time.perf_counter()
        piece_of_work()
        times.append((time.perf_counter() - started) * 1000)
    sums = [sum(times[i : i + window]) for i in range(len(times) - window + 1)]
    cut = statistics.quantiles(sums, n=100, method="inclusive")
    return Steadiness(
        piece_ms=statistics.median(times),
        window=window,
        window_p50_ms=statistics.median(sums),
        window_p99_ms=cut[98],
    )

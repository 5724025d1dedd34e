import math
from argparse import Namespace

import pytest

from bench.run import Target, percentile_99, report
from bench.server import ProductionServer
from bench.steadiness import Steadiness, measure_steadiness


def measured(name: str, p99: float, **kwargs) -> Target:
    target = Target(name, "/", **kwargs)
    target.rps, target.p50, target.p99, target.ratios = [500], [20], [p99], [0.5]
    target.worker_p99 = [p99 / 4]
    return target


def goal_rows(targets: list[Target]) -> dict[str, tuple[str, str]]:
    """Each goal's (met, measured) cells."""
    args = Namespace(threads=2, connections=16, rounds=1, duration=5)
    text = report(args, 3, targets, weights={}, memory=[], log_problems=[])
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ")]
    return {
        row[0].lstrip("| "): (row[1], row[2].rstrip(" |"))
        for row in rows
        if len(row) == 3
    }


def goals(targets: list[Target]) -> dict[str, str]:
    return {goal: met for goal, (met, _) in goal_rows(targets).items()}


def test_the_post_mix_latency_is_judged_apart_from_the_pages():
    targets = [
        measured("static CSS (whitenoise)", 12),
        measured("article, warm cache", 11),
        measured("article, cold cache", 48),
        measured("contact POST mix", 130, is_page=False),
    ]

    result = goals(targets)

    assert result["p99 < 50 ms on every page (worst round)"] == "yes"
    assert result["p99 < 50 ms for the contact POST mix (worst round)"] == "**no**"


def test_one_slow_page_misses_the_page_latency_goal():
    targets = [
        measured("article, warm cache", 11),
        measured("article, cold cache", 58),
    ]

    assert goals(targets)["p99 < 50 ms on every page (worst round)"] == "**no**"


def test_a_ratio_just_short_of_its_goal_does_not_read_as_met():
    cold = measured("article, cold cache", 40)
    cold.ratios = [0.198]
    targets = [measured("article, warm cache", 11), cold]

    met, value = goal_rows(targets)["cold article ≥ 0.2× static"]

    assert (met, value) == ("**no**", "0.198×")


def test_the_page_latency_goal_names_the_page_and_round_that_missed_it():
    cold = measured("article, cold cache", 40)
    cold.p99, cold.worker_p99 = [41, 58, 39], [10.0, 11.0, 9.0]
    targets = [measured("article, warm cache", 11), cold]

    met, value = goal_rows(targets)["p99 < 50 ms on every page (worst round)"]

    assert (met, value) == (
        "**no**",
        "worst 58.0 ms (article, cold cache, round 2 of 3; 11.0 ms inside the worker)",
    )


def test_a_round_with_no_logged_requests_reads_as_unknown_not_as_zero():
    assert math.isnan(percentile_99([]))
    assert percentile_99([3.5]) == 3.5
    assert percentile_99([float(n) for n in range(1, 101)]) == pytest.approx(99.01)


def test_the_table_gives_each_targets_median_p99_inside_the_worker():
    cold = measured("article, cold cache", 40)
    cold.worker_p99 = [9.0, 14.0, 10.0]
    targets = [measured("article, warm cache", 11), cold]
    args = Namespace(threads=2, connections=16, rounds=3, duration=5)

    text = report(args, 3, targets, weights={}, memory=[], log_problems=[])

    header = next(line for line in text.splitlines() if line.startswith("| target"))
    cold_row = next(line for line in text.splitlines() if "cold cache |" in line)
    column = header.split(" | ").index("p99 in worker ms")
    assert cold_row.split(" | ")[column] == "10.0"


@pytest.fixture
def server(tmp_path):
    """A server that is never started: only its access log is used."""
    server = ProductionServer()
    yield server
    server.close()


def test_worker_times_are_read_for_one_path_from_where_the_log_ended(server, tmp_path):
    server.access_log_path = tmp_path / "access.log"
    server.access_log_path.write_text(
        '127.0.0.1 [30/Nov/2026:14:00:00 +0000] "GET /contact/ HTTP/1.1" 200 8213 '
        "4100us pid=<11>\n"
    )
    since = server.access_log_end()
    with server.access_log_path.open("a") as log:
        log.write(
            '127.0.0.1 [30/Nov/2026:14:00:01 +0000] "GET /articles/a/?bench-cold=7 '
            'HTTP/1.1" 200 15696 2500us pid=<12>\n'
            '127.0.0.1 [30/Nov/2026:14:00:01 +0000] "GET /contact/ HTTP/1.1" 200 '
            "8213 3000us pid=<11>\n"
            '127.0.0.1 [30/Nov/2026:14:00:02 +0000] "GET /articles/a/ HTTP/1.1" 200 '
            "15696 700us pid=<13>\n"
        )

    assert server.worker_times_ms("/articles/a/", since) == [2.5, 0.7]
    assert server.worker_times_ms("/contact/", since) == [3.0]
    assert server.worker_times_ms("/contact/") == [4.1, 3.0]


def test_the_report_gives_the_machines_own_swing_before_the_table():
    steadiness = Steadiness(
        piece_ms=2.4, window=16, window_p50_ms=36.6, window_p99_ms=92.1
    )
    targets = [measured("article, warm cache", 11), measured("article, cold cache", 60)]
    args = Namespace(threads=2, connections=16, rounds=3, duration=5)

    text = report(args, 3, targets, {}, [], [], steadiness)

    paragraph = next(line for line in text.splitlines() if "steadiness" in line)
    assert "16 identical pieces" in paragraph
    assert "36.6 ms at the median and 92.1 ms at p99, 2.5×" in paragraph
    assert text.index(paragraph) < text.index("| target |")


def test_steadiness_times_windows_of_consecutive_pieces_of_work():
    steadiness = measure_steadiness(window=4, pieces=40)

    assert steadiness.window == 4
    assert steadiness.piece_ms > 0
    # Four pieces in a row take about four times one piece, never less than
    # the fastest four could.
    assert steadiness.window_p50_ms >= 2 * steadiness.piece_ms
    assert steadiness.window_p99_ms >= steadiness.window_p50_ms

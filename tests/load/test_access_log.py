"""The access log the benchmark reads: each request's time inside its worker."""

import time

import pytest

from tests.load.client import request

pytestmark = pytest.mark.django_db


def test_the_access_log_times_each_request_inside_its_worker(site):
    since = site.access_log_end()

    response = request(site.base_url, "GET", "/contact/?from=access-log-test")

    assert response.status == 200
    # gunicorn writes the line once the response is sent.
    deadline = time.monotonic() + 5
    while not (times := site.worker_times_ms("/contact/", since)):
        assert time.monotonic() < deadline, site.access_log_lines()[-3:]
        time.sleep(0.05)
    assert len(times) == 1
    assert 0 < times[0] < 5_000

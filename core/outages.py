"""Leave a server alone for a while after it made a worker wait and failed.

A server that does not answer at all (its host gone, a dropped route) costs
every call its whole timeout: a page makes several, and gunicorn's workers
end up waiting instead of serving. After a call fails slowly, this worker's
calls to that server fail at once for ``UNAVAILABLE_PAUSE`` seconds, and
every caller already treats the failure as the server being down. A refusal
costs no wait and may be a restart, so it pauses nothing.

The fault tests ``test_a_database_that_does_not_answer_costs_each_worker_one_wait``
and ``test_a_silent_cache_server_costs_each_worker_one_wait_not_every_request``
fail without it.
"""

import time
from contextlib import contextmanager

import redis

UNAVAILABLE_PAUSE = 10
SLOW_FAILURE = 0.1


def was_a_wait(started: float, failed: float) -> bool:
    """Whether a call that failed took long enough to have waited on a server
    that does not answer, rather than being refused (``time.monotonic()``)."""
    return failed - started >= SLOW_FAILURE


class Pause:
    def __init__(self, server: str) -> None:
        self.server = server
        self.until = 0.0

    @contextmanager
    def guard(
        self, failures: tuple[type[Exception], ...], unavailable: type[Exception]
    ):
        """Run the block, unless paused (then raise ``unavailable``); pause if
        the block raised one of ``failures`` after a wait."""
        started = time.monotonic()
        if started < self.until:
            raise unavailable(f"{self.server} did not answer moments ago")
        try:
            yield
        except failures:
            failed = time.monotonic()
            if was_a_wait(started, failed):
                self.until = failed + UNAVAILABLE_PAUSE
            raise


REDIS_FAILURES = (redis.ConnectionError, redis.TimeoutError)


class PausingRedisConnection(redis.Connection):
    pause: Pause

    def connect(self):
        with self.pause.guard(REDIS_FAILURES, redis.ConnectionError):
            super().connect()

    def read_response(self, *args, **kwargs):
        with self.pause.guard(REDIS_FAILURES, redis.ConnectionError):
            return super().read_response(*args, **kwargs)


class PausingRedisConnectionPool(redis.ConnectionPool):
    """The ``pool_class`` of the Redis cache: its connections share one pause
    (plain TCP connections)."""

    def __init__(self, connection_class=None, **kwargs) -> None:
        super().__init__(connection_class=PausingRedisConnection, **kwargs)
        self.pause = Pause("Redis")

    def make_connection(self) -> PausingRedisConnection:
        connection = super().make_connection()
        connection.pause = self.pause
        return connection

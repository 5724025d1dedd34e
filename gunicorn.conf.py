"""Gunicorn settings for production-like runs (make serve, the benchmark, load tests).

Every value can be overridden with gunicorn's own GUNICORN_CMD_ARGS or the
variables below.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the site is CPU-bound page rendering with short database
# writes. One per core plus a spare for a worker waiting on mail or a lock:
# on 2 cores, gunicorn's usual 2 x cores + 1 made each uncached page cost a
# third more CPU (five processes crowding two cores' caches) and served a
# fifth fewer of them (make bench).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Longer than the database lock timeout (DATABASE_LOCK_TIMEOUT), so a waiting
# writer answers before the worker is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage; not
# so often that the recycling shows: at 2,000 requests a busy worker was
# replaced every second, and each replacement stalls the requests queued on it.
max_requests = 20000
max_requests_jitter = 2000
# Load the app once in the master; workers fork with the code already imported.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Reject absurd request lines and headers before Django sees them.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190


def when_ready(server) -> None:
    """Compile every template and the URL patterns once, in the master.

    The app is preloaded, so the forked workers (and the ones max_requests
    brings in later) inherit them: a new worker's first page then costs about
    20 ms instead of 100 ms. Nothing here opens a database connection, which a
    fork must never share.
    """
    from pathlib import Path

    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver

    from contact.forms import InquiryForm

    get_resolver().reverse_dict  # noqa: B018 - building it is the point
    # The contact form's widget templates have an engine of their own.
    for engine in [*engines.all(), InquiryForm.default_renderer.engine]:
        for directory in engine.template_dirs:
            for path in Path(directory).rglob("*.html"):
                name = path.relative_to(directory).as_posix()
                try:
                    engine.get_template(name)
                except TemplateSyntaxError:
                    # Warming up must never stop the site from starting.
                    server.log.warning("Template %s did not compile", name)


def pre_fork(server, worker) -> None:
    """Move everything the master has loaded out of the garbage collector's sight.

    A full collection in a worker otherwise walks every imported object (a
    40-55 ms pause for the request it lands on), and touching their headers
    unshares memory the workers could have kept sharing with the master.
    """
    gc.freeze()

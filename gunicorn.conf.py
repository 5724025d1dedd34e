"""Gunicorn settings for production-like runs (make serve, the benchmark, load tests).

Every value can be overridden with gunicorn's own GUNICORN_CMD_ARGS or the
variables below.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers behind a buffering proxy: the site is CPU-bound page rendering
# with short database writes. One per core plus a spare for a worker waiting
# on mail or a lock (docs/performance.md compares other counts).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
# Longer than the database lock timeout (DATABASE_LOCK_TIMEOUT), so a waiting
# writer answers before the worker is killed.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage, but
# rarely enough that replacing a busy worker never shows.
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

"""Gunicorn settings for production-like runs (make serve, the benchmark, load tests).

Every value can be overridden with gunicorn's own GUNICORN_CMD_ARGS or the
variables below.
"""

import ipaddress
import multiprocessing
import os

from gunicorn.glogging import Logger

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


class ClientAddressLogger(Logger):
    """The access log's %(h)s is the visitor, not our proxy.

    Behind nginx every request comes from nginx's own address; nginx puts
    the visitor's in X-Forwarded-For (deploy/nginx/steadfast.conf). As in the
    app (core.ratelimit.client_ip), that header is believed only from an
    address in CONTACT_TRUSTED_PROXIES, and the visitor is its right-most
    entry that is not one of them.
    """

    trusted = {
        entry.strip()
        for entry in os.environ.get("CONTACT_TRUSTED_PROXIES", "").split(",")
        if entry.strip()
    }

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if environ.get("REMOTE_ADDR") in self.trusted:
            forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
            for entry in reversed(forwarded.split(",")):
                address = entry.strip().strip("[]")
                try:
                    ipaddress.ip_address(address)
                except ValueError:
                    continue
                if address not in self.trusted:
                    atoms["h"] = address
                    break
        return atoms


logger_class = ClientAddressLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Reject absurd request lines and headers before Django sees them.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

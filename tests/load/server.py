"""gunicorn as production runs it, on a free loopback port: the load suite, the bench.

``ProductionServer`` collects static files, migrates a scratch database (a
temporary SQLite file, or a fresh PostgreSQL database when ``DATABASE_URL`` is
set), starts gunicorn with ``gunicorn.conf.py`` and ``DJANGO_DEBUG=0``, and
always cleans up after itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parents[2]
# The time each request spends inside its worker (microseconds) and the pid of
# the worker that served it: how slow the site itself is, and who served what.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(D)sus pid=%(p)s'
# A logged request's path (without its query string) and its time in the worker.
ACCESS_LOG_TIME_RE = re.compile(
    r'"[A-Z]+ ([^ ?"]*)[^"]*" \d{3} \S+ (\d+)us pid=\S+$', re.MULTILINE
)
# Production refuses a secret key shorter than 50 characters.
TEST_SECRET_KEY = "load-test-secret-key-not-for-production-" + "q7Zr3xV9" * 4


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ProductionServer:
    """gunicorn with production settings on 127.0.0.1:<free port>."""

    workers: int = 4
    # False for a server whose database is meant to be unreachable.
    migrate: bool = True
    extra_env: dict[str, str] = field(default_factory=dict)
    # Files another server already collected: collectstatic takes seconds.
    static_root: Path | None = None
    database_url: str | None = field(
        default_factory=lambda: os.environ.get("DATABASE_URL") or None
    )
    redis_url: str | None = field(
        default_factory=lambda: os.environ.get("REDIS_URL") or None
    )

    def __post_init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="steadfast-load-"))
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / "gunicorn.log"
        self.access_log_path = self.workdir / "access.log"
        self.sqlite_path = self.workdir / "db.sqlite3"
        self.process: subprocess.Popen | None = None
        self.pg_database = (
            f"steadfast_load_{secrets.token_hex(4)}" if self.database_url else None
        )
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "GUNICORN_", "PYTEST_"))
            and k not in {"DATABASE_URL", "REDIS_URL", "SQLITE_PATH", "CACHE_DIR"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="steadfast.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=TEST_SECRET_KEY,
            DJANGO_HTTPS="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=self.base_url,
            STATIC_ROOT=str(self.static_root or self.workdir / "staticfiles"),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            WEB_CONCURRENCY=str(self.workers),
            GUNICORN_ACCESS_LOG=str(self.access_log_path),
            GUNICORN_CMD_ARGS=f"--access-logformat='{ACCESS_LOG_FORMAT}'",
            GUNICORN_LOG_LEVEL="info",
            # Mail goes to a port nobody listens on unless a test says otherwise.
            SMTP_HOST="127.0.0.1",
            SMTP_PORT="9",
            SMTP_USE_TLS="0",
            SMTP_TIMEOUT="2",
            PYTHONUNBUFFERED="1",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        else:
            env["CACHE_DIR"] = str(self.workdir / "cache")
        if self.pg_database:
            parts = urlsplit(self.database_url)
            env["DATABASE_URL"] = urlunsplit(
                parts._replace(path=f"/{self.pg_database}")
            )
        else:
            env["SQLITE_PATH"] = str(self.sqlite_path)
        env.update(self.extra_env)
        return env

    def manage(
        self, *args: str, check: bool = True, **env: str
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=300,
            check=check,
        )

    def _admin_connection(self):
        import psycopg

        parts = urlsplit(self.database_url)
        return psycopg.connect(
            urlunsplit(parts._replace(path="/postgres")), autocommit=True
        )

    def start(self) -> ProductionServer:
        if self.static_root is None:
            self.manage("collectstatic", "--no-input", "--verbosity", "0")
        if self.migrate:
            if self.pg_database:
                with self._admin_connection() as conn:
                    conn.execute(f'CREATE DATABASE "{self.pg_database}"')
            self.manage("migrate", "--no-input", "--verbosity", "0")
        if self.redis_url:
            import redis

            redis.Redis.from_url(self.redis_url).flushdb()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(gunicorn) if gunicorn.exists() else "gunicorn",
                    "--config",
                    "gunicorn.conf.py",
                    # Several servers (tests, bench, make serve) may run at once.
                    "--no-control-socket",
                    "steadfast.wsgi",
                ],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
            if self._answers() and len(self.worker_pids()) >= self.workers:
                return
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not become ready:\n{self.log()}")

    def _answers(self) -> bool:
        """Whether gunicorn answers at all (a 503 from /healthz counts)."""
        try:
            urllib.request.urlopen(self.base_url + "/healthz", timeout=2).close()
        except urllib.error.HTTPError:
            return True
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.process = None

    def close(self) -> None:
        """Stop gunicorn, then drop the scratch database and files."""
        try:
            self.stop()
        finally:
            try:
                if self.pg_database and self.migrate:
                    with self._admin_connection() as conn:
                        conn.execute(
                            f'DROP DATABASE IF EXISTS "{self.pg_database}" WITH (FORCE)'
                        )
            finally:
                # STEADFAST_KEEP_SERVER_LOGS=1 keeps the logs for a post-mortem.
                if not os.environ.get("STEADFAST_KEEP_SERVER_LOGS"):
                    shutil.rmtree(self.workdir, ignore_errors=True)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the server's database directly, as an operator would."""
        if self.pg_database:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"]) as conn:
                cursor = conn.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        import sqlite3

        conn = sqlite3.connect(self.sqlite_path, timeout=30)
        try:
            rows = conn.execute(sql.replace("%s", "?"), params).fetchall()
            conn.commit()
            return rows
        finally:
            conn.close()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def access_log_lines(self) -> list[str]:
        try:
            return self.access_log_path.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def access_log_end(self) -> int:
        """Where the access log ends now; ``worker_times_ms`` reads on from there."""
        try:
            return self.access_log_path.stat().st_size
        except FileNotFoundError:
            return 0

    def worker_times_ms(self, path: str, since: int = 0) -> list[float]:
        """How long each request for ``path`` logged after ``since`` took in its worker.

        gunicorn's clock starts once the request is read, so this leaves out
        the wait in the listen queue that a client's latency includes. The
        query string is ignored.
        """
        try:
            with self.access_log_path.open("rb") as log:
                log.seek(since)
                text = log.read().decode(errors="replace")
        except FileNotFoundError:
            return []
        wanted = urlsplit(path).path
        return [
            int(us) / 1000
            for logged, us in ACCESS_LOG_TIME_RE.findall(text)
            if logged == wanted
        ]

    def worker_pids(self) -> list[int]:
        if not self.process:
            return []
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            return []

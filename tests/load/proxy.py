"""nginx with deploy/nginx/steadfast.conf in front of a ProductionServer.

The shipped file is read as it is, and only what ties it to a real host is
replaced: its ports (free loopback ones), its certificate (a throwaway one)
and its STATIC_ROOT and MEDIA_ROOT (scratch folders). A small main config
stands in for Debian's /etc/nginx/nginx.conf so that nginx runs as whoever
runs the tests, with its pid file, logs and temporary files in a scratch
folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.load.server import PROJECT_DIR, ProductionServer, free_port

NGINX = Path(os.environ.get("NGINX_PATH", "/usr/sbin/nginx"))
MIME_TYPES = Path("/etc/nginx/mime.types")
CONFIG = PROJECT_DIR / "deploy" / "nginx" / "steadfast.conf"

MAIN_CONFIG = """\
{user}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/steadfast.conf;
}}
"""


def missing_nginx() -> str:
    """Why nginx cannot run here, or "" when it can."""
    missing = [
        f"{path} (apt-get install nginx)"
        for path in (NGINX, MIME_TYPES)
        if not path.exists()
    ][:1]
    if not shutil.which("openssl"):
        missing.append("openssl (apt-get install openssl)")
    return "the proxy tests need " + ", ".join(missing) if missing else ""


@dataclass
class NginxProxy:
    """nginx on two free loopback ports (HTTP and HTTPS) in front of ``upstream``."""

    upstream: ProductionServer
    static_root: Path

    def __post_init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="steadfast-nginx-"))
        self.media_root = self.workdir / "media"
        self.media_root.mkdir()
        self.http_port, self.https_port = free_port(), free_port()
        self.http_url = f"http://127.0.0.1:{self.http_port}"
        self.https_url = f"https://127.0.0.1:{self.https_port}"
        self.process: subprocess.Popen | None = None

    def rendered_config(self) -> str:
        """deploy/nginx/steadfast.conf with this machine's ports and folders."""
        replacements = {
            "server 127.0.0.1:8000;": f"server 127.0.0.1:{self.upstream.port};",
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen 443 ": f"listen 127.0.0.1:{self.https_port} ",
            # No IPv6 on a free port: loopback IPv4 is enough here.
            "listen [::]:80;": "",
            "listen [::]:443 ssl http2;": "",
            "/etc/ssl/steadfast/CHANGE-ME-fullchain.pem": str(
                self.workdir / "cert.pem"
            ),
            "/etc/ssl/steadfast/CHANGE-ME-privkey.pem": str(self.workdir / "key.pem"),
            "/srv/steadfast/staticfiles/": f"{self.static_root}/",
            "/srv/steadfast/media/": f"{self.media_root}/",
        }
        text = CONFIG.read_text()
        for old, new in replacements.items():
            # A placeholder that moved must fail here, not test something else.
            assert old in text, f"{CONFIG} no longer contains {old!r}"
            text = text.replace(old, new)
        return text

    def start(self) -> NginxProxy:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-nodes",
                "-days",
                "2",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-subj",
                "/CN=localhost",
                "-keyout",
                str(self.workdir / "key.pem"),
                "-out",
                str(self.workdir / "cert.pem"),
            ],  # fmt: skip
            check=True,
            capture_output=True,
            timeout=60,
        )
        (self.workdir / "steadfast.conf").write_text(self.rendered_config())
        # As root (CI), nginx's workers would otherwise become nobody, who
        # cannot read the scratch folders.
        user = "user root;" if os.geteuid() == 0 else ""
        main = self.workdir / "nginx.conf"
        main.write_text(
            MAIN_CONFIG.format(user=user, workdir=self.workdir, mime_types=MIME_TYPES)
        )
        with (self.workdir / "stderr.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(NGINX), "-p", str(self.workdir), "-c", str(main)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited early:\n{self.log()}")
            with contextlib.suppress(OSError):
                for port in (self.http_port, self.https_port):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            time.sleep(0.1)
        raise RuntimeError(f"nginx did not start:\n{self.log()}")

    def log(self) -> str:
        return "".join(
            path.read_text(errors="replace")
            for path in (self.workdir / "stderr.log", self.workdir / "error.log")
            if path.exists()
        )

    def close(self) -> None:
        try:
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    # The master and its workers share the session we started.
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=5)
        finally:
            if not os.environ.get("STEADFAST_KEEP_SERVER_LOGS"):
                shutil.rmtree(self.workdir, ignore_errors=True)

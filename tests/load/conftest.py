"""gunicorn servers for the load suite: production settings, 4 workers, scratch data.

Each server runs on a free loopback port against a scratch SQLite file, or a
fresh PostgreSQL database (and the Redis cache) when DATABASE_URL/REDIS_URL
are set, as in CI's second pass. Servers are always stopped at the end.
"""

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.load.server import ProductionServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/load/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.load)


@pytest.fixture(scope="session")
def collected_static():
    """collectstatic once for every server of the session."""
    root = Path(tempfile.mkdtemp(prefix="steadfast-static-"))
    server = ProductionServer(extra_env={"STATIC_ROOT": str(root)})
    try:
        server.manage("collectstatic", "--no-input", "--verbosity", "0")
        yield root
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def start_server(collected_static):
    """A factory: start_server(workers=..., **env) -> a running ProductionServer."""
    servers = []

    def start(workers: int = 4, migrate: bool = True, **env: str) -> ProductionServer:
        server = ProductionServer(
            workers=workers,
            migrate=migrate,
            extra_env=env,
            static_root=collected_static,
        )
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def site(start_server) -> ProductionServer:
    """The site as `make serve` runs it: plain HTTP on 127.0.0.1, 4 workers."""
    return start_server()


@pytest.fixture(scope="session")
def site_behind_proxy(start_server) -> ProductionServer:
    """Production behind a TLS proxy: HTTPS on, X-Forwarded-Proto trusted."""
    return start_server(workers=2, DJANGO_HTTPS="1", DJANGO_TRUST_X_FORWARDED_PROTO="1")

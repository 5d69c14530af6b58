"""Database-fault fixtures: the throwaway PostgreSQL of `make test`, and a real gunicorn.

The cluster is the one scripts/with_postgres.py started for this run (it exports
AKTIV_PG_BINDIR, AKTIV_PG_DATA, AKTIV_PG_PORT, AKTIV_PG_LOG and AKTIV_PG_USER, the system user
the server runs as). Pointed at any other server (your own DATABASE_URL), the fault tests are
skipped: they stop and restart the server.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from .helpers import Cluster, Gunicorn


@pytest.fixture(autouse=True)
def _production_password_hashes():
    """Users made here sign in to a real gunicorn with production settings: their
    passwords get the production hash, not the suite's fast one (tests/conftest.py)."""
    from django.conf import global_settings
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        yield


@pytest.fixture
def pg_cluster():
    """The session's throwaway cluster; skipped when the suite runs on another server."""
    bindir = os.environ.get("AKTIV_PG_BINDIR")
    data = os.environ.get("AKTIV_PG_DATA")
    port = os.environ.get("AKTIV_PG_PORT")
    if not (bindir and data and port):
        pytest.skip(
            "fault tests stop and restart PostgreSQL: they run only on the throwaway "
            "cluster of scripts/with_postgres.py (make test), not on DATABASE_URL's server"
        )
    db = settings.DATABASES["default"]
    if str(db.get("PORT")) != str(port) or db.get("HOST") not in ("127.0.0.1", "localhost"):
        pytest.skip(
            f"DATABASE_URL points at {db.get('HOST')}:{db.get('PORT')}, not at the throwaway "
            f"cluster on port {port}: fault tests skipped"
        )
    if not (Path(data) / "postmaster.opts").exists():
        pytest.skip(f"no PostgreSQL data folder at {data}")
    cluster = Cluster(
        bindir,
        data,
        port,
        user=os.environ.get("AKTIV_PG_USER"),
        log=os.environ.get("AKTIV_PG_LOG"),
    )
    yield cluster
    # Whatever happened, the rest of the suite keeps its database.
    if not cluster.is_running():
        cluster.start()
    connections.close_all()


@pytest.fixture
def gunicorn(tmp_path):
    """A factory: `gunicorn()` starts one (2 workers x 4 threads, as `make loadtest` and the
    deploy example run it); it is stopped after the test."""
    servers = []

    def start(workers=2, threads=4):
        server = Gunicorn(tmp_path, workers=workers, threads=threads).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()

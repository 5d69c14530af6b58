"""Helpers for the database-fault tests: the session's PostgreSQL cluster, a real gunicorn,
and the stdlib load client of scripts/loadkit.py."""

import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from loadkit import Browser, Stats, room_address  # noqa: E402, F401 (re-exported)
from serverkit import PRODUCTION_ENV, free_port, login  # noqa: E402, F401 (login re-exported)

UNAVAILABLE_TEXT = "Prøv igen om lidt"


class Cluster:
    """Stop, start and restart the PostgreSQL that runs this test session."""

    def __init__(self, bindir, data, port, user=None, log=None):
        self.bindir = Path(bindir)
        self.data = Path(data)
        self.port = str(port)
        self.user = user  # the system user the server runs as (it refuses root)
        # pg_ctl start needs the server options again: reuse those the cluster runs with.
        opts = shlex.split((self.data / "postmaster.opts").read_text())
        args = opts[1:]
        if "-D" in args:
            i = args.index("-D")
            del args[i : i + 2]
        self.server_options = shlex.join(args)
        self.log = Path(log) if log else self.data.parent / "server.log"

    def as_server_user(self, command):
        if os.geteuid() == 0 and self.user and self.user != "root":
            return ["runuser", "-u", self.user, "--", *command]
        return command

    def pg_ctl(self, *args, timeout=60):
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(
            self.as_server_user(command),
            check=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def restart_fast(self):
        self.pg_ctl("restart", "-m", "fast", "-w", "-t", "30", "-l", str(self.log))

    def stop_fast(self):
        self.pg_ctl("stop", "-m", "fast", "-w", "-t", "30")

    def start(self):
        self.pg_ctl("start", "-w", "-t", "30", "-l", str(self.log), "-o", self.server_options)

    def is_running(self):
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"]
        result = subprocess.run(
            self.as_server_user(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return result.returncode == 0


class Gunicorn:
    """gunicorn with production settings (DEBUG off) on the test database."""

    def __init__(self, tmp_path, workers=2, threads=4):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.threads = threads  # as deployed and as serverkit runs it: gthread workers
        self.log_path = tmp_path / "gunicorn.log"
        self.access_path = tmp_path / "gunicorn-access.log"
        self.process = None

    def environment(self):
        db = settings.DATABASES["default"]
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if not manifest.exists():
            pytest.fail(f"{manifest} is missing: run the suite with `make test` (collectstatic)")
        env = dict(os.environ)
        env.update(PRODUCTION_ENV)
        env.update(
            {
                # The test database, under the same secret key as this process, so the
                # test can read the participants' signed cookies.
                "DATABASE_URL": (f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"),
                "DJANGO_SECRET_KEY": settings.SECRET_KEY,
                "DJANGO_STATIC_ROOT": str(settings.STATIC_ROOT),
                "DJANGO_LOG_LEVEL": "ERROR",
                "DJANGO_DB_CONNECT_TIMEOUT": "3",
            }
        )
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = db["PASSWORD"]
        return env

    def start(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "aktiv.wsgi",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                # gunicorn 27 otherwise shares one control socket in $HOME between runs.
                "--no-control-socket",
                "--access-logfile",
                str(self.access_path),
                "--access-logformat",
                "%(s)s %(m)s %(U)s",
            ],
            cwd=ROOT,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def wait_listening(self, timeout=30):
        """Wait until gunicorn answers any HTTP status on /healthz (database up or not)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:  # noqa: S310
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer within {timeout} s:\n{self.log_text()}")

    def worker_pids(self):
        pids = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            match = re.search(r"^PPid:\s*(\d+)", status, re.MULTILINE)
            if match and int(match.group(1)) == self.process.pid:
                pids.add(int(entry.name))
        return pids

    def wait_workers(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == self.workers and self.log_text().count("Booting worker") >= len(pids):
                return pids
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not boot {self.workers} workers:\n{self.log_text()}")

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def access_statuses(self):
        if not self.access_path.exists():
            return []
        return [line.split(" ", 2) for line in self.access_path.read_text().splitlines() if line]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process:
            self.log.close()


# Exception lines of a traceback: "module.Name: message" or "module.Name" alone.
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupted|Shutdown|Failure))\b")
# A lost database may log its cause (a 503 reached through handler500 or handler400).
DATABASE_LOST = (
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
    "django.contrib.sessions.backends.base.UpdateError",
    "django.contrib.sessions.exceptions.SessionInterrupted",
)


def log_problems(log_text):
    """What in gunicorn's log shows a crash, a 500, or an error not caused by the lost
    database (every exception in a logged traceback must be one of DATABASE_LOST or a
    psycopg error)."""
    problems = []
    for marker in (
        "Internal Server Error",
        "Error handling request",
        "Exception in worker process",
        "WORKER TIMEOUT",
        "Worker exiting",
        "Worker failed to boot",
        "Shutting down: Master",
    ):
        if marker in log_text:
            problems.append(marker)
    for line in log_text.splitlines():
        match = EXCEPTION_LINE.match(line)
        if match and not (match.group(1) in DATABASE_LOST or line.startswith("psycopg.")):
            problems.append(line[:200])
    return problems

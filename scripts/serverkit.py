"""Shared by `make loadtest` and `make bench`: Django set-up and gunicorn on loopback."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "throwaway-secret-key-for-load-runs-0123456789abcdef",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_COOKIES": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_LOG_LEVEL": "ERROR",
    "DJANGO_CONN_MAX_AGE": "60",
    # As behind the documented proxy: the client is the last X-Forwarded-For entry, so
    # simulated participants can come from different rooms (loadkit.room_address).
    "AKTIV_TRUSTED_PROXIES": "1",
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_django(static_root):
    """Production settings (DEBUG off) on the PostgreSQL of scripts/with_postgres.py."""
    for key, value in PRODUCTION_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("DJANGO_STATIC_ROOT", static_root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aktiv.settings")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("this needs PostgreSQL: run it through its make target.")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def start_gunicorn(port, workers, log_name, threads=4, env=None):
    log = open(ROOT / log_name, "w")  # noqa: SIM115 (lives as long as the server)
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "aktiv.wsgi",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--timeout",
            "60",
            "--no-control-socket",  # parallel runs must not share ~/.gunicorn/gunicorn.ctl
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            url = f"http://127.0.0.1:{port}/healthz"
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    sys.exit(f"gunicorn did not answer /healthz within 60 s; see {log_name}")


def cpu_seconds():
    """CPU time used so far by each gunicorn worker, PostgreSQL process and this one.

    Read from /proc (Linux), so each endpoint's cost can be split between the three;
    returns zeros where /proc is missing.
    """
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = {"server": {}, "database": {}, "client": {"self": time.process_time()}}
    proc = Path("/proc")
    if not proc.is_dir():
        return totals
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        used = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
        if name == "postgres":
            totals["database"][entry.name] = used
        elif b"gunicorn" in cmdline and b"aktiv.wsgi" in cmdline:
            totals["server"][entry.name] = used
    return totals


def cpu_used(before, after):
    """CPU seconds per part between two cpu_seconds() readings, counted per process
    (a process that ended in between is left out; one that started counts whole)."""
    return {
        part: sum(seconds - before[part].get(pid, 0.0) for pid, seconds in after[part].items())
        for part in after
    }


def worker_rss_mb(master_pid):
    """Resident memory (MB) of each gunicorn worker of the given master."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            sizes.append(int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
    return sizes


def login(browser, username, password):
    browser.request("login GET", "/accounts/login/")
    status, _, _ = browser.request(
        "login POST",
        "/accounts/login/",
        data={
            "csrfmiddlewaretoken": browser.csrf(),
            "username": username,
            "password": password,
        },
        ok_statuses=(302,),
    )
    return status == 302

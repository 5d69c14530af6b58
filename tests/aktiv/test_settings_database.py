"""Without DATABASE_URL the app refuses to serve or touch data (no SQLite fallback); the
build commands still run, as `make test` runs collectstatic before PostgreSQL starts."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_database_url_the_app_refuses_and_says_what_to_do():
    result = run_manage("migrate", "--plan", env={"DJANGO_DEBUG": "true"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL is not set" in result.stderr
    assert "make run" in result.stderr and "make test" in result.stderr


def test_build_commands_run_without_database_url(tmp_path):
    env = {"DJANGO_STATIC_ROOT": str(tmp_path / "static")}  # production: no secret either
    result = run_manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_manage("collectstatic", "--noinput", "--verbosity", "0", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()

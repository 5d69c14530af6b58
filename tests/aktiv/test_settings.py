import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "aktiv.example.dk",
    # PostgreSQL that is never reached: these commands do not connect.
    "DATABASE_URL": "postgres://aktiv@127.0.0.1:1/aktiv",
}


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


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["migrate", "--plan"]])
def test_serving_and_data_commands_refuse_a_missing_secret(command):
    result = run_manage(*command, env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_build_commands_run_without_the_secret():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("makemigrations", "--check", "--dry-run", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_mode_starts_without_secret_key():
    result = run_manage(
        "check", env={"DJANGO_DEBUG": "true", "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]}
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["sqlite:///aktiv.sqlite3", "mysql://aktiv@localhost/aktiv"])
def test_a_database_other_than_postgresql_is_refused_with_a_message(url):
    result = run_manage("check", env={"DJANGO_DEBUG": "true", "DATABASE_URL": url})
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_check_deploy_with_production_values_prints_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert "no issues" in result.stdout


def test_migrations_are_complete():
    result = run_manage(
        "makemigrations", "--check", "--dry-run", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "true"}
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_defaults_are_danish_and_copenhagen(settings):
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert settings.DEBUG is False


def test_database_is_postgresql_with_health_checks(settings):
    db = settings.DATABASES["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("path", [".env.example"])
def test_env_example_documents_every_variable(path):
    text = (ROOT / path).read_text()
    settings_source = (ROOT / "aktiv" / "settings.py").read_text()
    import re

    used = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', settings_source))
    used |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_source))
    missing = sorted(name for name in used if f"{name}=" not in text)
    assert not missing, f".env.example lacks: {missing}"


def test_production_cookies_are_secure_httponly_samesite_and_the_idle_time_is_configurable():
    # Renewal on use (instead of a save on every request): tests/aktiv/test_sessions.py.
    script = (
        "import sys; from django.conf import settings as s; "
        "sys.stdout.write('%s %s %s %s %s %s %s %s' % ("
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0))"
    )
    env = {**PRODUCTION_ENV, "DJANGO_SESSION_IDLE_MINUTES": "20"}
    result = run_manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-8:] == [
        "True", "True", "Lax", "True", "1200", "False", "True", "True"
    ]  # fmt: skip


def test_password_validators_are_on():
    from django.conf import settings

    names = {v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert {
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
        "UserAttributeSimilarityValidator",
    } <= names


def test_csp_header_forbids_inline_code_and_framing(client, db):
    header = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]

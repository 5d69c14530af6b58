"""Start the test identity providers as their own processes, once per test session.

- OpenID Connect: tests/idp/oidc, a Django project with django-oidc-provider.
- SAML 2.0: tests/idp/saml_idp.py, a pysaml2 identity provider (signs with xmlsec1).

Each listens on a free port on 127.0.0.1 and is set up through its /control/ endpoint.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the provider exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@dataclass
class Provider:
    url: str
    process: subprocess.Popen
    control_token: str
    log: Path

    def control(self, **data):
        request = urllib.request.Request(  # noqa: S310 (loopback)
            self.url + "/control/",
            data=json.dumps(data).encode(),
            headers={"X-Control-Token": self.control_token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def get_json(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310
            return json.loads(response.read())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _env(extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(extra, PYTHONPATH=str(ROOT))
    return env


def _launch(command, env, url, token, log, health_path):
    """Start the provider's process (output appended to `log`) and wait until it answers."""
    with log.open("a") as out:
        process = subprocess.Popen(  # noqa: S603
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
    provider = Provider(url, process, token, log)
    try:
        wait_until_up(url + health_path, process)
    except Exception:
        provider.stop()
        raise
    return provider


def start_oidc_provider(folder):
    folder = Path(folder)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    token = secrets.token_urlsafe(16)
    log = folder / "oidc-provider.log"
    env = _env(
        {
            "DJANGO_SETTINGS_MODULE": "tests.idp.oidc.settings",
            "IDP_SECRET_KEY": secrets.token_urlsafe(32),
            "IDP_SITE_URL": url,
            "IDP_DATABASE": str(folder / "oidc-provider.sqlite3"),
            "IDP_CONTROL_TOKEN": token,
        }
    )
    django = [sys.executable, "-m", "django"]
    with log.open("w") as out:
        subprocess.run([*django, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True,
                       stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
        subprocess.run([*django, "creatersakey"], env=env, cwd=ROOT, check=True, stdout=out,
                       stderr=subprocess.STDOUT)  # fmt: skip
    command = [*django, "runserver", f"127.0.0.1:{port}", "--noreload"]
    return _launch(command, env, url, token, log, "/openid/.well-known/openid-configuration")


def start_saml_provider(folder):
    folder = Path(folder)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    token = secrets.token_urlsafe(16)
    log = folder / "saml-provider.log"
    env = _env({"IDP_URL": url, "IDP_CONTROL_TOKEN": token, "IDP_FOLDER": str(folder)})
    command = [sys.executable, "-m", "tests.idp.saml_idp", str(port)]
    return _launch(command, env, url, token, log, "/metadata")

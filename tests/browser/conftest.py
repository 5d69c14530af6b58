"""Browser harness: Playwright drives Debian's Chromium against a live server on PostgreSQL.

- No browser download: Chromium is /usr/bin/chromium (Debian's package).
- Without Chromium the browser tests are skipped locally, but fail under CI=true.
- Every request a page makes is recorded; a request to another host fails the test.
"""

import os
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("AKTIV_CHROMIUM", "/usr/bin/chromium")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        raise pytest.UsageError(
            f"CI=true but {CHROMIUM} is missing: browser tests are required in CI "
            "(.ci/run installs Debian's chromium package)."
        )
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen"}


@pytest.fixture
def page(page):
    """Playwright's page, failing the test on any request to another host."""
    foreign = []

    def check(request):
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in LOCAL_HOSTS:
            foreign.append(request.url)

    page.on("request", check)
    page.set_default_timeout(15_000)
    yield page
    assert not foreign, f"pages made requests to other hosts: {foreign}"


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, but static files go through WhiteNoise as in production.

    The default handler looks files up with the finders, which do not know the hashed
    names that the manifest storage writes (make test runs collectstatic first).
    """
    import django.contrib.staticfiles.handlers as handlers
    from pytest_django.live_server_helper import LiveServer

    original = handlers.StaticFilesHandler
    handlers.StaticFilesHandler = lambda application: application
    try:
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    finally:
        handlers.StaticFilesHandler = original
    request.addfinalizer(server.stop)
    return server


# --- identity providers for the sign-in tests (each its own process, once per session) ---


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    from tests.idp.servers import start_oidc_provider

    provider = start_oidc_provider(tmp_path_factory.mktemp("oidc-idp"))
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def saml_provider(tmp_path_factory):
    from tests.idp.servers import start_saml_provider

    provider = start_saml_provider(tmp_path_factory.mktemp("saml-idp"))
    yield provider
    provider.stop()

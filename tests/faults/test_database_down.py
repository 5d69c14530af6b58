"""PostgreSQL down when gunicorn starts and while it runs: Danish 503 pages, never a 500,
no worker lost, and everything recovers without restarting gunicorn."""

import pytest
from django.db import connections

from aktiv import roles
from tests.factories import make_user, open_workshop
from tests.faults.helpers import UNAVAILABLE_TEXT, Browser, Stats, log_problems

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]

CODE = "NEDEAB"
USERNAME = "faldmedarbejder"
PASSWORD = "correct-horse-9"


def _login_form(browser):
    status, text, _ = browser.request("login GET", "/accounts/login/")
    return status, text


def _post_login(browser, csrf):
    return browser.request(
        "login POST",
        "/accounts/login/",
        data={"csrfmiddlewaretoken": csrf, "username": USERNAME, "password": PASSWORD},
    )


def _is_unavailable_page(status, text):
    return status == 503 and UNAVAILABLE_TEXT in text and 'lang="da"' in text


def test_database_down_at_start_and_while_running_gives_503_then_recovers_without_restart(
    pg_cluster, gunicorn
):
    workshop = open_workshop(code=CODE)
    make_user(roles.STAFF, username=USERNAME, password=PASSWORD)
    connections.close_all()

    stats = Stats()
    server = None
    try:
        pg_cluster.stop_fast()
        server = gunicorn()
        # gunicorn boots without the database: /healthz answers, with 503.
        assert server.wait_listening() == 503
        workers = server.wait_workers()

        visitor = Browser(server.base, stats, timeout=15)
        status, body, _ = visitor.request("healthz", "/healthz")
        assert status == 503, body
        assert body == "database unavailable\n"

        login_page = Browser(server.base, stats, timeout=15)
        status, text = _login_form(login_page)
        # The login form needs no database (or says so in Danish); never a 500.
        assert status == 200 or _is_unavailable_page(status, text), (status, text[:300])
        # A 503 page has no sign-in form: post as a browser that loaded the form just
        # before the database went away would (the token of its CSRF cookie).
        csrf = login_page.csrf(text) or next(
            (c.value for c in login_page.jar if c.name == "csrftoken"), ""
        )

        down = {}
        for label, path in [
            ("start page", "/"),
            ("join by code", f"/w/{CODE}/"),
            ("ballot", f"/w/{CODE}/stem/?gruppe=1"),
            ("stories (logged out)", "/stories/"),
            ("privacy page", "/privatliv/"),
        ]:
            down[label] = visitor.request(label, path)[:2]
        down["login POST"] = _post_login(login_page, csrf)[:2]

        for label, (status, text) in down.items():
            assert status != 500, label
            # A page that needs no database may still answer; a page that does says so.
            assert status in (200, 302) or _is_unavailable_page(status, text), (
                label,
                status,
                text[:300],
            )
        for label in ("join by code", "ballot", "privacy page", "login POST"):
            assert _is_unavailable_page(*down[label]), (label, down[label][0])
        assert down["join by code"][1].count("Gå tilbage") == 1

        # Many requests while down: the workers survive (same processes, no reboots).
        for _ in range(10):
            assert visitor.request("join by code", f"/w/{CODE}/")[0] == 503
            assert visitor.request("healthz", "/healthz")[0] == 503
        assert server.worker_pids() == workers
        assert server.process.poll() is None

        pg_cluster.start()

        # Recovered, same gunicorn, same workers.
        status, body, _ = visitor.request("healthz", "/healthz")
        assert (status, body) == (200, "ok\n")
        status, text, _ = visitor.request("join by code", f"/w/{CODE}/")
        assert status == 200 and workshop.title in text
        status, text, _ = visitor.request("ballot", f"/w/{CODE}/stem/?gruppe=1")
        assert status == 200 and 'name="d"' in text
        status, text, _ = visitor.request("privacy page", "/privatliv/")
        assert status == 200
        # The same browser that met the 503 on its login now logs in.
        status, text = _login_form(login_page)
        assert status == 200
        status, _, location = _post_login(login_page, login_page.csrf(text))
        assert status == 302 and location == "/", (status, location)
        status, text, _ = login_page.request("start page", "/")
        assert status == 200 and USERNAME in text
        # Both workers serve again: enough requests that each gets some.
        for _ in range(20):
            assert visitor.request("healthz", "/healthz")[0] == 200

        assert server.worker_pids() == workers

        # Down again while it runs, with a logged-in staff member mid-work.
        status, text, _ = login_page.request("new story form", "/stories/new/")
        assert status == 200
        story_csrf = login_page.csrf(text)
        pg_cluster.stop_fast()
        running_down = {
            "healthz": visitor.request("healthz", "/healthz")[:2],
            "join by code": visitor.request("join by code", f"/w/{CODE}/")[:2],
        }
        for label, path in [
            ("start page (logged in)", "/"),
            ("stories (logged in)", "/stories/"),
            ("domains (logged in)", "/domains/"),
        ]:
            running_down[label] = login_page.request(label, path)[:2]
        running_down["story POST"] = login_page.request(
            "story POST",
            "/stories/new/",
            data={"csrfmiddlewaretoken": story_csrf, "title": "Skrevet mens databasen var væk"},
        )[:2]
        running_down["logout POST"] = login_page.request(
            "logout POST", "/accounts/logout/", data={"csrfmiddlewaretoken": story_csrf}
        )[:2]
        assert running_down.pop("healthz")[0] == 503
        for label, (status, text) in running_down.items():
            assert _is_unavailable_page(status, text), (label, status, text[:300])
        assert server.worker_pids() == workers

        pg_cluster.start()

        # Recovered again; the staff member is still logged in (the session survived).
        assert visitor.request("healthz", "/healthz")[:2] == (200, "ok\n")
        status, text, _ = login_page.request("stories (logged in)", "/stories/")
        assert status == 200 and USERNAME in text, status
        assert login_page.request("domains (logged in)", "/domains/")[0] == 200
        assert visitor.request("join by code", f"/w/{CODE}/")[0] == 200

        assert server.worker_pids() == workers
        assert server.process.poll() is None
        log = server.log_text()
        assert log.count("Booting worker") == 2, log
        assert log_problems(log) == [], log
        statuses = [row[0] for row in server.access_statuses()]
        assert "500" not in statuses
        assert statuses.count("503") >= 30
    finally:
        if not pg_cluster.is_running():
            pg_cluster.start()
        connections.close_all()
        if server is not None:
            server.stop()

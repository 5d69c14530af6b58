"""Screenshots of the main pages at 390 px and 1280 px for docs/ and the README.

Run with `make screenshots` (writes docs/screenshots/*.png); skipped in `make test`.
"""

import os
from pathlib import Path

import pytest

from aktiv import roles
from tests.factories import build_scenario, make_user, open_workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.screenshots,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("AKTIV_SCREENSHOTS"), reason="make screenshots writes them"
    ),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


def test_screenshots_of_the_main_pages(browser, live_server, settings):
    from django.test import Client

    settings.AKTIV_ORGANISATION_NAME = "Eksempel Kommune"
    scenario = build_scenario()
    staff = make_user(roles.STAFF, roles.MANAGER, username="medarbejder")
    facilitator = make_user(roles.FACILITATOR, username="facilitator")
    vote_now = open_workshop(code="GRUPPE", title="Borgerworkshop i Aktivitetscentret")
    pages = {
        "login": (None, "/accounts/login/"),
        "start": (staff, "/"),
        "ballot": (None, f"/w/{vote_now.join_code}/stem/?gruppe=1&d=glaede&d=laering"),
        "domains": (staff, "/domains/"),
        "results": (facilitator, f"/workshops/{scenario.citizens.pk}/results/"),
        "report": (staff, "/report/"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (user, url) in pages.items():
        for size, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            if user is not None:
                client = Client()
                client.force_login(user)
                context.add_cookies(
                    [
                        {"name": k, "value": m.value, "url": live_server.url}
                        for k, m in client.cookies.items()
                    ]
                )
            page = context.new_page()
            if name == "ballot":
                page.goto(f"{live_server.url}/w/{vote_now.join_code}/")
            page.goto(live_server.url + url)
            page.evaluate("() => document.fonts.ready")
            page.screenshot(path=str(OUT / f"{name}-{size}.png"))
            context.close()

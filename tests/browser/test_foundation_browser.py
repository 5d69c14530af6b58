"""Login, start page per role, domains and the audit log in Chromium, axe-clean in da and en."""

import pytest
from playwright.sync_api import expect

from aktiv import roles
from tests.browser.helpers import assert_accessible, login
from tests.factories import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def switch_to_english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["da", "en"])
def test_login_page_is_accessible(page, live_server, language):
    page.goto(f"{live_server.url}/accounts/login/")
    if language == "en":
        switch_to_english(page)
        assert page.locator("html").get_attribute("lang") == "en"
        expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    else:
        assert page.locator("html").get_attribute("lang") == "da"
    assert_accessible(page)


def test_failed_login_is_accessible_and_in_danish(page, live_server):
    make_user(roles.STAFF, username="medarbejder")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brugernavn").fill("medarbejder")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").last.click()
    # Beside the field, and in the error summary above the form.
    wrong = "korrekt brugernavn og adgangskode"
    expect(page.locator("main form").get_by_text(wrong).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(wrong)).to_be_visible()
    assert page.get_by_label("Brugernavn").input_value() == "medarbejder"
    assert_accessible(page)


@pytest.mark.parametrize(
    "role, superuser, heading",
    [
        (roles.STAFF, False, "Medarbejder"),
        (roles.FACILITATOR, False, "Facilitator"),
        (roles.MANAGER, False, "Leder"),
        (None, True, "Administrator"),
    ],
)
@pytest.mark.parametrize("language", ["da", "en"])
def test_start_page_per_role_is_accessible(page, live_server, role, superuser, heading, language):
    make_user(*([role] if role else []), superuser=superuser, username="bruger")
    login(page, live_server, "bruger")
    if language == "en":
        switch_to_english(page)
    else:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["da", "en"])
def test_domains_overview_and_page_are_accessible(page, live_server, language):
    make_user(roles.STAFF, username="bruger")
    login(page, live_server, "bruger")
    if language == "en":
        switch_to_english(page)
    page.goto(f"{live_server.url}/domains/")
    expect(page.get_by_role("link", name="GLÆDE")).to_be_visible()
    expect(page.get_by_role("link", name="VÆRDIGHED OG LIGEVÆRDIGHED")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="GLÆDE").click()
    expect(page.get_by_role("heading", name="GLÆDE", level=1)).to_be_visible()
    expect(page.get_by_text("Jeg oplever mere glæde i hverdagen").first).to_be_visible()
    assert_accessible(page)


def test_domain_edit_error_state_is_accessible(page, live_server):
    make_user(roles.STAFF, username="bruger")
    login(page, live_server, "bruger")
    page.goto(f"{live_server.url}/domains/glaede/edit/")
    # The easy-read statement's LIX follows the typing (static/domains/lix.js).
    page.get_by_label("udsagnet i let dansk", exact=False).fill("Jeg er glad. Jeg har venner.")
    expect(page.locator("#easy-statement-lix")).to_have_text(
        "LIX for udsagnet i let dansk: 3 (sigt efter 25 eller lavere)."
    )
    page.get_by_label("Navn", exact=False).first.fill("")
    page.get_by_role("button", name="Gem").click()
    # Beside the field, and in the error summary above the form.
    error = "Skriv forandringsområdets navn."
    expect(page.locator("main form").get_by_text(error).first).to_be_visible()
    expect(page.locator("[data-error-summary]").get_by_text(error)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["da", "en"])
def test_audit_log_page_is_accessible(page, live_server, language):
    make_user(superuser=True, username="chef")
    login(page, live_server, "chef")
    if language == "en":
        switch_to_english(page)
    page.goto(f"{live_server.url}/audit/")
    assert_accessible(page)


def test_keyboard_user_can_skip_to_content(page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Spring til indholdet")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()

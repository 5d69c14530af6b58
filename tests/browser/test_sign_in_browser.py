"""Single sign-on and two-factor sign-in in Chromium, against real identity providers:

- OpenID Connect: tests/idp/oidc (django-oidc-provider in its own process);
- SAML 2.0: tests/idp/saml_idp.py (pysaml2 in its own process, signing with xmlsec1);
- TOTP and WebAuthn (Chromium's virtual authenticator through the DevTools protocol).

Aktiv's settings for the providers are made from an environment dict by the same code
that reads the real environment (aktiv.accounts.config).
"""

import json
import re
import secrets

import pytest
from django.contrib.auth import get_user_model

from aktiv import roles
from aktiv.accounts import config
from aktiv.models import AuditEvent
from tests.browser.helpers import assert_accessible, login
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE_MAP = {
    "aktiv-medarbejdere": "Medarbejder",
    "aktiv-facilitatorer": "Facilitator",
    "aktiv-ledere": "Leder",
    "aktiv-administratorer": "Administrator",
}
OIDC_SECRET = secrets.token_urlsafe(24)
PASSWORD = "kommune-kode-1"


def sso_env(oidc=None, saml=None):
    env = {"AKTIV_SSO_ROLE_MAP": json.dumps(ROLE_MAP)}
    if oidc is not None:
        env.update(
            AKTIV_OIDC_ISSUER=oidc.url + "/openid",
            AKTIV_OIDC_CLIENT_ID="aktiv",
            AKTIV_OIDC_CLIENT_SECRET=OIDC_SECRET,
            AKTIV_OIDC_ID="testkommune",
            AKTIV_OIDC_NAME="Testkommunen",
        )
    if saml is not None:
        env.update(
            AKTIV_SAML_IDP_METADATA_URL=saml.url + "/metadata",
            AKTIV_SAML_IDP_ENTITY_ID=saml.url + "/metadata",
            AKTIV_SAML_ID="testkommune-saml",
            AKTIV_SAML_NAME="Testkommunen SAML",
            # The names pysaml2 gives uid and email (its "basic" attribute map).
            AKTIV_SAML_ATTR_UID="urn:mace:dir:attribute-def:uid",
            AKTIV_SAML_ATTR_USERNAME="urn:mace:dir:attribute-def:uid",
            AKTIV_SAML_ATTR_EMAIL="urn:mace:dir:attribute-def:email",
            AKTIV_SAML_ROLE_ATTRIBUTES="groups",
            AKTIV_SAML_ALLOW_LOCALHOST="true",
        )
    return env


def use_providers(settings, env):
    settings.SOCIALACCOUNT_PROVIDERS = config.providers(env)
    settings.AKTIV_SSO = config.rules(env)
    csp = json.loads(json.dumps(settings.CONTENT_SECURITY_POLICY))
    csp["DIRECTIVES"]["form-action"] = ["'self'", *config.form_action_origins(env)]
    settings.CONTENT_SECURITY_POLICY = csp


@pytest.fixture
def oidc(settings, live_server, oidc_provider):
    use_providers(settings, sso_env(oidc=oidc_provider))
    oidc_provider.control(
        action="client",
        client_id="aktiv",
        secret=OIDC_SECRET,
        redirect_uris=[f"{live_server.url}/accounts/oidc/testkommune/login/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/"],
    )
    oidc_provider.control(action="mode", id_token="normal", tamper=False)
    yield oidc_provider
    oidc_provider.control(action="mode", id_token="normal", tamper=False)


@pytest.fixture
def saml(settings, live_server, saml_provider):
    use_providers(settings, sso_env(saml=saml_provider))
    saml_provider.control(
        action="sp", metadata_url=f"{live_server.url}/accounts/saml/testkommune-saml/metadata/"
    )
    saml_provider.control(action="mode", sign=True)
    yield saml_provider
    saml_provider.control(action="mode", sign=True)


def sso_sign_in(page, live_server, button, username, check_login_page=False):
    page.goto(f"{live_server.url}/accounts/login/")
    if check_login_page:
        assert_accessible(page)
    page.get_by_role("button", name=button).click()
    page.get_by_label("Brugernavn hos kommunen").fill(username)
    page.get_by_label("Kodeord hos kommunen").fill(PASSWORD)
    page.get_by_role("button", name="Fortsæt").click()


def add_user(provider, username, *groups, email=""):
    """A user at the identity provider, with the password PASSWORD and these groups."""
    provider.control(
        action="user", username=username, password=PASSWORD, email=email, groups=list(groups)
    )


def roles_of(username):
    user = get_user_model().objects.get(username=username)
    return set(user.groups.values_list("name", flat=True)), user.is_superuser


def signed_in_as(page, live_server):
    page.goto(f"{live_server.url}/")
    header = page.locator("header").inner_text()
    return None if "Log ud" not in header else header


# --- OpenID Connect ----------------------------------------------------------------------


def test_oidc_first_sign_in_creates_the_user_with_mapped_roles_a_changed_group_changes_them_at_the_next_and_logout_ends_both_sessions(  # noqa: E501
    page, live_server, oidc
):
    add_user(
        oidc, "anna.oidc", "aktiv-medarbejdere", "en-anden-gruppe", email="anna@testkommune.dk"
    )
    sso_sign_in(page, live_server, "Log ind med Testkommunen", "anna.oidc", check_login_page=True)
    page.wait_for_url(f"{live_server.url}/")
    assert roles_of("anna.oidc") == ({roles.STAFF}, False)
    assert page.get_by_role("link", name="Fortællinger").first.is_visible()
    event = AuditEvent.objects.filter(action="login", username="anna.oidc").get()
    assert event.detail["metode"] == "openid_connect"

    # Logout ends Aktiv's session and, through the end-session endpoint, the provider's.
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{live_server.url}/")
    assert signed_in_as(page, live_server) is None
    page.goto(f"{oidc.url}/whoami/")
    assert json.loads(page.locator("body").inner_text()) == {"username": None}

    add_user(oidc, "anna.oidc", "aktiv-ledere", email="anna@testkommune.dk")
    sso_sign_in(page, live_server, "Log ind med Testkommunen", "anna.oidc")
    page.wait_for_url(f"{live_server.url}/")
    assert roles_of("anna.oidc") == ({roles.MANAGER}, False)
    change = AuditEvent.objects.filter(action="roles", object_label="anna.oidc").latest("id")
    assert change.detail["roller"] == [roles.MANAGER]
    assert change.detail["foer"] == [roles.STAFF]


@pytest.mark.parametrize("mode", ["tamper", "expired"])
def test_oidc_a_tampered_or_expired_id_token_is_refused(page, live_server, oidc, mode, caplog):
    username = f"forfalsket.{mode}"
    add_user(oidc, username, "aktiv-ledere")
    if mode == "tamper":  # the signature stays, the groups change: a forged token
        oidc.control(action="mode", tamper=True)
    else:
        oidc.control(action="mode", id_token="expired")
    sso_sign_in(page, live_server, "Log ind med Testkommunen", username)
    page.wait_for_url(re.compile(r"/accounts/oidc/testkommune/login/callback/"))
    assert "Log ud" not in page.locator("header").inner_text()
    assert not get_user_model().objects.filter(username=username).exists()
    assert "Single sign-on failed" in caplog.text
    assert_accessible(page)


def test_oidc_user_whose_claims_give_no_role_sees_whom_to_ask(page, live_server, oidc, settings):
    make_user(superuser=True, username="chef", email="chef@testkommune.dk")
    add_user(oidc, "uden.rolle", "kantinen")
    sso_sign_in(page, live_server, "Log ind med Testkommunen", "uden.rolle")
    page.wait_for_url(f"{live_server.url}/accounts/no-role/")
    assert page.get_by_role("heading", name="Du har endnu ingen rolle i Aktiv").is_visible()
    assert page.get_by_role("link", name="chef@testkommune.dk").is_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/")
    page.wait_for_url(f"{live_server.url}/accounts/no-role/")


def test_oidc_administrator_is_not_asked_for_a_second_factor_when_the_provider_did_one(
    page, live_server, oidc
):
    add_user(oidc, "admin.mfa", "aktiv-administratorer", "_mfa")
    sso_sign_in(page, live_server, "Log ind med Testkommunen", "admin.mfa")
    page.wait_for_url(f"{live_server.url}/")
    assert roles_of("admin.mfa") == (set(), True)
    page.goto(f"{live_server.url}/accounts/users/")
    assert page.get_by_role("heading", name="Brugere").is_visible()
    event = AuditEvent.objects.filter(action="login", username="admin.mfa").get()
    assert event.detail["totrin_hos_udbyder"] is True


def test_oidc_administrator_without_the_providers_second_factor_must_set_one_up(
    page, live_server, oidc
):
    add_user(oidc, "admin.pwd", "aktiv-administratorer")
    sso_sign_in(page, live_server, "Log ind med Testkommunen", "admin.pwd")
    page.wait_for_url(f"{live_server.url}/accounts/two-factor-required/")
    for path in ("/", "/accounts/users/", "/audit/", "/admin/", "/stories/"):
        page.goto(f"{live_server.url}{path}")
        assert page.url == f"{live_server.url}/accounts/two-factor-required/", path


# --- SAML 2.0 -------------------------------------------------------------------------------


def finish_saml_post(page, live_server):
    """pysaml2 answers with a form that posts the assertion to Aktiv (scripted submit)."""
    page.wait_for_url(re.compile(re.escape(live_server.url)))
    page.wait_for_load_state()


def test_saml_sign_in_with_a_signed_assertion_creates_the_user_and_a_replayed_one_is_refused(
    page, live_server, saml, caplog
):
    add_user(saml, "bo.saml", "aktiv-facilitatorer", email="bo@testkommune.dk")
    sso_sign_in(page, live_server, "Log ind med Testkommunen SAML", "bo.saml")
    page.wait_for_url(f"{live_server.url}/")
    assert roles_of("bo.saml") == ({roles.FACILITATOR}, False)
    event = AuditEvent.objects.filter(action="login", username="bo.saml").get()
    assert event.detail["metode"] == "saml"

    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{live_server.url}/")
    # The same signed response, posted again: its request was answered once already.
    with page.expect_response(re.compile(r"/acs/finish/")) as answer:
        page.goto(f"{saml.url}/last-response")
    assert answer.value.status == 403  # no sign-in waits for that response any more
    finish_saml_post(page, live_server)
    assert signed_in_as(page, live_server) is None
    assert "Single sign-on refused" in caplog.text


def test_saml_an_unsigned_assertion_is_refused(page, live_server, saml, caplog):
    add_user(saml, "usigneret", "aktiv-ledere")
    saml.control(action="mode", sign=False)
    sso_sign_in(page, live_server, "Log ind med Testkommunen SAML", "usigneret")
    finish_saml_post(page, live_server)
    assert signed_in_as(page, live_server) is None
    assert not get_user_model().objects.filter(username="usigneret").exists()
    assert "Single sign-on failed" in caplog.text


# --- two-factor sign-in for local accounts --------------------------------------------------


def confirm_password(page):
    """allauth asks for the password again before a sign-in method is added."""
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.get_by_label("Adgangskode").fill("correct-horse-9")
    page.get_by_role("button", name="Bekræft").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/"))


def test_administrator_without_two_factor_reaches_only_its_setup_then_signs_in_with_totp(
    page, live_server
):
    from allauth.mfa.models import Authenticator

    from tests.factories import totp_code

    make_user(superuser=True, username="ny-admin", mfa=False)
    login(page, live_server, "ny-admin", wait=False)
    page.wait_for_url(f"{live_server.url}/accounts/two-factor-required/")
    assert_accessible(page)
    for path in ("/", "/accounts/users/", "/audit/", "/admin/", "/stories/"):
        page.goto(f"{live_server.url}{path}")
        assert page.url == f"{live_server.url}/accounts/two-factor-required/", path

    page.get_by_role("link", name="Brug en app på telefonen").click()
    confirm_password(page)
    secret = page.locator("#authenticator_secret").input_value()
    assert_accessible(page)
    page.get_by_label("Autentificeringskode").fill(totp_code(secret))
    page.get_by_role("button", name="Aktiver").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    assert Authenticator.objects.filter(user__username="ny-admin", type="totp").exists()
    codes = Authenticator.objects.get(user__username="ny-admin", type="recovery_codes")
    page.goto(f"{live_server.url}/accounts/users/")
    assert page.get_by_role("heading", name="Brugere").is_visible()
    assert_accessible(page)

    # The next sign-in asks for the second step; a recovery code works once.
    page.get_by_role("button", name="Log ud").click()
    login(page, live_server, "ny-admin", wait=False)
    page.wait_for_url(f"{live_server.url}/accounts/2fa/authenticate/")
    assert_accessible(page)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    code = RecoveryCodes(codes).get_unused_codes()[0]
    page.get_by_role("textbox", name="Kode").fill(code)
    page.get_by_role("button", name="Log ind").last.click()
    page.wait_for_url(f"{live_server.url}/")
    assert AuditEvent.objects.filter(action="mfa", username="ny-admin").exists()


def test_administrator_sets_up_and_signs_in_with_a_security_key(
    page, live_server, settings, caplog
):
    from allauth.mfa.models import Authenticator

    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http://localhost in the test
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    make_user(superuser=True, username="noegle-admin", mfa=False)
    login(page, live_server, "noegle-admin", wait=False)
    page.wait_for_url(f"{live_server.url}/accounts/two-factor-required/")
    page.get_by_role("link", name="Brug en sikkerhedsnøgle eller adgangsnøgle").click()
    confirm_password(page)
    assert_accessible(page)
    page.get_by_role("button", name="Tilføj").click()  # the virtual key answers; a POST
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user__username="noegle-admin", type="webauthn").exists(), (
        caplog.text
    )
    page.goto(f"{live_server.url}/accounts/users/")
    assert page.get_by_role("heading", name="Brugere").is_visible()

    page.get_by_role("button", name="Log ud").click()
    login(page, live_server, "noegle-admin", wait=False)
    page.wait_for_url(f"{live_server.url}/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Brug en sikkerhedsnøgle").click()
    page.wait_for_url(f"{live_server.url}/")
    assert AuditEvent.objects.filter(
        action="login", username="noegle-admin", detail__metode="password+mfa"
    ).exists()


# --- user administration in the app ----------------------------------------------------------


def test_administrator_invites_gives_roles_and_deactivates_in_danish_accessible_pages(
    page, live_server
):
    make_user(superuser=True, username="chef")
    make_user(roles.STAFF, username="jens", email="jens@kommune.dk")
    login(page, live_server, "chef")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Brugere").click()
    page.wait_for_url(f"{live_server.url}/accounts/users/")
    assert_accessible(page)

    page.get_by_role("link", name="Inviter en bruger").click()
    page.get_by_role("button", name="Send invitation").click()  # nothing filled in
    assert page.get_by_text("Dette felt er påkrævet.").first.is_visible()
    assert_accessible(page)
    page.get_by_label("E-mail").fill("ny@kommune.dk")
    page.get_by_label("Brugernavn").fill("ny")
    page.get_by_label("Facilitator").check()
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_url(re.compile(r"/accounts/users/\d+/$"))
    assert page.get_by_text("ny er inviteret").is_visible()
    assert_accessible(page)

    page.get_by_label("Leder").check()
    page.get_by_role("button", name="Gem roller").click()
    assert page.get_by_text("Rollerne er gemt.").is_visible()
    assert roles_of("ny") == ({roles.FACILITATOR, roles.MANAGER}, False)
    page.get_by_role("button", name="Deaktiver brugeren").click()
    assert page.get_by_text("ny er deaktiveret").is_visible()
    assert not get_user_model().objects.get(username="ny").is_active
    assert [e.action for e in AuditEvent.objects.filter(object_label="ny").order_by("id")] == [
        "invite",
        "roles",
        "deactivate",
    ]

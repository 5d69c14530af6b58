"""Sign-in rules: local sign-in (user name or e-mail) with django-axes, password reset by
e-mail, two-factor sign-in required for administrators, the page for users without a role,
and the role mapping and two-factor claims of single sign-on (unit level; the providers
themselves are exercised in tests/browser/test_sign_in_browser.py)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks

from aktiv import roles
from aktiv.accounts import config, sso
from aktiv.models import AuditEvent
from tests.factories import make_user, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_local_sign_in_by_user_name_or_email_is_audited(client):
    make_user(roles.STAFF, username="jens", email="jens@kommune.dk")
    assert (
        client.post(LOGIN, {"username": "jens@kommune.dk", "password": "correct-horse-9"})[
            "Location"
        ]
        == "/"
    )
    event = AuditEvent.objects.get(action="login")
    assert (event.username, event.detail) == ("jens", {"metode": "password"})


def test_axes_locks_failures_typed_as_an_email_address(client):
    make_user(roles.STAFF, username="jens", email="jens@kommune.dk")
    for _ in range(5):
        response = client.post(LOGIN, {"username": "jens@kommune.dk", "password": "forkert"})
    assert response.status_code == 429


def test_password_reset_sends_a_danish_mail_and_never_says_whether_the_address_exists(
    client, mailoutbox
):
    make_user(roles.STAFF, username="jens", email="jens@kommune.dk")
    page = client.get("/accounts/password/reset/").content.decode()
    assert "Nulstil" in page or "nulstil" in page
    client.post("/accounts/password/reset/", {"email": "ukendt@kommune.dk"})
    client.post("/accounts/password/reset/", {"email": "jens@kommune.dk"})
    to = [mail.to for mail in mailoutbox]
    assert ["jens@kommune.dk"] in to
    mail = next(m for m in mailoutbox if m.to == ["jens@kommune.dk"])
    assert "/accounts/password/reset/key/" in mail.body


def test_signing_up_by_oneself_is_closed(client):
    body = client.get("/accounts/signup/").content.decode()
    assert "lukket" in body.lower()
    password = "lang-og-sikker-42"
    client.post(
        "/accounts/signup/",
        {"username": "x", "email": "x@x.dk", "password1": password, "password2": password},
    )
    assert not get_user_model().objects.filter(username="x").exists()


def test_administrator_with_totp_is_asked_for_the_code_after_the_password(client):
    make_user(superuser=True, username="chef")
    response = client.post(LOGIN, {"username": "chef", "password": "correct-horse-9"})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 200 and "Log ud" not in client.get("/").content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200
    event = AuditEvent.objects.filter(action="login").latest("id")
    assert event.detail == {"metode": "password+mfa"}


def test_administrator_without_two_factor_reaches_nothing_but_its_setup(client):
    make_user(superuser=True, username="ny-chef", mfa=False)
    client.post(LOGIN, {"username": "ny-chef", "password": "correct-horse-9"})
    for path in ("/", "/audit/", "/accounts/users/", "/stories/", "/admin/", "/report/"):
        response = client.get(path)
        assert response["Location"] == "/accounts/two-factor-required/", path
    page = client.get("/accounts/two-factor-required/").content.decode()
    assert "Slå totrinslogin til" in page
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_setting_requires_two_factor_of_everyone(client, settings):
    settings.AKTIV_MFA_REQUIRED_FOR_ALL = True
    make_user(roles.STAFF, username="jens")
    client.post(LOGIN, {"username": "jens", "password": "correct-horse-9"})
    assert client.get("/stories/")["Location"] == "/accounts/two-factor-required/"


def test_two_factor_is_optional_for_others(client):
    make_user(roles.STAFF, username="jens")
    client.post(LOGIN, {"username": "jens", "password": "correct-horse-9"})
    assert client.get("/stories/").status_code == 200


def test_the_django_admin_signs_in_through_aktivs_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_user_without_a_role_is_sent_from_the_start_page_to_whom_to_ask(client, settings):
    make_user(superuser=True, username="chef", email="chef@kommune.dk")
    user = make_user(username="uden-rolle")
    client.force_login(user)
    assert client.get("/")["Location"] == "/accounts/no-role/"
    body = client.get("/accounts/no-role/").content.decode()
    assert "Du har endnu ingen rolle i Aktiv" in body and "chef@kommune.dk" in body
    settings.AKTIV_SSO = {**settings.AKTIV_SSO, "role_contact": "Ring til IT på 9931 0000."}
    assert "Ring til IT på 9931 0000." in client.get("/accounts/no-role/").content.decode()


# --- single sign-on: configuration, role mapping, two-factor claims -----------------------


AUTHN = "aktiv_authn_contexts"
PASSWORD_CONTEXT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
ROLE_MAP = {
    "g-staff": "Medarbejder",
    "g-both": ["Facilitator", "Leder"],
    "g-admin": "Administrator",
}


@pytest.fixture
def mapped(settings):
    settings.AKTIV_SSO = config.rules({"AKTIV_SSO_ROLE_MAP": json.dumps(ROLE_MAP)})


def test_claims_map_to_roles_and_administrator(mapped):
    assert sso.mapped_roles(["g-staff", "g-both", "andet"]) == (
        frozenset({roles.STAFF, roles.FACILITATOR, roles.MANAGER}),
        False,
    )
    assert sso.mapped_roles(["g-admin"]) == (frozenset(), True)
    assert sso.mapped_roles([]) == (frozenset(), False)


def test_role_claims_are_read_from_groups_and_roles_for_oidc_and_the_saml_attributes(mapped):
    assert sso.role_values(sso.OIDC, {"groups": ["a"], "roles": "b"}) == ["a", "b"]
    saml_data = {"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups": ["x", "y"]}
    assert sso.role_values(sso.SAML, saml_data) == ["x", "y"]


@pytest.mark.parametrize(
    ("kind", "claims", "expected"),
    [
        (sso.OIDC, {"amr": ["pwd", "mfa"]}, True),
        (sso.OIDC, {"amr": ["pwd"]}, False),
        (sso.OIDC, {"acr": "https://data.gov.dk/concept/core/nsis/loa/Substantial"}, True),
        (sso.SAML, {AUTHN: ["http://schemas.microsoft.com/claims/multipleauthn"]}, True),
        (sso.SAML, {AUTHN: [PASSWORD_CONTEXT]}, False),
    ],
)  # fmt: skip
def test_the_providers_second_factor_is_recognised(mapped, kind, claims, expected):
    assert sso.provider_did_mfa(kind, claims) is expected


def test_the_providers_second_factor_is_ignored_when_the_settings_say_so(settings):
    settings.AKTIV_SSO = config.rules({"AKTIV_SSO_TRUST_PROVIDER_MFA": "false"})
    assert not sso.provider_did_mfa(sso.OIDC, {"amr": ["mfa"]})


def test_providers_come_from_the_environment_and_the_csp_allows_their_origin():
    env = {
        "AKTIV_OIDC_ISSUER": "https://login.microsoftonline.com/tenant/v2.0",
        "AKTIV_OIDC_CLIENT_ID": "abc",
        "AKTIV_OIDC_CLIENT_SECRET": "s",
        "AKTIV_SAML_IDP_METADATA_URL": "https://adfs.kommune.dk/FederationMetadata/2007-06/FederationMetadata.xml",
        "AKTIV_SAML_IDP_ENTITY_ID": "http://adfs.kommune.dk/adfs/services/trust",
    }  # fmt: skip
    providers = config.providers(env)
    [oidc] = providers["openid_connect"]["APPS"]
    assert oidc["settings"]["server_url"] == env["AKTIV_OIDC_ISSUER"]
    assert oidc["settings"]["fetch_userinfo"] is False
    [saml] = providers["saml"]["APPS"]
    assert saml["settings"]["advanced"]["want_assertion_signed"] is True
    assert saml["settings"]["advanced"]["reject_idp_initiated_sso"] is True
    assert config.form_action_origins(env) == [
        "https://adfs.kommune.dk",
        "https://login.microsoftonline.com",
    ]
    assert config.providers({})["openid_connect"]["APPS"] == []


def test_a_role_map_naming_an_unknown_role_fails_the_system_check(settings):
    settings.AKTIV_SSO = config.rules({"AKTIV_SSO_ROLE_MAP": '{"g": "Direktør"}'})
    assert [e.id for e in run_checks() if e.id == "aktiv.E101"] == ["aktiv.E101"]

"""Single sign-on configuration read from the environment (imported by aktiv.settings).

Pure functions of the environment, no Django imports: the settings module calls them.
See the README's section "Single sign-on for IT departments" for every variable.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ADMINISTRATOR = "Administrator"  # the role-map value that makes a user an administrator

# Claim values that say the identity provider itself asked for a second factor: OIDC `amr`
# values (RFC 8176), and OIDC `acr` values / SAML authentication contexts (Entra ID and
# ADFS "multipleauthn", REFEDS MFA, the Danish NSIS levels substantial and high).
DEFAULT_MFA_AMR = "mfa"
DEFAULT_MFA_CONTEXTS = ",".join(
    [
        "http://schemas.microsoft.com/claims/multipleauthn",
        "https://refeds.org/profile/mfa",
        "https://data.gov.dk/concept/core/nsis/loa/Substantial",
        "https://data.gov.dk/concept/core/nsis/loa/High",
    ]
)
DEFAULT_SAML_GROUP_ATTRIBUTES = ",".join(
    [
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        "groups",
        "role",
    ]
)


def _list(env, name, default=""):
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def _bool(env, name, default):
    value = env.get(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _pem(env, name):
    """A certificate or key given inline (PEM) or as the path of a file holding it."""
    value = env.get(name, "").strip()
    if value and "-----BEGIN" not in value:
        path = Path(value)
        if not path.is_file():
            raise ImproperlyConfigured(f"{name}: no such file {value}")
        value = path.read_text()
    return value


def oidc_app(env):
    issuer = env.get("AKTIV_OIDC_ISSUER", "").strip()
    if not issuer:
        return None
    client_id = env.get("AKTIV_OIDC_CLIENT_ID", "").strip()
    if not client_id:
        raise ImproperlyConfigured("AKTIV_OIDC_ISSUER is set but AKTIV_OIDC_CLIENT_ID is not.")
    return {
        "provider_id": env.get("AKTIV_OIDC_ID", "kommune"),
        "name": env.get("AKTIV_OIDC_NAME", "Kommunens login"),
        "client_id": client_id,
        "secret": env.get("AKTIV_OIDC_CLIENT_SECRET", ""),
        "settings": {
            "server_url": issuer,
            # Every claim is read from the signed ID token (aktiv.accounts.providers).
            "fetch_userinfo": False,
            "scope": _list(env, "AKTIV_OIDC_SCOPES", "openid,profile,email"),
            "oauth_pkce_enabled": True,
        },
    }


def saml_app(env):
    metadata_url = env.get("AKTIV_SAML_IDP_METADATA_URL", "").strip()
    sso_url = env.get("AKTIV_SAML_IDP_SSO_URL", "").strip()
    if not metadata_url and not sso_url:
        return None
    entity_id = env.get("AKTIV_SAML_IDP_ENTITY_ID", "").strip()
    if not entity_id:
        raise ImproperlyConfigured("SAML needs AKTIV_SAML_IDP_ENTITY_ID.")
    idp = {"entity_id": entity_id}
    if metadata_url:
        idp["metadata_url"] = metadata_url
    else:
        idp.update(sso_url=sso_url, x509cert=_pem(env, "AKTIV_SAML_IDP_CERT"))
        if env.get("AKTIV_SAML_IDP_SLO_URL"):
            idp["slo_url"] = env["AKTIV_SAML_IDP_SLO_URL"]
        if not idp["x509cert"]:
            raise ImproperlyConfigured("SAML without metadata needs AKTIV_SAML_IDP_CERT.")
    sp_cert, sp_key = _pem(env, "AKTIV_SAML_SP_CERT"), _pem(env, "AKTIV_SAML_SP_KEY")
    attribute = {
        "uid": _list(env, "AKTIV_SAML_ATTR_UID"),
        "email": _list(
            env,
            "AKTIV_SAML_ATTR_EMAIL",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress,email,mail",
        ),
        "username": _list(
            env,
            "AKTIV_SAML_ATTR_USERNAME",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name,username,uid",
        ),
        "first_name": _list(
            env,
            "AKTIV_SAML_ATTR_FIRST_NAME",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname,givenName",
        ),
        "last_name": _list(
            env,
            "AKTIV_SAML_ATTR_LAST_NAME",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname,sn",
        ),
    }
    return {
        "name": env.get("AKTIV_SAML_NAME", "Kommunens login (SAML)"),
        "provider_id": env.get("AKTIV_SAML_ID", "kommune-saml"),
        "client_id": env.get("AKTIV_SAML_ID", "kommune-saml"),
        "settings": {
            "attribute_mapping": {key: names for key, names in attribute.items() if names},
            "idp": idp,
            "sp": {"entity_id": env.get("AKTIV_SAML_SP_ENTITY_ID", "").strip() or None},
            "advanced": {
                # The assertion must be signed by the provider's key; Aktiv's own requests
                # are signed when a key pair is given.
                "want_assertion_signed": True,
                "want_message_signed": _bool(env, "AKTIV_SAML_WANT_MESSAGE_SIGNED", False),
                "authn_request_signed": bool(sp_key),
                "logout_request_signed": bool(sp_key),
                "x509cert": sp_cert or None,
                "private_key": sp_key or None,
                "reject_idp_initiated_sso": True,
                "strict": True,
                "allow_single_label_domains": _bool(env, "AKTIV_SAML_ALLOW_LOCALHOST", False),
            },
        },
    }


def providers(env):
    """SOCIALACCOUNT_PROVIDERS for allauth: the configured OIDC and SAML apps, if any."""
    result = {
        # Aktiv's subclasses: OIDC always verifies the ID token's signature; SAML keeps the
        # authentication context for the two-factor rule.
        "openid_connect": {
            "provider_class": "aktiv.accounts.providers.OpenIDConnectProvider",
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [],
        },
        "saml": {"provider_class": "aktiv.accounts.providers.SAMLProvider", "APPS": []},
    }
    if app := oidc_app(env):
        result["openid_connect"]["APPS"].append(app)
    if app := saml_app(env):
        result["saml"]["APPS"].append(app)
    return result


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def form_action_origins(env):
    """Origins a sign-in or logout form may end up at (CSP form-action also covers the
    redirect after a POST): the identity providers', and AKTIV_CSP_FORM_ACTION."""
    urls = [
        env.get(name, "")
        for name in (
            "AKTIV_OIDC_ISSUER",
            "AKTIV_SAML_IDP_METADATA_URL",
            "AKTIV_SAML_IDP_SSO_URL",
            "AKTIV_SAML_IDP_SLO_URL",
        )
    ]
    origins = [_origin(url.strip()) for url in urls] + _list(env, "AKTIV_CSP_FORM_ACTION")
    return sorted({origin for origin in origins if origin})


def role_map(env):
    """AKTIV_SSO_ROLE_MAP: a JSON object from claim value to a role or a list of roles."""
    raw = env.get("AKTIV_SSO_ROLE_MAP", "").strip()
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"AKTIV_SSO_ROLE_MAP is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ImproperlyConfigured("AKTIV_SSO_ROLE_MAP must be a JSON object.")
    # The role names are checked against aktiv.roles by a system check (aktiv.accounts.apps).
    return {
        str(value): frozenset([roles] if isinstance(roles, str) else roles)
        for value, roles in data.items()
    }


def rules(env):
    """Aktiv's own single sign-on rules (settings.AKTIV_SSO)."""
    return {
        "role_map": role_map(env),
        "oidc_role_claims": _list(env, "AKTIV_OIDC_ROLE_CLAIMS", "groups,roles"),
        "saml_role_attributes": _list(
            env, "AKTIV_SAML_ROLE_ATTRIBUTES", DEFAULT_SAML_GROUP_ATTRIBUTES
        ),
        "trust_provider_mfa": _bool(env, "AKTIV_SSO_TRUST_PROVIDER_MFA", True),
        "mfa_amr": frozenset(_list(env, "AKTIV_SSO_MFA_AMR", DEFAULT_MFA_AMR)),
        "mfa_contexts": frozenset(_list(env, "AKTIV_SSO_MFA_CONTEXTS", DEFAULT_MFA_CONTEXTS)),
        "oidc_logout": _bool(env, "AKTIV_OIDC_LOGOUT", True),
        "role_contact": env.get("AKTIV_ROLE_CONTACT", "").strip(),
    }

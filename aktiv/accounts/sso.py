"""What a single sign-on tells Aktiv: the roles (through settings.AKTIV_SSO["role_map"])
and whether the provider already asked for a second factor.

OpenID Connect claims are read from the verified ID token (aktiv.accounts.providers);
SAML attributes and the authentication context from the signed assertion.
"""

from django.conf import settings

from .config import ADMINISTRATOR
from .providers import AUTHN_CONTEXTS

OIDC = "openid_connect"
SAML = "saml"


def rules():
    return settings.AKTIV_SSO


def claims(provider_kind, extra_data):
    """The claims of one sign-in as a dict of name -> value (OIDC) or list (SAML)."""
    if provider_kind == OIDC:
        return dict(extra_data.get("id_token") or extra_data.get("userinfo") or {})
    return dict(extra_data or {})


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item) for item in value]
    return [str(value)]


def role_values(provider_kind, data):
    """The group or role values a sign-in carries (every configured claim, together)."""
    names = (
        rules()["oidc_role_claims"] if provider_kind == OIDC else rules()["saml_role_attributes"]
    )
    values = []
    for name in names:
        values.extend(_as_list(data.get(name)))
    return values


def mapped_roles(values):
    """(role names, is administrator) for the claim values, through the role map."""
    roles = set()
    for value in values:
        roles |= rules()["role_map"].get(value, frozenset())
    administrator = ADMINISTRATOR in roles
    roles.discard(ADMINISTRATOR)
    return frozenset(roles), administrator


def roles_managed_by_provider():
    """With a role map, a single sign-on user's roles follow the provider at each sign-in."""
    return bool(rules()["role_map"])


def provider_did_mfa(provider_kind, data):
    """Whether the provider says it asked for a second factor (amr, acr, authn context)."""
    if not rules()["trust_provider_mfa"]:
        return False
    if provider_kind == OIDC:
        amr = set(_as_list(data.get("amr")))
        acr = set(_as_list(data.get("acr")))
        return bool(amr & rules()["mfa_amr"] or acr & rules()["mfa_contexts"])
    contexts = set(_as_list(data.get(AUTHN_CONTEXTS)))
    return bool(contexts & rules()["mfa_contexts"])


def provider_kind(sociallogin):
    """ "openid_connect" or "saml" for a sign-in (allauth's provider id of the app)."""
    return sociallogin.provider.id


def axes_username(request, credentials=None):
    """The name django-axes counts failures for: the user name or e-mail typed."""
    if credentials:
        value = credentials.get("username") or credentials.get("email")
        if value:
            return value
    data = getattr(request, "POST", None) or {}
    return data.get("username") or data.get("login")


def single_sign_on_configured():
    providers = settings.SOCIALACCOUNT_PROVIDERS
    return any(providers.get(kind, {}).get("APPS") for kind in (OIDC, SAML))

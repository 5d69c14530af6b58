"""Aktiv's subclasses of allauth's OpenID Connect and SAML providers.

- OpenID Connect: allauth skips the ID token's signature when the token came straight
  from the token endpoint (OIDC Core allows it over TLS). Aktiv reads the roles and the
  two-factor claims from that token, so its signature is always checked against the
  provider's published keys, as are issuer, audience and expiry. The raw token and the
  provider's end-session endpoint are kept in the session for single logout.
- SAML: the assertion's authentication context (how the provider authenticated the
  user) is kept with the attributes, for the two-factor rule.

Selected through SOCIALACCOUNT_PROVIDERS[...]["provider_class"] (aktiv.accounts.config).
"""

from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect import provider as oidc_provider
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from allauth.socialaccount.providers.saml import provider as saml_provider

SESSION_OIDC_LOGOUT = "aktiv_oidc_logout"
AUTHN_CONTEXTS = "aktiv_authn_contexts"


class OpenIDConnectAdapter(oidc_views.OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def complete_login(self, request, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        id_token = kwargs["response"].get("id_token")
        end_session = self.openid_config.get("end_session_endpoint")
        if id_token and end_session:
            request.session[SESSION_OIDC_LOGOUT] = {
                "endpoint": end_session,
                "id_token_hint": id_token,
                "client_id": app.client_id,
            }
        return login


class OpenIDConnectProvider(oidc_provider.OpenIDConnectProvider):
    oauth2_adapter_class = OpenIDConnectAdapter
    package = "aktiv.accounts.oidc"  # its urls use OpenIDConnectAdapter


class SAMLProvider(saml_provider.SAMLProvider):
    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data):
        return {**data.get_attributes(), AUTHN_CONTEXTS: list(data.get_last_authn_contexts())}


# allauth's registry imports `<app>.provider`; these are swapped in by "provider_class".
provider_classes = []

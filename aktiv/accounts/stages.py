"""allauth's two-factor stage, skipped when the identity provider already asked for a
second factor and the settings trust it (AKTIV_SSO_TRUST_PROVIDER_MFA)."""

from allauth.mfa import stages

from . import sso


def sign_in_facts(login):
    """(provider kind, claims) of a single sign-on being completed, else (None, {})."""
    sociallogin = (getattr(login, "signal_kwargs", None) or {}).get("sociallogin")
    if sociallogin is None:
        return None, {}
    kind = sso.provider_kind(sociallogin)
    return kind, sso.claims(kind, sociallogin.account.extra_data)


class AuthenticateStage(stages.AuthenticateStage):
    def _should_handle(self, request):
        kind, claims = sign_in_facts(self.login)
        if kind is not None and sso.provider_did_mfa(kind, claims):
            return False
        return super()._should_handle(request)

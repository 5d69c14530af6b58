"""allauth's signals, turned into Aktiv's writes: roles from the provider's claims at every
single sign-on, an audit event per sign-in and per two-factor change."""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.signals import user_logged_in
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset

from . import services, sso
from .middleware import MFA_OK


def on_user_logged_in(sender, request, user, sociallogin=None, **kwargs):
    records = get_authentication_records(request, user)
    used_mfa = any(record.get("method") == "mfa" for record in records)
    if sociallogin is None:
        services.record_sign_in(user, method="password" + ("+mfa" if used_mfa else ""))
    else:
        kind = sso.provider_kind(sociallogin)
        claims = sso.claims(kind, sociallogin.account.extra_data)
        provider_mfa = sso.provider_did_mfa(kind, claims)
        if sso.roles_managed_by_provider():
            roles, administrator = sso.mapped_roles(sso.role_values(kind, claims))
            services.sync_roles_from_provider(
                user, provider=sociallogin.provider.name, roles=roles, administrator=administrator
            )
        services.record_sign_in(
            user,
            method=kind + ("+mfa" if used_mfa else ""),
            provider=sociallogin.provider.name,
            provider_mfa=provider_mfa,
        )
        if provider_mfa:
            request.session[MFA_OK] = True
    if used_mfa:
        request.session[MFA_OK] = True


def _mfa_change(change):
    def receiver(sender, request=None, user=None, authenticator=None, type=None, **kwargs):
        kind = type or getattr(authenticator, "type", "")
        services.record_mfa_change(user or request.user, kind=str(kind), change=change)

    return receiver


on_added = _mfa_change("added")
on_removed = _mfa_change("removed")
on_reset = _mfa_change("reset")


def connect():
    user_logged_in.connect(on_user_logged_in, dispatch_uid="aktiv.accounts.logged_in")
    authenticator_added.connect(on_added, dispatch_uid="aktiv.accounts.mfa_added")
    authenticator_removed.connect(on_removed, dispatch_uid="aktiv.accounts.mfa_removed")
    authenticator_reset.connect(on_reset, dispatch_uid="aktiv.accounts.mfa_reset")

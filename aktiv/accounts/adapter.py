"""Aktiv's allauth adapters: no self sign-up for local accounts, users created at their
first single sign-on, Aktiv's two-factor stage, logged single sign-on failures."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from aktiv.roles import role_names

logger = logging.getLogger("aktiv.sso")

MFA_STAGE = "allauth.mfa.stages.AuthenticateStage"


WRONG_CREDENTIALS = _(
    "Skriv et korrekt brugernavn og adgangskode. Der er forskel på store og små bogstaver."
)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The same words whether a user name or an e-mail was typed.
        "username_password_mismatch": WRONG_CREDENTIALS,
        "email_password_mismatch": WRONG_CREDENTIALS,
    }

    def is_open_for_signup(self, request):
        # Local accounts are made by an administrator (an invitation), never by a visitor.
        return False

    def get_login_stages(self):
        return [
            "aktiv.accounts.stages.AuthenticateStage" if stage == MFA_STAGE else stage
            for stage in super().get_login_stages()
        ]

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_superuser and not role_names(user):
            return reverse("accounts:no_role")
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return True  # a user known to the municipality's provider gets an account

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        details = extra_context or {}
        logger.warning(
            "Single sign-on failed: provider=%s error=%s exception=%r saml=%s %s ip=%s",
            getattr(provider, "id", provider),
            error,
            exception,
            details.get("saml_errors", ""),
            details.get("saml_last_error_reason", ""),
            request.META.get("REMOTE_ADDR", ""),
        )
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )

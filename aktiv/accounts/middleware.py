"""Two sign-in rules, applied to every page after AuthenticationMiddleware:

1. Two-factor sign-in first: an administrator (or, with AKTIV_MFA_REQUIRED_FOR_ALL, every
   user) who has no two-factor method is sent to set one up and can reach nothing else.
   A sign-in through a provider that did the second factor itself counts as one.
2. A signed-in user with no role who opens the start page sees whom to ask for one.
"""

import logging

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from aktiv.middleware import DATABASE_DOWN_ERRORS
from aktiv.roles import role_names

logger = logging.getLogger("aktiv.sso")

SSO_PATHS = ("/accounts/saml/", "/accounts/oidc/")
MFA_OK = "aktiv_mfa_ok"  # session: this session's two-factor requirement is met

# What a user who must set up two-factor sign-in may still reach.
MFA_SETUP_PATHS = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/accounts/login/",
    "/accounts/two-factor-required/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/w/",
)


def mfa_required(user):
    return user.is_superuser or settings.AKTIV_MFA_REQUIRED_FOR_ALL


def mfa_satisfied(request):
    """Whether the session may go on without setting up two-factor sign-in."""
    session = request.session
    if session.get(MFA_OK):
        return True
    if is_mfa_enabled(request.user):
        session[MFA_OK] = True
        return True
    return False


class SignInRulesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(MFA_SETUP_PATHS):
            try:
                response = self.check(request, path)
            except DATABASE_DOWN_ERRORS:
                # Let the view meet the lost database: it answers the Danish 503.
                response = None
            if response is not None:
                return response
        return self.get_response(request)

    def process_exception(self, request, exception):
        """A single sign-on answer refused before allauth's error page (a replayed or
        unknown SAML response, an unknown OIDC state) is logged like the other failures."""
        if isinstance(exception, PermissionDenied) and request.path_info.startswith(SSO_PATHS):
            logger.warning(
                "Single sign-on refused: path=%s ip=%s (no sign-in waits for this answer)",
                request.path_info,
                request.META.get("REMOTE_ADDR", ""),
            )
        return None

    def check(self, request, path):
        user = request.user
        if user.is_authenticated:
            if mfa_required(user) and not mfa_satisfied(request):
                return redirect("accounts:mfa_required")
            if path == "/" and not user.is_superuser and not role_names(user):
                return redirect("accounts:no_role")
        return None

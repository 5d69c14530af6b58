import functools

from django.conf import settings
from django.urls import reverse

from . import roles as role_rules

# The links of the page frame (templates/base.html), reversed once per process: they are
# on every page, and reversing them cost more than the rest of the header.
NAV = {
    "home": "reports:home",
    "stories": "stories:list",
    "coding": "coding:index",
    "workshops": "workshops:list",
    "domains": "reports:domains",
    "report": "reports:report",
    "audit_log": "audit_log",
    "users": "accounts:users",
    "two_factor": "mfa_index",
    "public_stories": "public:stories",
    "set_language": "set_language",
    "login": "login",
    "logout": "logout",
    "accessibility": "accessibility",
    "privacy": "privacy",
    "keep_alive": "keep_alive",
}

KEEPS_SAVED_FORM = ("/accounts/login/", "/accounts/2fa/authenticate/")

# Menu items marked as the current section (aria-current) when the path starts with them.
SECTIONS = (
    "stories",
    "coding",
    "workshops",
    "domains",
    "report",
    "users",
    "audit_log",
    "public_stories",
)


@functools.cache
def _nav():
    return {key: reverse(name) for key, name in NAV.items()}


def _frame(request, signed_in):
    """What the page frame needs besides the roles: organisation, current menu section,
    and for signed-in users when the idle session ends (static/js/session.js)."""
    nav = _nav()
    path = getattr(request, "path", "")
    current = next((key for key in SECTIONS if path.startswith(nav[key])), None)
    frame = {
        "nav": nav,
        "nav_current": current,
        "site_organisation": {
            "name": settings.AKTIV_ORGANISATION_NAME,
            "logo": settings.AKTIV_ORGANISATION_LOGO,
        },
        "session_expiry": None,
        # Pages met when a form was sent after the session ended: the browser keeps the
        # form's text for the page the user comes back to (static/js/session.js).
        "keeps_saved_form": path.startswith(KEEPS_SAVED_FORM),
    }
    if signed_in:
        # The session is renewed at most every SESSION_RENEW_SECONDS: count from the
        # earliest moment it may have been saved.
        idle = max(settings.SESSION_COOKIE_AGE - settings.SESSION_RENEW_SECONDS, 10)
        frame["session_expiry"] = {
            "idle": idle,
            "warn": min(settings.AKTIV_SESSION_WARNING_SECONDS, idle // 2),
            "ping": nav["keep_alive"],
        }
    return frame


def roles(request):
    """Which roles the current user holds, and the frame's links."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            **_frame(request, signed_in=False),
            "is_staff_role": False,
            "is_facilitator": False,
            "is_manager": False,
            "is_administrator": False,
        }
    return {
        **_frame(request, signed_in=True),
        "is_staff_role": role_rules.has_role(user, role_rules.STAFF),
        "is_facilitator": role_rules.has_role(user, role_rules.FACILITATOR),
        "is_manager": role_rules.has_role(user, role_rules.MANAGER),
        "is_administrator": user.is_active and user.is_superuser,
    }

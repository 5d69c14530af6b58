import functools

from django.urls import reverse

from . import roles as role_rules

# The links of the page frame (templates/base.html), reversed once per process: they are
# on every page, and reversing them cost more than the rest of the header.
NAV = {
    "home": "reports:home",
    "stories": "stories:list",
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
}


@functools.cache
def _nav():
    return {key: reverse(name) for key, name in NAV.items()}


def roles(request):
    """Which roles the current user holds, and the frame's links."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav": _nav(),
            "is_staff_role": False,
            "is_facilitator": False,
            "is_manager": False,
            "is_administrator": False,
        }
    return {
        "nav": _nav(),
        "is_staff_role": role_rules.has_role(user, role_rules.STAFF),
        "is_facilitator": role_rules.has_role(user, role_rules.FACILITATOR),
        "is_manager": role_rules.has_role(user, role_rules.MANAGER),
        "is_administrator": user.is_active and user.is_superuser,
    }

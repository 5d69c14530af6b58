from . import roles as role_rules


def roles(request):
    """Which roles the current user holds, for navigation and the start page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "is_staff_role": False,
            "is_facilitator": False,
            "is_manager": False,
            "is_administrator": False,
        }
    return {
        "is_staff_role": role_rules.has_role(user, role_rules.STAFF),
        "is_facilitator": role_rules.has_role(user, role_rules.FACILITATOR),
        "is_manager": role_rules.has_role(user, role_rules.MANAGER),
        "is_administrator": user.is_active and user.is_superuser,
    }

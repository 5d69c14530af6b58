"""Roles are Django groups. Their names are Danish because they are shown in the UI.

The groups themselves are created by a migration (aktiv 0002); their permissions are
kept in step with ROLE_PERMISSIONS after every migrate, so a new model's permission is
granted by adding it here.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

STAFF = "Medarbejder"
FACILITATOR = "Facilitator"
MANAGER = "Leder"
ROLES = (STAFF, FACILITATOR, MANAGER)

# "app_label.codename" per role. Unknown codenames are skipped (models of later issues).
ROLE_PERMISSIONS = {
    STAFF: [
        "domains.view_domain",
        "domains.change_domain",
        "domains.add_domain",
        "stories.view_story",
        "stories.add_story",
        "stories.change_story",
        "stories.delete_story",
        "stories.view_collectionround",
        "stories.add_collectionround",
        "stories.change_collectionround",
        "stories.view_feedback",
        "stories.add_feedback",
        "stories.change_feedback",
        "reports.view_reporttext",
        "reports.change_reporttext",
        "reports.view_edition",
    ],
    FACILITATOR: [
        "domains.view_domain",
        "domains.change_domain",
        "stories.view_collectionround",
        "workshops.view_workshop",
        "workshops.add_workshop",
        "workshops.change_workshop",
        "workshops.delete_workshop",
        "workshops.view_ballot",
        "workshops.add_ballot",
        "workshops.delete_ballot",
        "workshops.view_quote",
        "workshops.add_quote",
        "workshops.change_quote",
        "workshops.delete_quote",
        "workshops.view_selection",
        "workshops.add_selection",
        "workshops.change_selection",
        "workshops.delete_selection",
        "workshops.view_analysisnote",
        "workshops.add_analysisnote",
        "workshops.change_analysisnote",
        "workshops.delete_analysisnote",
        "reports.view_reporttext",
        "reports.change_reporttext",
        "reports.view_edition",
        "reports.add_edition",
        "reports.change_edition",
    ],
    MANAGER: [
        "domains.view_domain",
        "stories.view_collectionround",
        "workshops.view_workshop",
        "reports.view_reporttext",
        "reports.change_reporttext",
        "reports.view_edition",
        "reports.add_edition",
        "reports.change_edition",
    ],
}


def role_names(user):
    """The set of role names a user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_aktiv_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._aktiv_roles = cached
    return cached


def has_role(user, *roles):
    """True when the user holds any of the roles; administrators hold them all."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(role_names(user) & set(roles))


def role_may(user, permission):
    """Whether the user's roles grant `permission` ("app_label.codename"), read from
    ROLE_PERMISSIONS and the role names loaded with the user: no query, unlike
    user.has_perm (the groups hold exactly these permissions, sync_role_permissions)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(permission in ROLE_PERMISSIONS.get(role, ()) for role in role_names(user))


def role_required(*roles):
    """View decorator: anonymous users go to login, users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def admin_required(view):
    """View decorator for administrator-only pages (superusers)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class RoleRequiredMixin:
    """Class-based view counterpart of role_required: set `roles = (STAFF, ...)`."""

    roles = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_role(request.user, *self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def sync_role_permissions(sender=None, using="default", apps=None, **kwargs):
    """Give each role group exactly the permissions in ROLE_PERMISSIONS (post_migrate)."""
    from django.apps import apps as global_apps
    from django.db import DEFAULT_DB_ALIAS

    apps = apps or global_apps
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    using = using or DEFAULT_DB_ALIAS
    for role, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = []
        for code in codes:
            app_label, codename = code.split(".")
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)

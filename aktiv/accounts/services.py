"""Writes about users: invitations, roles, deactivation, sign-ins, two-factor changes.

Each function takes plain values (never the request), runs in one transaction and writes
its audit event. Roles are Django groups (aktiv.roles); administrators are superusers.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aktiv import audit
from aktiv.roles import ROLES

from . import mail

Action = audit.Action


def _role_list(user):
    return sorted(user.groups.values_list("name", flat=True))


def _apply_roles(user, roles, administrator):
    """Set the user's groups and administrator flag; True when anything changed."""
    roles = sorted(set(roles) & set(ROLES))
    before = (_role_list(user), user.is_superuser)
    if before == (roles, bool(administrator)):
        return False
    user.groups.set(Group.objects.filter(name__in=roles))
    user.is_superuser = user.is_staff = bool(administrator)
    user.save(update_fields=["is_superuser", "is_staff"])
    user._aktiv_roles = frozenset(roles)
    return True


def _change_roles(actor, user, roles, administrator, **detail):
    """Apply the roles; audit the change (before and after) when there is one."""
    before = _role_list(user), user.is_superuser
    if _apply_roles(user, roles, administrator):
        audit.record(
            actor,
            Action.ROLES,
            user,
            label=user.get_username(),
            foer=before[0],
            roller=_role_list(user),
            administrator=user.is_superuser,
            var_administrator=before[1],
            **detail,
        )


def _other_active_administrators(user):
    return (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(pk=user.pk)
        .exists()
    )


@transaction.atomic
def invite_user(
    actor, *, email, username, first_name="", last_name="", roles=(), administrator=False, site_url
):
    """Create a user with no password yet and e-mail an invitation to choose one (or to
    sign in through the municipality's single sign-on). Returns the user."""
    User = get_user_model()
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _apply_roles(user, roles, administrator)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    audit.record(
        actor,
        Action.INVITE,
        user,
        label=user.get_username(),
        roller=sorted(set(roles) & set(ROLES)),
        administrator=bool(administrator),
    )
    transaction.on_commit(lambda: mail.send_invitation(user.pk, site_url))
    return user


@transaction.atomic
def set_roles(actor, user, *, roles, administrator):
    """Give and take roles. An administrator cannot take away their own administrator
    rights, and the last active administrator stays one."""
    if user.is_superuser and not administrator:
        if actor is not None and actor.pk == user.pk:
            raise ValidationError(_("Du kan ikke fjerne dine egne administratorrettigheder."))
        if not _other_active_administrators(user):
            raise ValidationError(_("Der skal være mindst én aktiv administrator."))
    _change_roles(actor, user, roles, administrator)
    return user


@transaction.atomic
def deactivate_user(actor, user):
    """The user can no longer sign in (locally or by single sign-on); their sessions end."""
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("Du kan ikke deaktivere dig selv."))
    if user.is_superuser and not _other_active_administrators(user):
        raise ValidationError(_("Der skal være mindst én aktiv administrator."))
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(actor, Action.DEACTIVATE, user, label=user.get_username())
    return user


@transaction.atomic
def reactivate_user(actor, user):
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(actor, Action.REACTIVATE, user, label=user.get_username())
    return user


@transaction.atomic
def sync_roles_from_provider(user, *, provider, roles, administrator):
    """At a single sign-on: the user's roles become the ones the provider's claims map to.
    Audited (as a change by the provider) only when something changed."""
    _change_roles(None, user, roles, administrator, kilde=provider)
    return user


@transaction.atomic
def record_sign_in(user, *, method, provider="", provider_mfa=False):
    """One audit event per sign-in: how (password, single sign-on) and through which
    provider."""
    detail = {"metode": method}
    if provider:
        detail["udbyder"] = provider
    if provider_mfa:
        detail["totrin_hos_udbyder"] = True
    audit.record(user, Action.LOGIN, user, label=user.get_username(), **detail)


@transaction.atomic
def record_sign_out(user):
    audit.record(user, Action.LOGOUT, user, label=user.get_username())


@transaction.atomic
def record_mfa_change(user, *, kind, change):
    """A two-factor method added or removed (TOTP, security key, recovery codes)."""
    audit.record(user, Action.MFA, user, label=user.get_username(), type=kind, aendring=change)

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "aktiv.accounts"
    label = "accounts"
    verbose_name = _("Brugere og login")

    def ready(self):
        from . import signals

        signals.connect()
        checks.register(check_role_map)


def check_role_map(app_configs=None, **kwargs):
    """AKTIV_SSO_ROLE_MAP names only Aktiv's roles (or Administrator)."""
    from django.conf import settings

    from aktiv.roles import ROLES

    from .config import ADMINISTRATOR

    known = {*ROLES, ADMINISTRATOR}
    errors = []
    for value, roles in settings.AKTIV_SSO["role_map"].items():
        for role in sorted(set(roles) - known):
            errors.append(
                checks.Error(
                    f"AKTIV_SSO_ROLE_MAP maps {value!r} to the unknown role {role!r}.",
                    hint=f"Use one of: {', '.join(sorted(known))}.",
                    id="aktiv.E101",
                )
            )
    return errors

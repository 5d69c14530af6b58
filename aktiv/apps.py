from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AktivConfig(AppConfig):
    name = "aktiv"
    verbose_name = _("Aktiv")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from . import roles, security

        post_migrate.connect(roles.sync_role_permissions, dispatch_uid="aktiv.sync_roles")
        user_login_failed.connect(security.note_failed_login, dispatch_uid="aktiv.failed_login")

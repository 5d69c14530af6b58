"""The sign-in backend: allauth's (a ModelBackend that takes a user name or an e-mail
address), loading a user's roles with the user.

Every signed-in page needs the user's roles (navigation, who sees what). ModelBackend
loads the user, and the roles would then cost a second query on every request; here the
role names come in the same query (aktiv.roles.role_names reads them first).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q


class RoleModelBackend(AuthenticationBackend):
    def get_user(self, user_id):
        user = (
            get_user_model()
            .objects.annotate(
                role_list=ArrayAgg("groups__name", filter=Q(groups__isnull=False), default=[])
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._aktiv_roles = frozenset(user.role_list)
        return user

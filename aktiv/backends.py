"""The sign-in backend: Django's ModelBackend, loading a user's roles with the user.

Every signed-in page needs the user's roles (navigation, who sees what). ModelBackend
loads the user, and the roles then cost a second query on every request; on PostgreSQL
this backend reads both in one query. The roles are stored where aktiv.roles.role_names
looks for them first. Behaviour is otherwise ModelBackend's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection
from django.db.models import Q


class RoleModelBackend(ModelBackend):
    def get_user(self, user_id):
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        User = get_user_model()
        user = (
            User._default_manager.annotate(
                role_list=ArrayAgg("groups__name", filter=Q(groups__isnull=False), default=None)
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        user._aktiv_roles = frozenset(user.role_list or ())
        return user

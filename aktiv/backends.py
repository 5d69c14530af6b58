"""The sign-in backend: Django's ModelBackend, loading a user's roles with the user.

Every signed-in page needs the user's roles (navigation, who sees what). ModelBackend
loads the user, and the roles then cost a second query on every request; on PostgreSQL
this backend reads both in one query. The roles are stored where aktiv.roles.role_names
looks for them first. Behaviour is otherwise ModelBackend's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from . import lookups

# auth.User and its groups (AUTH_USER_MODEL is Django's own).
USER_WITH_ROLES_SQL = """
    SELECT {columns},
           COALESCE(array_agg(g.name) FILTER (WHERE g.name IS NOT NULL), '{{}}') AS role_list
    FROM auth_user u
    LEFT JOIN auth_user_groups ug ON ug.user_id = u.id
    LEFT JOIN auth_group g ON g.id = ug.group_id
    WHERE u.id = %s
    GROUP BY u.id
"""


class RoleModelBackend(ModelBackend):
    def get_user(self, user_id):
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        User = get_user_model()
        sql = USER_WITH_ROLES_SQL.format(columns=lookups.columns(User, "u"))
        found = lookups.fetch(User, sql, [user_id], extra=1)
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        user._aktiv_roles = frozenset(user.role_list)
        return user

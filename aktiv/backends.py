"""The sign-in backend: allauth's (a ModelBackend that takes a user name or an e-mail
address), loading a user's roles with the user.

Every signed-in page needs the user's roles (navigation, who sees what). The user and
the role names come in one query; while the page cache is on (aktiv.page_cache), the
result is kept in the process's memory under the "reference" data version, which
PostgreSQL moves whenever a user's name, password, active or administrator flag or
roles change (aktiv migration 0004): a revoked role or a deactivated user takes effect
on the next request.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db.models import OuterRef

from . import page_cache


def _load(user_id):
    # The role names as an array subquery: no GROUP BY over the user's columns (cheaper
    # to build and to plan than joining the groups and aggregating).
    roles = Group.objects.filter(user=OuterRef("pk")).values("name")
    user_model = get_user_model()
    try:
        user = user_model.objects.annotate(role_list=ArraySubquery(roles)).get(pk=user_id)
    except user_model.DoesNotExist:
        return None
    user._aktiv_roles = frozenset(user.role_list)
    return user


class RoleModelBackend(AuthenticationBackend):
    def get_user(self, user_id):
        if page_cache.enabled():
            key = f"aktiv:user:{user_id}:{page_cache.data_versions()['reference']}"
            user = cache.get(key)
            if user is None:
                user = _load(user_id)
                if user is not None:
                    cache.set(key, user, settings.PAGE_CACHE_SECONDS)
        else:
            user = _load(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user

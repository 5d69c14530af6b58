"""A role's permissions read from the role names loaded with the user, without a query."""

import pytest
from django.contrib.auth import get_user_model

from aktiv import roles
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role_list, superuser",
    [((roles.STAFF,), False), ((roles.MANAGER,), False), ((roles.FACILITATOR,), False), ((), True)],
)
def test_role_may_agrees_with_django_permissions_and_runs_no_query(
    role_list, superuser, django_assert_num_queries
):
    made = make_user(*role_list, superuser=superuser)
    user = get_user_model().objects.get(pk=made.pk)
    roles.role_names(user)  # loaded with the user by aktiv.backends in a request
    permissions = sorted({p for perms in roles.ROLE_PERMISSIONS.values() for p in perms})
    with django_assert_num_queries(0):
        answers = {p: roles.role_may(user, p) for p in permissions}
    assert answers == {p: user.has_perm(p) for p in permissions}


def test_a_deactivated_user_may_nothing():
    user = make_user(roles.STAFF)
    user.is_active = False
    assert not roles.role_may(user, "stories.view_story")

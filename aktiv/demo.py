"""Demo users, one per role. Passwords are documented in the README; DEBUG only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles

DEMO_USERS = [
    # username, password, roles, superuser
    ("medarbejder", "demo-medarbejder", [roles.STAFF], False),
    ("facilitator", "demo-facilitator", [roles.FACILITATOR], False),
    ("leder", "demo-leder", [roles.MANAGER], False),
    ("admin", "demo-admin", [], True),
]


def load():
    User = get_user_model()
    users = {}
    for username, password, role_list, superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_superuser = superuser
        user.is_staff = superuser
        user.is_active = True
        user.save()
        user.groups.set(Group.objects.filter(name__in=role_list))
        users[username] = user
    return users

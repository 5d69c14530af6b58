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
# The demo manager signs the demo report's preface, as the seed report's leader did.
DEMO_NAMES = {"leder": ("Karin", "Leth Kristensen")}


def load():
    User = get_user_model()
    users = {}
    for username, password, role_list, superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_superuser = superuser
        user.is_staff = superuser
        user.is_active = True
        user.first_name, user.last_name = DEMO_NAMES.get(
            username, (user.first_name, user.last_name)
        )
        user.save()
        user.groups.set(Group.objects.filter(name__in=role_list))
        users[username] = user
    return users

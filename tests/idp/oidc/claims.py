"""The test provider's claims: `groups` from the user's Django groups, `amr` with "mfa"
for users in the group "_mfa"; and the behaviour switch of /control/ (`MODE`)."""

import time

from oidc_provider.lib.claims import ScopeClaims

MODE = {"id_token": "normal"}  # normal | expired


def groups_of(user):
    return sorted(g.name for g in user.groups.all() if not g.name.startswith("_"))


class GroupsClaims(ScopeClaims):
    def create_response_dic(self):
        return {"groups": groups_of(self.user)}


def id_token_hook(id_token, user, token, request, **kwargs):
    id_token["groups"] = groups_of(user)
    id_token["preferred_username"] = user.username
    id_token["email"] = user.email
    mfa = user.groups.filter(name="_mfa").exists()
    id_token["amr"] = ["pwd", "mfa"] if mfa else ["pwd"]
    if MODE["id_token"] == "expired":
        now = int(time.time())
        id_token["iat"] = now - 3600
        id_token["exp"] = now - 1800
    return id_token

import base64
import json
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from oidc_provider import views as oidc_views
from oidc_provider.models import Client, ResponseType

from . import claims

TAMPER = {"on": False}


@csrf_exempt
def control(request):
    """Set up the provider from the tests: users, the client, the token behaviour."""
    if request.headers.get("X-Control-Token") != os.environ["IDP_CONTROL_TOKEN"]:
        return HttpResponseForbidden()
    data = json.loads(request.body)
    action = data["action"]
    if action == "user":
        user, _ = get_user_model().objects.get_or_create(username=data["username"])
        user.email = data.get("email", "")
        user.set_password(data["password"])
        user.save()
        groups = [Group.objects.get_or_create(name=name)[0] for name in data.get("groups", [])]
        user.groups.set(groups)
    elif action == "client":
        client, _ = Client.objects.update_or_create(
            client_id=data["client_id"],
            defaults={
                "name": "Aktiv",
                "client_type": "confidential",
                "client_secret": data["secret"],
                "jwt_alg": "RS256",
                "require_consent": False,
                "reuse_consent": True,
                "_redirect_uris": "\n".join(data["redirect_uris"]),
                "_post_logout_redirect_uris": "\n".join(data["post_logout_redirect_uris"]),
                "_scope": "openid profile email groups",
            },
        )
        client.response_types.set(ResponseType.objects.filter(value="code"))
    elif action == "mode":
        claims.MODE["id_token"] = data.get("id_token", "normal")
        TAMPER["on"] = bool(data.get("tamper", False))
    return JsonResponse({"ok": True})


def whoami(request):
    """Who is signed in at the provider (the tests check that logout ended it)."""
    user = request.user
    return JsonResponse({"username": user.get_username() if user.is_authenticated else None})


def _tampered(id_token):
    """The same token with a changed payload (an administrator group added), its
    signature left as it was: a forged token."""
    header, payload, signature = id_token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["groups"] = [*data.get("groups", []), "aktiv-administratorer"]
    data["amr"] = ["pwd", "mfa"]
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


@csrf_exempt
def token(request, *args, **kwargs):
    response = oidc_views.TokenView.as_view()(request, *args, **kwargs)
    if TAMPER["on"] and response.status_code == 200:
        body = json.loads(response.content)
        if "id_token" in body:
            body["id_token"] = _tampered(body["id_token"])
            response = HttpResponse(json.dumps(body), content_type="application/json")
    return response

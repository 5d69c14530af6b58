"""allauth's OpenID Connect URLs, with Aktiv's adapter (the ID token's signature checked).

allauth includes `<provider package>.urls` for every provider class; Aktiv's provider
names this package.
"""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.http import Http404
from django.urls import include, path, re_path

from ..providers import OpenIDConnectAdapter


def _adapter_view(view_class):
    @login_not_required
    def view(request, provider_id):
        try:
            return view_class.adapter_view(OpenIDConnectAdapter(request, provider_id))(request)
        except SocialApp.DoesNotExist as exc:
            raise Http404 from exc

    return view


login = _adapter_view(OAuth2LoginView)
callback = _adapter_view(OAuth2CallbackView)

urlpatterns = [
    path(
        "oidc/",
        include(
            [
                re_path(
                    r"^(?P<provider_id>[^/]+)/",
                    include(
                        [
                            path("login/", login, name="openid_connect_login"),
                            path("login/callback/", callback, name="openid_connect_callback"),
                        ]
                    ),
                )
            ]
        ),
    )
]

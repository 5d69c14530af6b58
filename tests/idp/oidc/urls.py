from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("control/", views.control),
    path("whoami/", views.whoami),
    re_path(r"^openid/token/?$", views.token),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]

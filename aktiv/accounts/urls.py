"""Aktiv's account pages (before allauth's, which share the /accounts/ prefix)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/invite/", views.invite, name="invite"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path("users/<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("users/<int:pk>/reactivate/", views.reactivate, name="reactivate"),
    path("no-role/", views.no_role, name="no_role"),
    path("two-factor-required/", views.mfa_setup_required, name="mfa_required"),
]

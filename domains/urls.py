from django.urls import path

from . import views

app_name = "domains"

urlpatterns = [
    path("", views.domain_list, name="list"),
    path("new/", views.domain_create, name="create"),
    path("<slug:slug>/", views.domain_detail, name="detail"),
    path("<slug:slug>/edit/", views.domain_edit, name="edit"),
]

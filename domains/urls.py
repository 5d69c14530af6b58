from django.urls import path

from . import views

app_name = "domains"

# The overview (/domains/) and the summaries (/domains/<slug>/) combine stories and
# workshops, so they live in reports (reports:domains, reports:domain).
urlpatterns = [
    path("new/", views.domain_create, name="create"),
    path("<slug:slug>/edit/", views.domain_edit, name="edit"),
]

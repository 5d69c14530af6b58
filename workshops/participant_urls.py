from django.urls import path

from . import participant_views as views

app_name = "participant"

urlpatterns = [
    path("", views.enter, name="enter"),
    path("<str:code>/", views.join, name="join"),
    path("<str:code>/stem/", views.ballot, name="ballot"),
    path("<str:code>/bekraeft/", views.confirm, name="confirm"),
    path("<str:code>/tak/", views.thanks, name="thanks"),
]

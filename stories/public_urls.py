from django.urls import path

from . import public_views

app_name = "public"

urlpatterns = [
    path("stories/", public_views.public_stories, name="stories"),
]

from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("stories/", views.public_stories, name="stories"),
]

"""Feedback to storytellers (MSC step 6): /stories/<id>/feedback/..."""

from django.urls import path

from . import feedback_views

app_name = "feedback"

urlpatterns = [
    path("<int:pk>/feedback/", feedback_views.feedback_list, name="list"),
    path("<int:pk>/feedback/letter/", feedback_views.feedback_letter, name="letter"),
]

"""Feedback to storytellers (MSC step 6): /stories/<id>/feedback/..."""

app_name = "feedback"

urlpatterns = []

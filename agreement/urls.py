from django.urls import path

from . import views

app_name = "agreement"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("new/", views.round_create, name="round_create"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/code/<int:story_pk>/", views.code_story, name="code"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/resolve/<int:story_pk>/", views.resolve_story, name="resolve"),
    path("suggestions/", views.suggestion_quality, name="suggestions"),
    path("suggestions/<int:story_pk>/", views.story_suggestions, name="story_suggestions"),
]

from django.urls import path

from . import views

app_name = "participant"

urlpatterns = [
    path("", views.enter_code, name="enter"),
]

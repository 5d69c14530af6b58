from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report, name="report"),
    path("print/", views.printable_report, name="print"),
    path("word/", views.report_word, name="word"),
    path("texts/<slug:key>/edit/", views.text_edit, name="text_edit"),
]

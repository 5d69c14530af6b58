from django.urls import path

from . import feedback_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("domains/", views.domain_list, name="domains"),
    path("domains/<slug:slug>/", views.domain_detail, name="domain"),
    path("report/", views.report, name="report"),
    path("report/print/", views.printable_report, name="print"),
    path("report/word/", views.report_word, name="word"),
    path("report/texts/<slug:key>/edit/", views.text_edit, name="text_edit"),
    path("stories/<int:pk>/feedback/", feedback_views.feedback_list, name="feedback"),
    path(
        "stories/<int:pk>/feedback/letter/",
        feedback_views.feedback_letter,
        name="feedback_letter",
    ),
]

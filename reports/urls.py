from django.urls import path

from . import edition_views, feedback_views, views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("domains/", views.domain_list, name="domains"),
    path("domains/<slug:slug>/", views.domain_detail, name="domain"),
    path("domains/<slug:slug>/texts/", edition_views.domain_texts, name="domain_texts"),
    path("report/", views.report, name="report"),
    path("report/print/", views.printable_report, name="print"),
    path("report/word/", views.report_word, name="word"),
    path("report/texts/<slug:key>/edit/", views.text_edit, name="text_edit"),
    path("report/editions/", edition_views.edition_list, name="editions"),
    path("report/editions/new/", edition_views.edition_create, name="edition_create"),
    path("report/editions/<int:pk>/edit/", edition_views.edition_edit, name="edition_edit"),
    path(
        "report/editions/<int:pk>/texts/<slug:key>/",
        edition_views.edition_text,
        name="edition_text",
    ),
    path(
        "report/editions/<int:pk>/publish/",
        edition_views.edition_publish,
        name="edition_publish",
    ),
    path(
        "report/editions/<int:pk>/rebuild/",
        edition_views.edition_rebuild,
        name="edition_rebuild",
    ),
    path(
        "report/editions/<int:pk>/manifest/",
        edition_views.edition_manifest,
        name="edition_manifest",
    ),
    path("report/word-template/", edition_views.word_template, name="word_template"),
    path("stories/<int:pk>/feedback/", feedback_views.feedback_list, name="feedback"),
    path(
        "stories/<int:pk>/feedback/letter/",
        feedback_views.feedback_letter,
        name="feedback_letter",
    ),
]

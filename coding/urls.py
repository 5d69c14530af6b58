from django.urls import path

from . import views

app_name = "coding"

urlpatterns = [
    path("", views.index, name="index"),
    path("stories/<int:pk>/", views.story, name="story"),
    path("excerpts/<int:pk>/edit/", views.excerpt_edit, name="excerpt_edit"),
    path("excerpts/<int:pk>/delete/", views.excerpt_delete, name="excerpt_delete"),
    path("domains/<slug:slug>/", views.domain, name="domain"),
    path("codes/<int:pk>/edit/", views.code_edit, name="code_edit"),
    path("export/aktiv.qdpx", views.export_project, name="export_project"),
    path("export/aktiv-kodebog.qdc", views.export_codebook, name="export_codebook"),
    path("import/", views.import_codebook, name="import_codebook"),
]

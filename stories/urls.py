from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_create, name="create"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/withdraw/", views.story_withdraw, name="withdraw"),
    path("<int:pk>/consent-form/", views.story_consent_form, name="consent_form"),
    path("<int:pk>/erase/", views.story_erase, name="erase"),
    path("import/", views.story_import, name="import"),
    path("import/skabelon.csv", views.story_import_template_csv, name="import_template_csv"),
    path("import/skabelon.xlsx", views.story_import_template_xlsx, name="import_template_xlsx"),
    path("import/<str:token>/", views.story_import_preview, name="import_preview"),
    path("export.csv", views.story_export_csv, name="export_csv"),
    path("export.xlsx", views.story_export_xlsx, name="export_xlsx"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("access-request/", views.access_request, name="access_request"),
]

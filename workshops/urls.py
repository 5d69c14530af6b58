from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    # Early: the results page is what a room refreshes while votes come in.
    path("<int:pk>/results/", views.results, name="results"),
    path("new/", views.workshop_create, name="create"),
    path("compare/", views.compare, name="compare"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/groups/", views.group_names, name="groups"),
    path("<int:pk>/live/", views.workshop_live, name="live"),
    path("<int:pk>/open/", views.workshop_open, name="open"),
    path("<int:pk>/close/", views.workshop_close, name="close"),
    path("<int:pk>/lock/", views.workshop_lock, name="lock"),
    path("<int:pk>/lock-results/", views.workshop_lock_results, name="lock_results"),
    path("<int:pk>/poster/", views.poster, name="poster"),
    path("<int:pk>/cards/", views.cards, name="cards"),
    path("<int:pk>/paper-ballots/", views.paper_ballot_sheets, name="paper_ballots"),
    path("<int:pk>/ballots/", views.ballot_list, name="ballots"),
    path("<int:pk>/ballots/new/", views.paper_ballot, name="paper_ballot"),
    path("<int:pk>/ballots/<int:ballot_pk>/delete/", views.ballot_delete, name="ballot_delete"),
    path("<int:pk>/ballots/<int:ballot_pk>/restore/", views.ballot_restore, name="ballot_restore"),
    path("<int:pk>/quotes/", views.quote_list, name="quotes"),
    path("<int:pk>/quotes/<int:quote_pk>/edit/", views.quote_edit, name="quote_edit"),
    path("<int:pk>/quotes/<int:quote_pk>/delete/", views.quote_delete, name="quote_delete"),
    path("<int:pk>/analysis/", views.analysis_notes, name="analysis"),
    path("<int:pk>/analysis/<int:note_pk>/edit/", views.analysis_note_edit, name="analysis_edit"),
    path(
        "<int:pk>/analysis/<int:note_pk>/delete/",
        views.analysis_note_delete,
        name="analysis_delete",
    ),
    path("<int:pk>/selection/", views.selection, name="selection"),
    path("<int:pk>/selection/<int:domain_pk>/", views.selection_save, name="selection_save"),
    path(
        "<int:pk>/selection/<int:domain_pk>/delete/",
        views.selection_delete,
        name="selection_delete",
    ),
    path(
        "<int:pk>/export/<slug:what>.<slug:fmt>",
        views.export,
        name="export",
    ),
]

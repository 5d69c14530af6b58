from django.contrib import admin, messages
from django.utils.translation import gettext as _

from aktiv.admin import AuditedAdmin, CleanTextAdmin, CleanTextInline

from . import services
from .models import Ballot, Group, JoinAttempt, Quote, Selection, Vote, Workshop


class GroupInline(CleanTextInline):
    model = Group
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(AuditedAdmin):
    list_display = ["title", "kind", "held_on", "status", "join_code"]
    list_filter = ["status", "kind", "round"]
    search_fields = ["title", "join_code"]
    filter_horizontal = ["domains"]
    readonly_fields = ["results_locked_at", "results_locked_by"]
    inlines = [GroupInline]


class VoteInline(CleanTextInline):
    model = Vote
    extra = 0


@admin.register(Ballot)
class BallotAdmin(AuditedAdmin):
    """Deleting a ballot here is the facilitator's delete (workshops.services): it leaves
    every count and can be restored in the app until the result is locked."""

    list_display = ["__str__", "workshop", "group", "is_paper", "created_at", "deleted_at"]
    list_filter = ["is_paper"]
    list_select_related = ["workshop", "group"]
    exclude = ["token"]
    readonly_fields = ["deleted_at", "deleted_by"]
    inlines = [VoteInline]

    def delete_model(self, request, obj):
        try:
            services.delete_ballot(obj, user=request.user)
        except services.ResultsLocked:
            self.message_user(request, _("Resultatet er låst."), messages.ERROR)


@admin.register(Quote)
class QuoteAdmin(AuditedAdmin):
    list_display = ["__str__", "workshop", "group", "domain", "kind"]
    list_filter = ["kind", "domain"]
    list_select_related = ["workshop", "group", "domain"]


@admin.register(Selection)
class SelectionAdmin(AuditedAdmin):
    list_display = ["workshop", "domain", "story"]
    list_select_related = ["workshop", "domain", "story"]
    raw_id_fields = ["story"]


@admin.register(JoinAttempt)
class JoinAttemptAdmin(CleanTextAdmin):
    list_display = ["address", "at"]

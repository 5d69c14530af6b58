from django.contrib import admin

from aktiv.admin import AuditedAdmin, CleanTextAdmin

from . import services
from .models import CollectionRound, Erasure, Feedback, PendingImport, Story


@admin.register(CollectionRound)
class CollectionRoundAdmin(AuditedAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(Story)
class StoryAdmin(AuditedAdmin):
    """For support. Saving goes through stories.services (audited), and deleting a story
    here is an erasure: the text is gone, the ledger and the audit log say so. Consent is
    recorded in the app, so it is read-only here."""

    list_display = ["__str__", "status", "employment_type", "round", "collected_on", "withdrawn_at"]
    list_filter = ["status", "employment_type", "round"]
    search_fields = ["storyteller_code"]
    filter_horizontal = ["domains"]
    raw_id_fields = ["collected_by"]
    readonly_fields = [
        "consent_analysis_on",
        "consent_analysis_by",
        "consent_report_on",
        "consent_report_by",
        "consent_publish_on",
        "consent_publish_by",
        "consent_analysis_withdrawn_at",
        "consent_analysis_withdrawn_by",
        "consent_report_withdrawn_at",
        "consent_report_withdrawn_by",
        "consent_publish_withdrawn_at",
        "consent_publish_withdrawn_by",
        "consent_giver",
        "consent_how",
        "consent_witness",
        "consent_witness_role",
        "withdrawn_at",
        "withdrawn_by",
        "created_at",
        "updated_at",
    ]

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in services.STORY_FIELDS}
        domains = form.cleaned_data["domains"]
        if change:
            saved = services.update_story(obj.pk, user=request.user, values=values, domains=domains)
        else:
            saved = services.create_story(user=request.user, values=values, domains=domains)
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Nothing: the service saved the domains with the story (no inlines here)."""

    def delete_model(self, request, obj):
        services.erase_story(obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            services.erase_story(story, user=request.user)


@admin.register(Feedback)
class FeedbackAdmin(AuditedAdmin):
    list_display = ["__str__", "given_on", "how"]
    raw_id_fields = ["story", "given_by"]


@admin.register(PendingImport)
class PendingImportAdmin(CleanTextAdmin):
    list_display = ["pk", "user", "file_format", "created_at"]
    exclude = ["rows", "preview"]
    readonly_fields = ["token", "user", "file_format", "counts", "created_at"]


@admin.register(Erasure)
class ErasureAdmin(CleanTextAdmin):
    """Read-only: the ledger is written by the erase page and by reapply_erasures."""

    list_display = ["story_id", "erased_at", "erased_by_username"]
    search_fields = ["story_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

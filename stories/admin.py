from django.contrib import admin

from .models import CollectionRound, Erasure, Feedback, PendingImport, Story


@admin.register(CollectionRound)
class CollectionRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "employment_type", "round", "collected_on", "withdrawn_at"]
    list_filter = ["status", "employment_type", "round"]
    search_fields = ["storyteller_code"]
    filter_horizontal = ["domains"]
    raw_id_fields = [
        "collected_by",
        "consent_analysis_by",
        "consent_report_by",
        "consent_publish_by",
        "withdrawn_by",
    ]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "given_on", "how"]
    raw_id_fields = ["story", "given_by"]


@admin.register(PendingImport)
class PendingImportAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "file_format", "created_at"]
    exclude = ["rows", "preview"]
    readonly_fields = ["token", "user", "file_format", "counts", "created_at"]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    """Read-only: the ledger is written by the erase page and by reapply_erasures."""

    list_display = ["story_id", "erased_at", "erased_by_username"]
    search_fields = ["story_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

import allauth.account.admin  # noqa: F401 (registers its pages before the wrapping below)
import allauth.socialaccount.admin  # noqa: F401
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction

from . import audit
from .models import AuditEvent, SitePage
from .text import CleanTextMixin, CleanTextModelForm


class CleanTextAdmin(admin.ModelAdmin):
    """Every admin page's form follows the text rule of the app's forms (aktiv.text)."""

    form = CleanTextModelForm


class CleanTextInline(admin.TabularInline):
    form = CleanTextModelForm


class AuditedAdmin(CleanTextAdmin):
    """A Django admin page whose changes are audited like the app's own (via="admin").

    The admin is for support; daily work goes through the app. Models with rules of
    their own (stories, domains) override save_model/delete_model to call their
    services instead.
    """

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                request.user,
                audit.Action.EDIT if change else audit.Action.CREATE,
                obj,
                via="admin",
                felter=sorted(form.changed_data),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(request.user, audit.Action.DELETE, obj, via="admin")
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(CleanTextAdmin):
    """Read-only: the log is append-only (the database refuses changes; prune_audit
    removes entries past their retention)."""

    list_display = ("at", "username", "action", "object_type", "object_id", "object_label")
    list_filter = ("action", "object_type")
    search_fields = ("username", "object_id", "object_label")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SitePage)
class SitePageAdmin(AuditedAdmin):
    list_display = ("title", "slug", "updated_at")
    readonly_fields = ("slug",)


# Django's own user and group pages, with the same text rule (names are typed in).
class _UserChangeForm(CleanTextMixin, UserChangeForm):
    pass


class _UserCreationForm(CleanTextMixin, AdminUserCreationForm):
    pass


class CleanTextUserAdmin(UserAdmin):
    form = _UserChangeForm
    add_form = _UserCreationForm


class CleanTextGroupAdmin(GroupAdmin):
    form = CleanTextModelForm


for _model, _admin in ((get_user_model(), CleanTextUserAdmin), (Group, CleanTextGroupAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)


# django-allauth's admin pages (e-mail addresses, single sign-on apps and accounts) follow
# the same text rule: their forms are wrapped here (the modules that register them are
# imported at the top, so the order of INSTALLED_APPS does not matter).
def _clean_text_everywhere(site):
    for model_admin in site._registry.values():
        if not issubclass(model_admin.form, CleanTextMixin):
            form = model_admin.form
            model_admin.form = type(form.__name__, (CleanTextMixin, form), {})


_clean_text_everywhere(admin.site)

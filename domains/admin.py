from django.contrib import admin

from aktiv.admin import AuditedAdmin

from . import services
from .models import Domain


@admin.register(Domain)
class DomainAdmin(AuditedAdmin):
    list_display = ("name", "statement", "order", "is_active")
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in services.DOMAIN_FIELDS}
        if change:
            saved = services.update_domain(obj.pk, user=request.user, **values)
        else:
            saved = services.create_domain(user=request.user, **values)
        obj.pk = saved.pk

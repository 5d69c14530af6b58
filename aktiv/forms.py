from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .text import CleanTextForm


class LeanFieldsMixin:
    """Plain data for templates/aktiv/_lean_field.html, for forms on the busiest pages.

    Rendering a form through its widgets (and crispy-forms) costs about a millisecond a
    field, most of it templates per option of a select; these pages show ten fields on
    every view. Text, date and single-choice fields only.
    """

    def lean_fields(self):
        fields = []
        for bound in self:
            field = bound.field
            value = bound.value()
            choices = getattr(field, "choices", None)
            fields.append(
                {
                    "name": bound.html_name,
                    "id": bound.id_for_label,
                    "label": bound.label,
                    "help": field.help_text,
                    "errors": bound.errors,
                    "type": "date"
                    if isinstance(field, forms.DateField)
                    else "select"
                    if choices is not None
                    else "text",
                    "value": "" if value is None else value,
                    "maxlength": getattr(field, "max_length", None),
                    "options": [
                        (str(key), label, str(key) == str(value if value is not None else ""))
                        for key, label in choices
                    ]
                    if choices is not None
                    else (),
                }
            )
        return fields

    def lean_field(self, name):
        return next(f for f in self.lean_fields() if f["name"] == self.add_prefix(name))


class AuditFilterForm(CleanTextForm):
    user = forms.ModelChoiceField(
        label=_("Bruger"),
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        empty_label=_("Alle brugere"),
    )
    action = forms.ChoiceField(
        label=_("Handling"),
        choices=[("", _("Alle handlinger")), *AuditEvent.Action.choices],
        required=False,
    )
    date_from = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Til dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Til-datoen skal ligge efter fra-datoen."))
        return data

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("user"):
            queryset = queryset.filter(user=data["user"])
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("date_from"):
            queryset = queryset.filter(at__date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(at__date__lte=data["date_to"])
        return queryset

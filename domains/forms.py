from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextModelForm

from .models import Domain


class DomainForm(CleanTextModelForm):
    class Meta:
        model = Domain
        fields = [
            "name",
            "slug",
            "statement",
            "what_changes",
            "what_creates_change",
            "order",
            "is_active",
            "icon",
        ]
        widgets = {
            "what_changes": forms.Textarea(attrs={"rows": 10}),
            "what_creates_change": forms.Textarea(attrs={"rows": 10}),
        }
        error_messages = {
            "slug": {"unique": _("Der findes allerede et domæne med det korte navn.")},
            "name": {"required": _("Skriv domænets navn.")},
            "statement": {"required": _("Skriv udsagnet i første person.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", _("Gem"), css_class="btn-lg"))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Skriv domænets navn."))
        return name

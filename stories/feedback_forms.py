from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextModelForm

from .models import Feedback


class FeedbackForm(CleanTextModelForm):
    class Meta:
        model = Feedback
        fields = ["given_on", "how"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "given_on": {
                "required": _("Skriv datoen for tilbagemeldingen."),
                "invalid": _("Skriv en dato som 2021-05-27."),
            },
            "how": {"required": _("Vælg, hvordan fortælleren fik tilbagemeldingen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["how"].widget = forms.RadioSelect(choices=Feedback.How.choices)
        if not self.is_bound:
            self.initial.setdefault("given_on", timezone.localdate())
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", _("Gem tilbagemeldingen"), css_class="btn-lg"))

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("Datoen må ikke ligge i fremtiden."))
        return given_on

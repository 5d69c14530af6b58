from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from stories.models import CollectionRound
from workshops import report_selectors

from .models import ReportText


class WorkshopChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.title, obj.get_kind_display(), obj.held_on.strftime("%d.%m.%Y")]
        if obj.round_id:
            parts.append(obj.round.name)
        return " · ".join(parts)


class _GetForm(forms.Form):
    submit_label = _("Vis")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_class = "choice-form"
        self.helper.add_input(Submit("", self.submit_label, css_class="btn-outline-primary"))


class RoundChoiceForm(_GetForm):
    submit_label = _("Vis runden")

    round = forms.ModelChoiceField(
        label=_("Indsamlingsrunde"),
        queryset=CollectionRound.objects.none(),
        empty_label=_("Den seneste runde"),
        required=False,
        error_messages={"invalid_choice": _("Vælg en af runderne på listen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = report_selectors.rounds()
        self.helper.form_id = "round-choice"


class WorkshopChoiceForm(_GetForm):
    submit_label = _("Vis prioriteringen")

    workshop = WorkshopChoiceField(
        label=_("Prioritering fra workshop"),
        queryset=None,
        empty_label=_("Den seneste lukkede borgerworkshop"),
        required=False,
        error_messages={"invalid_choice": _("Vælg en af de lukkede workshops på listen.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = report_selectors.closed_workshops()
        self.helper.form_id = "workshop-choice"


class Choice:
    """The round and the ranking workshop chosen through GET parameters."""

    def __init__(self, data):
        self.round_form = RoundChoiceForm(data if "round" in data else None)
        self.workshop_form = WorkshopChoiceForm(data if "workshop" in data else None)
        round_ = workshop = None
        if self.workshop_form.is_bound and self.workshop_form.is_valid():
            workshop = self.workshop_form.cleaned_data["workshop"]
        if self.round_form.is_bound and self.round_form.is_valid():
            round_ = self.round_form.cleaned_data["round"]
        if workshop is not None:
            round_ = workshop.round or round_
        else:
            round_ = round_ or report_selectors.latest_round()
            workshop = report_selectors.default_ranking_workshop(round_)
            if workshop is not None and round_ is None:
                round_ = workshop.round
        self.round = round_
        self.workshop = workshop

    def query(self):
        """GET parameters that keep this choice on links (round and workshop ids)."""
        params = {}
        if self.round is not None:
            params["round"] = self.round.pk
        if self.workshop is not None:
            params["workshop"] = self.workshop.pk
        return params


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ReportText
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        error_messages = {"title": {"required": _("Skriv en overskrift.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", _("Gem"), css_class="btn-lg"))

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Skriv en overskrift."))
        return title

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextForm, CleanTextModelForm
from workshops import report_selectors

from .models import ReportText


def workshop_label(workshop, rounds_by_id):
    parts = [workshop.title, workshop.get_kind_display(), workshop.held_on.strftime("%d.%m.%Y")]
    round_ = rounds_by_id.get(workshop.round_id)
    if round_ is not None:
        parts.append(round_.name)
    return " · ".join(parts)


class _GetForm(CleanTextForm):
    submit_label = _("Vis")
    form_id = ""

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.field_name]
        field.choices = [("", field.empty_label), *choices]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = True
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_class = "choice-form"
        self.helper.form_id = self.form_id
        button = Submit("", self.submit_label)
        button.field_classes = "btn btn-outline-primary"  # not on top of btn-primary
        self.helper.add_input(button)


class _IdChoiceField(forms.TypedChoiceField):
    def __init__(self, *, empty_label, **kwargs):
        self.empty_label = empty_label
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)


class RoundChoiceForm(_GetForm):
    submit_label = _("Vis runden")
    form_id = "round-choice"
    field_name = "round"

    round = _IdChoiceField(
        label=_("Indsamlingsrunde"),
        empty_label=_("Den seneste runde"),
        error_messages={"invalid_choice": _("Vælg en af runderne på listen.")},
    )


class WorkshopChoiceForm(_GetForm):
    submit_label = _("Vis prioriteringen")
    form_id = "workshop-choice"
    field_name = "workshop"

    workshop = _IdChoiceField(
        label=_("Prioritering fra workshop"),
        empty_label=_("Den seneste lukkede borgerworkshop"),
        error_messages={"invalid_choice": _("Vælg en af de lukkede workshops på listen.")},
    )


class Choice:
    """The round and the ranking workshop chosen through GET parameters.

    Two queries whatever is chosen: the rounds and the closed workshops (newest first);
    the defaults are picked from those lists and the two forms' choices come from them.
    """

    def __init__(self, data):
        all_rounds = list(report_selectors.rounds())
        closed = list(report_selectors.closed_workshops_plain())
        rounds_by_id = {r.pk: r for r in all_rounds}
        workshops_by_id = {w.pk: w for w in closed}
        self.round_form = RoundChoiceForm(
            data if "round" in data else None,
            choices=[(r.pk, r.name) for r in all_rounds],
        )
        self.workshop_form = WorkshopChoiceForm(
            data if "workshop" in data else None,
            choices=[(w.pk, workshop_label(w, rounds_by_id)) for w in closed],
        )
        round_ = workshop = None
        if self.workshop_form.is_bound and self.workshop_form.is_valid():
            workshop = workshops_by_id.get(self.workshop_form.cleaned_data["workshop"])
        if self.round_form.is_bound and self.round_form.is_valid():
            round_ = rounds_by_id.get(self.round_form.cleaned_data["round"])
        if workshop is not None:
            round_ = rounds_by_id.get(workshop.round_id, round_)
        else:
            round_ = round_ or (all_rounds[0] if all_rounds else None)
            workshop = report_selectors.pick_default_workshop(closed, round_)
            if workshop is not None and round_ is None:
                round_ = rounds_by_id.get(workshop.round_id)
        if workshop is not None and workshop.round_id in rounds_by_id:
            workshop.round = rounds_by_id[workshop.round_id]
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


class ReportTextForm(CleanTextModelForm):
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

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from aktiv.dates import short_date
from aktiv.text import CleanTextForm, CleanTextModelForm
from workshops import report_selectors
from workshops.models import Workshop

from .models import ReportText

# How many of a round's closed workshops the choice lists (newest first); an older one
# is still shown when it is chosen through the address (?workshop=<id>).
WORKSHOP_CHOICES = 12


def workshop_label(workshop, kinds):
    return " · ".join([workshop.title, kinds.get(workshop.kind, ""), short_date(workshop.held_on)])


class _GetForm(CleanTextForm):
    """A GET form with one choice (rendered by templates/reports/_choice_form.html)."""

    submit_label = _("Vis")
    form_id = ""

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.field_name]
        field.choices = [("", field.empty_label), *choices]

    @property
    def field(self):
        return self[self.field_name]

    def options(self):
        """(value, label, selected) for the template: cheaper than a widget per option."""
        bound = self.field
        selected = str(bound.value() or "")
        return [(str(value), label, str(value) == selected) for value, label in bound.field.choices]


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

    A fixed number of small queries whatever is chosen: the rounds, the round's newest
    closed workshops (at most WORKSHOP_CHOICES), and the chosen workshop or a default
    from another round when the list lacks it.
    """

    def __init__(self, data):
        all_rounds = list(report_selectors.rounds())
        rounds_by_id = {r.pk: r for r in all_rounds}
        self.round_form = RoundChoiceForm(
            data if "round" in data else None, choices=[(r.pk, r.name) for r in all_rounds]
        )
        asked_round = asked_workshop = None
        if self.round_form.is_bound and self.round_form.is_valid():
            asked_round = rounds_by_id.get(self.round_form.cleaned_data["round"])
        raw = data.get("workshop")
        if raw and str(raw).isdigit():
            asked_workshop = report_selectors.closed_workshops_plain().filter(pk=raw).first()
        round_ = asked_round
        if asked_workshop is not None:
            round_ = rounds_by_id.get(asked_workshop.round_id, round_)
        round_ = round_ or (all_rounds[0] if all_rounds else None)

        closed = report_selectors.closed_workshops_plain()
        closed = list(
            closed.filter(round=round_) if round_ is not None else closed.filter(round=None)
        )[:WORKSHOP_CHOICES]
        if asked_workshop is not None and asked_workshop not in closed:
            closed.append(asked_workshop)
        kinds = {value: str(label) for value, label in Workshop.Kind.choices}
        self.workshop_form = WorkshopChoiceForm(
            data if "workshop" in data else None,
            choices=[(w.pk, workshop_label(w, kinds)) for w in closed],
        )
        workshop = None
        if self.workshop_form.is_bound and self.workshop_form.is_valid():
            workshop = asked_workshop
        if workshop is None:  # the round's latest citizens' workshop, else the latest anywhere
            citizens = [w for w in closed if w.kind == Workshop.Kind.CITIZENS]
            workshop = (
                citizens[0] if citizens else report_selectors.default_ranking_workshop(round_)
            )
        if workshop is not None:
            workshop.round = rounds_by_id.get(workshop.round_id)
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

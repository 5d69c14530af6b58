from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextForm, CleanTextModelForm
from domains.models import Domain
from stories.models import CollectionRound

from .models import MAX_VOTES, AnalysisNote, Group, Quote, Selection, Workshop

MAX_GROUPS = 30


def _helper(label):
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("save", label, css_class="btn-lg"))
    return helper


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class WorkshopForm(CleanTextModelForm):
    group_count = forms.IntegerField(
        label=_("Antal grupper"),
        min_value=1,
        max_value=MAX_GROUPS,
        initial=3,
        help_text=_("Grupperne hedder Gruppe 1, Gruppe 2 … Du kan give dem andre navne bagefter."),
        error_messages={
            "required": _("Skriv hvor mange grupper, der er."),
            "invalid": _("Skriv et helt tal."),
            "min_value": _("Der skal være mindst én gruppe."),
            "max_value": _("Højst %(limit_value)s grupper."),
        },
    )

    class Meta:
        model = Workshop
        fields = [
            "title",
            "kind",
            "held_on",
            "round",
            "votes_per_participant",
            "expected_participants",
            "domains",
            "results_visible",
            "is_rehearsal",
        ]
        widgets = {
            "held_on": DateInput(),
            "domains": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "votes_per_participant": _(
                "Hvor mange forandringsområder hver deltager må vælge (1–10)."
            ),
            "results_visible": _(
                "Normalt ser deltagerne først resultatet, når afstemningen er lukket. "
                "Det undgår, at man stemmer som de andre."
            ),
        }
        error_messages = {
            "title": {"required": _("Skriv en titel.")},
            "kind": {"required": _("Vælg hvem deltagerne er.")},
            "held_on": {
                "required": _("Skriv datoen."),
                "invalid": _("Skriv datoen som dd.mm.åååå, fx 20.04.2021."),
            },
            "votes_per_participant": {
                "required": _("Skriv antal stemmer."),
                "invalid": _("Skriv et helt tal."),
                "min_value": _("Mindst 1 stemme."),
                "max_value": _("Højst %(limit_value)s stemmer."),
            },
            "domains": {"required": _("Vælg mindst ét forandringsområde til stemmesedlen.")},
            "expected_participants": {
                "invalid": _("Skriv et helt tal."),
                "min_value": _("Skriv 0 eller flere."),
                "max_value": _("Højst %(limit_value)s deltagere."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = CollectionRound.objects.order_by("-starts_on", "-id")
        self.fields["round"].required = False
        self.fields["round"].empty_label = _("Ingen runde")
        self.fields["kind"].choices = [("", _("Vælg hvem deltagerne er")), *Workshop.Kind.choices]
        domains = Domain.objects.order_by("order", "name")
        if self.instance.pk:
            domains = domains.filter(is_active=True) | domains.filter(workshops=self.instance)
            domains = domains.distinct().order_by("order", "name")
            self.fields["group_count"].initial = self.instance.groups.count()
        else:
            domains = domains.filter(is_active=True)
            self.fields["domains"].initial = list(domains.values_list("pk", flat=True))
        self.fields["domains"].queryset = domains
        self.fields["votes_per_participant"].widget.attrs.update({"min": 1, "max": MAX_VOTES})
        self.helper = _helper(_("Gem"))

    def clean(self):
        data = super().clean()
        workshop = self.instance
        if workshop.pk and workshop.ballots.exists():
            if (
                "votes_per_participant" in data
                and data["votes_per_participant"] != workshop.votes_per_participant
            ):
                self.add_error(
                    "votes_per_participant",
                    _("Der er allerede afgivet stemmer. Antallet kan ikke ændres nu."),
                )
            count = data.get("group_count")
            if count is not None:
                used = set(
                    workshop.ballots.values_list("group__number", flat=True).distinct()
                ) | set(workshop.quotes.exclude(group=None).values_list("group__number", flat=True))
                if used and count < max(used):
                    self.add_error(
                        "group_count",
                        _("Gruppe %(n)s har stemmer eller citater og kan ikke fjernes.")
                        % {"n": max(used)},
                    )
            if "domains" in data:
                # A vote for a domain taken off the ballot would vanish from the results.
                kept = {d.pk for d in data["domains"]}
                voted = Domain.objects.filter(votes__ballot__workshop=workshop).distinct()
                removed = [d.name for d in voted.order_by("order", "name") if d.pk not in kept]
                if removed:
                    self.add_error(
                        "domains",
                        _(
                            "Der er allerede stemmer på %(names)s. Forandringsområdet kan "
                            "ikke fjernes fra stemmesedlen nu."
                        )
                        % {"names": ", ".join(removed)},
                    )
        return data


class GroupNamesForm(CleanTextForm):
    """One name field per group."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = list(groups)
        for group in self.groups:
            self.fields[f"group_{group.pk}"] = forms.CharField(
                label=_("Navn på gruppe %(n)s") % {"n": group.number},
                initial=group.name,
                max_length=60,
                error_messages={"required": _("Skriv et navn til gruppen.")},
            )
        self.helper = _helper(_("Gem navnene"))

    def names(self):
        """{group number: name} as typed."""
        return {
            group.number: self.cleaned_data[f"group_{group.pk}"].strip() for group in self.groups
        }


class PaperBallotForm(CleanTextForm):
    group = forms.ModelChoiceField(
        label=_("Gruppe"),
        queryset=Group.objects.none(),
        empty_label=None,
        error_messages={"required": _("Vælg gruppen."), "invalid_choice": _("Vælg gruppen.")},
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Valgte forandringsområder"),
        queryset=Domain.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Vælg mindst ét forandringsområde."),
            "invalid_choice": _("Et af forandringsområderne er ikke på stemmesedlen."),
        },
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["group"].queryset = workshop.groups.order_by("number")
        self.fields["domains"].queryset = workshop.domains.order_by("order", "name")
        self.fields["domains"].help_text = _("Højst %(n)s.") % {"n": workshop.votes_per_participant}
        self.helper = _helper(_("Gem papirstemmen"))

    def clean_domains(self):
        domains = self.cleaned_data["domains"]
        limit = self.workshop.votes_per_participant
        if len(domains) > limit:
            raise forms.ValidationError(
                _("Højst %(n)s forandringsområder. Der er valgt %(k)s.")
                % {"n": limit, "k": len(domains)}
            )
        return domains


class QuoteForm(CleanTextModelForm):
    class Meta:
        model = Quote
        fields = ["group", "domain", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}
        labels = {
            "group": _("Gruppe"),
            "domain": _("Forandringsområde"),
            "kind": _("Slags citat"),
            "text": _("Citat"),
        }
        error_messages = {
            "domain": {"required": _("Vælg forandringsområdet.")},
            "kind": {"required": _("Vælg hvilken slags citat det er.")},
            "text": {"required": _("Skriv hvad der blev sagt.")},
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = workshop.groups.order_by("number")
        self.fields["group"].required = False
        self.fields["group"].empty_label = _("Ingen bestemt gruppe")
        self.fields["domain"].queryset = workshop.domains.order_by("order", "name")
        self.fields["domain"].empty_label = _("Vælg forandringsområde")
        self.fields["kind"].choices = Quote.Kind.choices  # radio buttons: no empty choice
        self.helper = _helper(_("Gem citatet"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Skriv hvad der blev sagt."))
        return text


class AnalysisNoteForm(CleanTextModelForm):
    """A group's answer to one of the two analysis questions about a domain."""

    class Meta:
        model = AnalysisNote
        fields = ["domain", "question", "group", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5}), "question": forms.RadioSelect}
        error_messages = {
            "domain": {
                "required": _("Vælg forandringsområdet."),
                "invalid_choice": _("Vælg et af forandringsområderne på listen."),
            },
            "question": {
                "required": _("Vælg hvilket spørgsmål gruppen svarede på."),
                "invalid_choice": _("Vælg hvilket spørgsmål gruppen svarede på."),
            },
            "group": {"invalid_choice": _("Vælg en af workshoppens grupper.")},
            "text": {"required": _("Skriv gruppens svar.")},
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = workshop.domains.order_by("order", "name")
        self.fields["domain"].empty_label = _("Vælg forandringsområde")
        self.fields["question"].choices = [
            (value, AnalysisNote.question_text(value)) for value in AnalysisNote.Question.values
        ]
        self.fields["group"].queryset = workshop.groups.order_by("number")
        self.fields["group"].required = False
        self.fields["group"].empty_label = _("Ingen bestemt gruppe")
        self.helper = _helper(_("Gem svaret"))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Skriv gruppens svar."))
        return text


class SelectionForm(CleanTextModelForm):
    """Choose the most significant story for one domain, with the reason."""

    class Meta:
        model = Selection
        fields = ["story", "reason", "dissent"]
        widgets = {
            "story": forms.RadioSelect,
            "reason": forms.Textarea(attrs={"rows": 4}),
            "dissent": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"story": _("Den mest betydningsfulde fortælling")}
        error_messages = {
            "story": {
                "required": _("Vælg en fortælling."),
                "invalid_choice": _("Den fortælling kan ikke vælges. Vælg en fra listen."),
            },
            "reason": {"required": _("Skriv hvorfor gruppen valgte netop den fortælling.")},
        }

    def __init__(self, *args, stories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories
        self.fields["story"].empty_label = None
        self.fields["story"].label_from_instance = lambda story: story.title
        self.helper = _helper(_("Gem udvælgelsen"))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Skriv hvorfor gruppen valgte netop den fortælling."))
        return reason

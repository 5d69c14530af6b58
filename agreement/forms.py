import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from aktiv.roles import STAFF
from aktiv.text import CleanTextForm
from domains.models import Domain
from stories.forms import DomainChoiceField
from stories.models import CollectionRound, Story

from . import services

MAX_SAMPLE = 200


def _helper(label):
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("save", label, css_class="btn-lg"))
    return helper


class CoderChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class RoundForm(CleanTextForm):
    title = forms.CharField(
        label=_("Titel"), max_length=200, help_text=_("Fx Dobbeltkodning forår 2021.")
    )
    collection_round = forms.ModelChoiceField(
        label=_("Udtræk fra indsamlingsrunde"),
        queryset=CollectionRound.objects.order_by("-starts_on", "-id"),
        required=False,
        help_text=_(
            "Aktiv trækker tilfældigt blandt rundens fortællinger med samtykke til analyse."
        ),
    )
    sample_size = forms.IntegerField(
        label=_("Antal fortællinger i udtrækket"), min_value=2, max_value=MAX_SAMPLE, required=False
    )
    story_numbers = forms.CharField(
        label=_("Eller vælg fortællinger (numre)"),
        required=False,
        max_length=2000,
        help_text=_("Fortællingernes numre adskilt af komma, fx 12, 15, 40."),
    )
    coders = CoderChoiceField(
        label=_("Kodere"),
        queryset=get_user_model().objects.none(),
        help_text=_("Mindst to medarbejdere. De ser ikke hinandens kodning."),
        error_messages={"required": _("Vælg mindst to kodere.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coders"].queryset = (
            get_user_model().objects.filter(groups__name=STAFF, is_active=True).order_by("username")
        )
        self.helper = _helper(_("Opret runden"))

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Skriv en titel."))
        return title

    def clean_story_numbers(self):
        text = self.cleaned_data.get("story_numbers", "")
        parts = [p for p in re.split(r"[\s,;]+", text) if p]
        if any(not p.isdigit() or len(p) > 9 for p in parts):
            raise forms.ValidationError(_("Skriv kun numre adskilt af komma, fx 12, 15, 40."))
        numbers = sorted({int(p) for p in parts})
        if len(numbers) > MAX_SAMPLE:
            raise forms.ValidationError(_("Højst %(max)s fortællinger.") % {"max": MAX_SAMPLE})
        if numbers:
            allowed = set(
                Story.objects.for_analysis().filter(pk__in=numbers).values_list("pk", flat=True)
            )
            missing = [str(n) for n in numbers if n not in allowed]
            if missing:
                raise forms.ValidationError(
                    _("Disse numre findes ikke eller har ikke samtykke til analyse: %(numbers)s")
                    % {"numbers": ", ".join(missing)}
                )
        return numbers

    def clean_coders(self):
        coders = self.cleaned_data["coders"]
        if len(coders) < 2:
            raise forms.ValidationError(_("Vælg mindst to kodere."))
        return coders

    def clean(self):
        data = super().clean()
        numbers = data.get("story_numbers")
        if "story_numbers" in self.errors:
            return data
        if numbers:
            if len(numbers) < 2:
                self.add_error("story_numbers", _("Vælg mindst to fortællinger."))
            data["story_ids"] = numbers
            return data
        round_ = data.get("collection_round")
        size = data.get("sample_size")
        if round_ is None and "collection_round" not in self.errors:
            self.add_error("collection_round", _("Vælg en runde at trække fra, eller skriv numre."))
        if size is None and "sample_size" not in self.errors:
            self.add_error("sample_size", _("Skriv hvor mange fortællinger der skal trækkes."))
        if round_ is not None and size is not None:
            candidates = (
                Story.objects.for_analysis().filter(round=round_).values_list("pk", flat=True)
            )
            ids = services.sample_stories(candidates, size)
            if len(ids) < 2:
                self.add_error(
                    "collection_round",
                    _("Runden har færre end to fortællinger med samtykke til analyse."),
                )
            data["story_ids"] = ids
        return data


class CodingForm(CleanTextForm):
    domains = DomainChoiceField(
        label=_("Forandringsområder"), queryset=Domain.objects.none(), required=False
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = round_.domains.order_by("order", "name")
        self.helper = _helper(_("Gem kodningen"))


class ResolutionForm(CleanTextForm):
    domains = DomainChoiceField(
        label=_("Aftalte forandringsområder"), queryset=Domain.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    apply = forms.BooleanField(
        label=_("Sæt de aftalte forandringsområder på fortællingen"), required=False
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = round_.domains.order_by("order", "name")
        self.helper = _helper(_("Gem afgørelsen"))


class SuggestionForm(CleanTextForm):
    """The suggestions as tick boxes (all ticked): nothing is added without a click."""

    domains = forms.TypedMultipleChoiceField(
        label=_("Forslag"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét forslag at tilføje.")},
    )

    def __init__(self, *args, suggested, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].choices = [
            (
                domain.pk,
                _("%(name)s (forslag, %(percent)s %%)")
                % {"name": domain.name, "percent": round(p * 100)},
            )
            for domain, p in suggested
        ]
        self.fields["domains"].initial = [domain.pk for domain, _p in suggested]
        self.helper = _helper(_("Tilføj de valgte forslag"))

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aktiv.forms import LeanFieldsMixin
from aktiv.roles import STAFF
from aktiv.text import CleanTextForm, CleanTextModelForm
from domains.models import Domain

from . import rules
from .models import CollectionRound, Story
from .services import STORY_FIELDS
from .validators import STORYTELLER_CODE_PATTERN

SEARCH_MAX_LENGTH = 200
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv en gyldig dato, fx 2024-03-15.")}

CONSENT_LABELS = {
    "analysis": _(
        "Ja, fortælleren har sagt ja til, at fortællingen må læses i analyseworkshops "
        "(af medarbejdere, samarbejdspartnere og borgere)."
    ),
    "report": _(
        "Ja, fortælleren har sagt ja til, at fortællingen må citeres anonymt i "
        "læringsrapporten og læses af ledere."
    ),
    "publish": _(
        "Ja, fortælleren har sagt ja til, at fortællingen må vises for alle på den "
        "offentlige side med fortællinger."
    ),
}
CONSENT_TITLES = {
    "analysis": _("Analyse"),
    "report": _("Læringsrapport"),
    "publish": _("Offentliggørelse"),
}


def staff_users():
    """Users who may be named as collectors: active staff and administrators."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=STAFF) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


class UsernameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_username()


class DomainChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes that show each domain's name and its first-person statement."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return format_html(
            '<span class="domain-choice-name">{}</span> '
            '<span class="domain-choice-statement">»{}«</span>',
            obj.name,
            obj.statement,
        )


class StoryForm(CleanTextModelForm):
    """The story with its consent block. `user` records consent and is the default collector."""

    consent_analysis = forms.BooleanField(required=False, label=CONSENT_LABELS["analysis"])
    consent_report = forms.BooleanField(required=False, label=CONSENT_LABELS["report"])
    consent_publish = forms.BooleanField(required=False, label=CONSENT_LABELS["publish"])
    consent_witness_choice = forms.ChoiceField(
        label=_("Vidne til det mundtlige samtykke"),
        required=False,
        help_text=_("En medarbejder i Aktiv, eller rollen hos en anden, der hørte det."),
        error_messages={"invalid_choice": _("Vælg et vidne fra listen.")},
    )

    class Meta:
        model = Story
        fields = [
            "title",
            "text",
            "significance",
            "told_by",
            "storyteller_code",
            "employment_type",
            "round",
            "collected_on",
            "collected_by",
            "method",
            "read_back_on",
            "domains",
            "consent_analysis_on",
            "consent_report_on",
            "consent_publish_on",
            "consent_giver",
            "consent_how",
            "status",
        ]
        field_classes = {"domains": DomainChoiceField, "collected_by": UsernameChoiceField}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "significance": forms.Textarea(attrs={"rows": 5}),
            "collected_on": DATE_WIDGET,
            "read_back_on": DATE_WIDGET,
            "consent_analysis_on": DATE_WIDGET,
            "consent_report_on": DATE_WIDGET,
            "consent_publish_on": DATE_WIDGET,
            "told_by": forms.RadioSelect,
            "method": forms.RadioSelect,
            "consent_giver": forms.RadioSelect,
            "consent_how": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        labels = {
            "title": _("Titel"),
            "text": _("Fortællingen, med fortællerens egne ord"),
            "significance": _("Hvorfor er netop denne forandring vigtig for fortælleren?"),
            "told_by": _("Hvem fortalte?"),
            "storyteller_code": _("Fortællerkode"),
            "employment_type": _("Beskæftigelse"),
            "round": _("Indsamlingsrunde"),
            "collected_on": _("Indsamlet den"),
            "collected_by": _("Indsamlet af"),
            "method": _("Hvordan blev fortællingen indsamlet?"),
            "read_back_on": _("Læst op for og godkendt af fortælleren den"),
            "domains": _("Forandringsområder"),
            "consent_analysis_on": _("Dato for samtykket til analyse"),
            "consent_report_on": _("Dato for samtykket til læringsrapporten"),
            "consent_publish_on": _("Dato for samtykket til offentliggørelse"),
            "consent_giver": _("Hvem sagde ja?"),
            "consent_how": _("Hvordan blev der sagt ja?"),
            "status": _("Status"),
        }
        help_texts = {
            "title": _("En kort overskrift, gerne med fortællerens egne ord. Højst 200 tegn."),
            "text": _(
                "Skriv aldrig navne eller CPR-numre, heller ikke på kolleger eller pårørende: "
                "brug fx »min kollega« eller »[navn]«."
            ),
            "storyteller_code": _(
                "Fx B-017. Samme kode binder en persons fortællinger sammen over tid. "
                "Aldrig et navn eller et CPR-nummer."
            ),
            "read_back_on": _("Lad feltet være tomt, hvis fortællingen ikke er læst op endnu."),
            "domains": _(
                "Vælg de forandringsområder, fortællingen handler om. Mindst ét, før den er klar."
            ),
            "status": _("Kun en klar fortælling kan bruges i workshops og rapporten."),
            "consent_how": _(
                "Mundtligt samtykke kræver et vidne. Skriv aldrig vidnets navn: vælg en "
                "medarbejder i Aktiv eller en rolle."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Skriv en titel."),
                "max_length": _(
                    "Titlen må højst være %(limit_value)d tegn (den har %(show_value)d)."
                ),
            },
            "text": {
                "required": _("Skriv fortællingen."),
                "max_length": _(
                    "Fortællingen må højst være %(limit_value)d tegn (den har %(show_value)d)."
                ),
            },
            "significance": {
                "max_length": _(
                    "Teksten må højst være %(limit_value)d tegn (den har %(show_value)d)."
                ),
            },
            "employment_type": {"required": _("Vælg borgerens beskæftigelse.")},
            "collected_on": {"required": _("Skriv datoen, hvor fortællingen blev indsamlet.")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        story = self.instance

        for name in ("collected_on", "read_back_on", *self.consent_date_fields()):
            self.fields[name].error_messages.update(DATE_ERRORS)

        domains = Domain.objects.filter(is_active=True)
        if story.pk:
            domains = Domain.objects.filter(Q(is_active=True) | Q(stories=story)).distinct()
        self.fields["domains"].queryset = domains.order_by("order", "name")
        self.fields["domains"].error_messages["invalid_choice"] = _(
            "Vælg et forandringsområde fra listen."
        )

        self.fields["round"].queryset = CollectionRound.objects.order_by("-starts_on", "-id")
        self.fields["round"].empty_label = _("Ingen runde")
        self.fields["employment_type"].choices = [
            ("", _("Vælg beskæftigelse")),
            *Story.Employment.choices,
        ]
        self.fields["collected_by"].queryset = staff_users()
        self.fields["collected_by"].empty_label = _("Vælg medarbejder")
        if not story.pk and user is not None:
            self.fields["collected_by"].initial = user.pk

        for scope in Story.CONSENT_SCOPES:
            self.fields[f"consent_{scope}"].initial = bool(
                getattr(story, f"consent_{scope}_on", None)
            )
            if story.is_withdrawn:
                self.fields[f"consent_{scope}"].disabled = True
                self.fields[f"consent_{scope}_on"].disabled = True
        # Radio buttons without Django's "---------" choice: nothing ticked is "not yet".
        self.fields["consent_giver"].choices = Story.ConsentGiver.choices
        self.fields["consent_how"].choices = Story.ConsentHow.choices
        witness = self.fields["consent_witness_choice"]
        witness.choices = self._witness_choices  # read when shown or checked
        if story.consent_witness_id:
            witness.initial = f"user:{story.consent_witness_id}"
        elif story.consent_witness_role:
            witness.initial = f"role:{story.consent_witness_role}"
        if story.is_withdrawn:
            for name in self.consent_detail_fields():
                self.fields[name].disabled = True

        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", _("Gem fortællingen"), css_class="btn-lg"))

    def freeze_choices(self):
        """Read the choices that come from the database now (4 queries), so the form can
        be shown again with what was typed if the database is lost during the save."""
        for name in ("round", "collected_by", "domains", "consent_witness_choice"):
            field = self.fields[name]
            field.choices = list(field.choices)

    @staticmethod
    def _witness_choices():
        """A staff user ("user:<id>") or a role ("role:<key>"): never a typed name."""
        users = [(f"user:{pk}", name) for pk, name in staff_users().values_list("pk", "username")]
        roles = [(f"role:{key}", label) for key, label in Story.WitnessRole.choices]
        return [
            ("", _("Vælg vidne")),
            (_("Medarbejdere i Aktiv"), users),
            (_("En anden (vælg rollen)"), roles),
        ]

    @staticmethod
    def consent_date_fields():
        return [f"consent_{scope}_on" for scope in Story.CONSENT_SCOPES]

    @staticmethod
    def consent_detail_fields():
        return ["consent_giver", "consent_how", "consent_witness_choice"]

    def consent_blocks(self):
        """For the template: one block per scope with its checkbox, date and state."""
        story = self.instance
        return [
            {
                "scope": scope,
                "title": CONSENT_TITLES[scope],
                "given": self[f"consent_{scope}"],
                "date": self[f"consent_{scope}_on"],
                "recorded_on": getattr(story, f"consent_{scope}_on", None) if story.pk else None,
                "recorded_by": getattr(story, f"consent_{scope}_by", None) if story.pk else None,
            }
            for scope in Story.CONSENT_SCOPES
        ]

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        if not title:
            raise forms.ValidationError(_("Skriv en titel."))
        return title

    def clean_storyteller_code(self):
        return (self.cleaned_data.get("storyteller_code") or "").strip().upper()

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        values = dict(data)
        for scope in Story.CONSENT_SCOPES:  # a date counts where its box is ticked
            if not data.get(f"consent_{scope}"):
                values[f"consent_{scope}_on"] = None
        domains = data.get("domains")  # None when the field itself had an error
        for field, messages in rules.story_problems(values, domains, today).items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        if not self.instance.is_withdrawn:
            self._clean_consent(data, today)
        return data

    def _clean_consent(self, data, today):
        for scope in Story.CONSENT_SCOPES:
            given = data.get(f"consent_{scope}")
            date_field = f"consent_{scope}_on"
            given_on = data.get(date_field)
            if date_field in self.errors:
                continue
            if given and not given_on:
                self.add_error(
                    date_field,
                    _("Skriv datoen, hvor fortælleren gav samtykket."),
                )
            elif given_on and not given:
                self.add_error(
                    f"consent_{scope}",
                    _("Sæt kryds, hvis fortælleren har givet dette samtykke, eller fjern datoen."),
                )
        any_given = any(data.get(f"consent_{scope}") for scope in Story.CONSENT_SCOPES)
        if any_given and not data.get("consent_giver") and "consent_giver" not in self.errors:
            self.add_error("consent_giver", _("Vælg, hvem der sagde ja."))
        how = data.get("consent_how")
        if any_given and not how and "consent_how" not in self.errors:
            self.add_error("consent_how", _("Vælg, hvordan der blev sagt ja."))
        witness = data.get("consent_witness_choice")
        if how == Story.ConsentHow.ORAL and not witness:
            if "consent_witness_choice" not in self.errors:
                self.add_error(
                    "consent_witness_choice",
                    _("Mundtligt samtykke kræver et vidne. Vælg en medarbejder eller en rolle."),
                )

    def story_values(self):
        """The cleaned story fields, for stories.services."""
        return {name: self.cleaned_data.get(name) for name in STORY_FIELDS}

    def consent_details(self):
        """Who gave the consent and how, for stories.services (None: unchanged). A witness
        belongs to oral consent only; one chosen for written consent is dropped."""
        if self.instance.is_withdrawn:
            return None
        data = self.cleaned_data
        how = data.get("consent_how") or ""
        kind, _sep, key = (data.get("consent_witness_choice") or "").partition(":")
        oral = how == Story.ConsentHow.ORAL
        return {
            "giver": data.get("consent_giver") or "",
            "how": how,
            "witness_id": int(key) if oral and kind == "user" else None,
            "witness_role": key if oral and kind == "role" else "",
        }

    def consent_dates(self):
        """{scope: date or None}: the date where the box is ticked, else None."""
        if self.instance.is_withdrawn:
            return {}
        return {
            scope: self.cleaned_data.get(f"consent_{scope}_on")
            if self.cleaned_data.get(f"consent_{scope}")
            else None
            for scope in Story.CONSENT_SCOPES
        }


class _IdChoiceField(forms.TypedChoiceField):
    """A choice of rows by id; the choices are set by the form from one small query."""

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)
        self.empty_label = empty_label


class StoryFilterForm(LeanFieldsMixin, CleanTextForm):
    """Filters of the story list (GET). Managers get `restricted=True`: fewer filters.

    The list is the busiest page: the choices come from three `values_list` queries
    (not model instances) and templates/aktiv/_lean_field.html renders the fields.
    """

    CONSENT_CHOICES = [
        ("", _("Alle")),
        ("analysis", _("Samtykke til analyse")),
        ("report", _("Samtykke til læringsrapporten")),
        ("publish", _("Samtykke til offentliggørelse")),
        ("none", _("Intet samtykke")),
        ("withdrawn", _("Samtykket er trukket tilbage")),
    ]
    RESTRICTED_FIELDS = ("q", "domain", "employment_type")

    q = forms.CharField(
        label=_("Søg i titel, fortælling og betydning"),
        required=False,
        # A search of thousands of words makes PostgreSQL refuse the query ("stack depth
        # limit exceeded"); nobody types that many.
        max_length=SEARCH_MAX_LENGTH,
        error_messages={
            "max_length": _("Søg efter højst %(limit_value)d tegn (du skrev %(show_value)d).")
        },
    )
    domain = _IdChoiceField(
        label=_("Forandringsområde"),
        empty_label=_("Alle forandringsområder"),
        error_messages={"invalid_choice": _("Vælg et forandringsområde fra listen.")},
    )
    employment_type = forms.ChoiceField(
        label=_("Beskæftigelse"),
        choices=[("", _("Alle")), *Story.Employment.choices],
        required=False,
    )
    round = _IdChoiceField(
        label=_("Indsamlingsrunde"),
        empty_label=_("Alle runder"),
        error_messages={"invalid_choice": _("Vælg en runde fra listen.")},
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle")), *Story.Status.choices], required=False
    )
    consent = forms.ChoiceField(label=_("Samtykke"), choices=CONSENT_CHOICES, required=False)
    collector = _IdChoiceField(
        label=_("Indsamlet af"),
        empty_label=_("Alle"),
        error_messages={"invalid_choice": _("Vælg en medarbejder fra listen.")},
    )
    storyteller_code = forms.CharField(label=_("Fortællerkode"), required=False, max_length=20)
    date_from = forms.DateField(
        label=_("Indsamlet fra"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label=_("Indsamlet til"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, restricted=False, domains=None, **kwargs):
        """`domains`: [(id, name)] when the caller has them already."""
        super().__init__(*args, **kwargs)
        self.restricted = restricted
        # A manager searches only the fields a manager may read (stories.search).
        self.search_document = "report_search_document" if restricted else "search_document"
        if restricted:
            for name in list(self.fields):
                if name not in self.RESTRICTED_FIELDS:
                    del self.fields[name]
        if domains is None:
            domains = Domain.objects.order_by("order", "name").values_list("pk", "name")
        self._set_choices("domain", domains)
        if not restricted:
            rounds = CollectionRound.objects.order_by(F("starts_on").desc(nulls_last=True), "-id")
            self._set_choices("round", rounds.values_list("pk", "name"))
            self._set_choices("collector", staff_users().values_list("pk", "username"))

    def _set_choices(self, name, rows):
        field = self.fields[name]
        field.choices = [("", field.empty_label), *rows]

    def clean_storyteller_code(self):
        return (self.cleaned_data.get("storyteller_code") or "").strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Til-datoen skal ligge efter fra-datoen."))
        return data

    def filter(self, queryset):
        """Apply the valid filters; the search last (see stories.search)."""
        from .search import search

        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("domain"):
            queryset = queryset.filter(domains__id=data["domain"])
        if data.get("employment_type"):
            queryset = queryset.filter(employment_type=data["employment_type"])
        if data.get("round"):
            queryset = queryset.filter(round_id=data["round"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        consent = data.get("consent")
        if consent in Story.CONSENT_SCOPES:
            queryset = queryset.filter(**{f"consent_{consent}_on__isnull": False})
        elif consent == "none":
            queryset = queryset.filter(
                withdrawn_at__isnull=True,
                consent_analysis_on__isnull=True,
                consent_report_on__isnull=True,
                consent_publish_on__isnull=True,
            )
        elif consent == "withdrawn":
            queryset = queryset.filter(withdrawn_at__isnull=False)
        if data.get("collector"):
            queryset = queryset.filter(collected_by_id=data["collector"])
        if data.get("storyteller_code"):
            queryset = queryset.filter(storyteller_code=data["storyteller_code"])
        if data.get("date_from"):
            queryset = queryset.filter(collected_on__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(collected_on__lte=data["date_to"])
        return search(queryset, data.get("q"), self.search_document)

    def active_filters(self):
        if not (self.is_bound and self.is_valid()):
            return False
        return any(value for value in self.cleaned_data.values())


class CollectionRoundForm(CleanTextModelForm):
    class Meta:
        model = CollectionRound
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET}
        labels = {"name": _("Navn"), "starts_on": _("Startdato"), "ends_on": _("Slutdato")}
        help_texts = {"name": _("Fx 2019–2021.")}
        error_messages = {
            "name": {
                "required": _("Skriv rundens navn."),
                "unique": _("Der findes allerede en runde med det navn."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages.update(DATE_ERRORS)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Submit("save", _("Gem runden"), css_class="btn-lg"))

    def clean_name(self):
        name = self.cleaned_data.get("name", "").strip()
        if not name:
            raise forms.ValidationError(_("Skriv rundens navn."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("Slutdatoen skal ligge efter startdatoen."))
        return data


class ConfirmForm(CleanTextForm):
    confirm = forms.BooleanField(
        required=True,
        error_messages={"required": _("Sæt kryds for at bekræfte.")},
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["confirm"].label = label
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_tag = False


class WithdrawForm(CleanTextForm):
    """Which consent the storyteller withdraws: one scope they gave, or all of it for good."""

    ALL = "all"

    scope = forms.ChoiceField(
        label=_("Hvad trækker fortælleren tilbage?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg, hvad fortælleren trækker tilbage."),
            "invalid_choice": _("Vælg et af samtykkerne på listen."),
        },
    )
    confirm = forms.BooleanField(
        label=_("Ja, fortælleren har sagt det."),
        error_messages={"required": _("Sæt kryds for at bekræfte.")},
    )

    def __init__(self, *args, story, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            *((scope, WITHDRAW_LABELS[scope]) for scope in story.given_scopes()),
            (self.ALL, _("Alt samtykke, for altid (alle tre formål, kan ikke gives igen)")),
        ]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_tag = False

    def chosen_scope(self):
        """The scope to withdraw, or None for all of it."""
        scope = self.cleaned_data["scope"]
        return None if scope == self.ALL else scope


WITHDRAW_LABELS = {
    "analysis": _("Kun samtykket til analyse (workshops)"),
    "report": _("Kun samtykket til læringsrapporten"),
    "publish": _("Kun samtykket til den offentlige side"),
}


class ImportForm(CleanTextForm):
    file = forms.FileField(
        label=_("Fil (CSV eller Excel)"),
        help_text=_("CSV (UTF-8 eller Windows-1252, ; eller ,) eller XLSX. Højst 20 MB."),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Vælg en fil."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "id": "import-form"}
        self.helper.form_tag = False


class AccessRequestForm(CleanTextForm):
    """A citizen's access request: the storyteller code whose story views to list."""

    code = forms.CharField(
        label=_("Fortællerkode"),
        max_length=20,
        help_text=_("Koden på borgerens fortællinger, fx B-017."),
        error_messages={
            "required": _("Skriv fortællerkoden."),
            "max_length": _("En fortællerkode er højst %(limit_value)d tegn."),
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if not STORYTELLER_CODE_PATTERN.match(code):
            raise forms.ValidationError(
                _("Skriv en kode som B-017: 1-3 store bogstaver, bindestreg og et tal.")
            )
        return code

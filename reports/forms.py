import io
import zipfile

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aktiv.dates import short_date
from aktiv.roles import MANAGER
from aktiv.text import CleanTextForm, CleanTextModelForm
from domains.models import Domain
from stories.models import CollectionRound
from workshops import report_selectors
from workshops.models import Workshop

from . import editions, placeholders
from .models import Edition, EditionText, ReportText

# The organisation's Word template: bounded before it is read (as the story import is).
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
TEMPLATE_MAX_MEMBERS = 300
TEMPLATE_MAX_UNCOMPRESSED = 40 * 1024 * 1024
TEMPLATE_MAX_RATIO = 100  # uncompressed / compressed, for members over 1 MB
WORD_MAIN_TYPES = (b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")


def _helper(label):
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.add_input(Submit("save", label, css_class="btn-lg"))
    return helper


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


class EditionChoiceForm(_GetForm):
    submit_label = _("Vis udgaven")
    form_id = "edition-choice"
    field_name = "edition"

    edition = _IdChoiceField(
        label=_("Rapportudgave"),
        empty_label=_("Den senest udgivne (eller den, der er under udarbejdelse)"),
        error_messages={"invalid_choice": _("Vælg en af udgaverne på listen.")},
    )


def edition_label(edition):
    if edition.is_published:
        state = _("udgivet %(date)s") % {"date": short_date(edition.published_at)}
    else:
        state = str(Edition.Status.DRAFT.label).lower()
    return f"{edition.title} · {short_date(edition.dated)} · {state}"


class EditionChoice:
    """The edition a page shows: ?edition=<id>, else the default (reports.editions).

    One small query: the editions for the choice, the chosen one among them.
    """

    def __init__(self, data):
        self.editions = editions.listing()
        self.edition, _missing = editions.chosen(data.get("edition"), self.editions)
        self.form = EditionChoiceForm(
            data if "edition" in data else None,
            choices=[(e.pk, edition_label(e)) for e in self.editions],
        )
        if self.form.is_bound:
            self.form.is_valid()  # an unknown edition: the message beside the choice

    def query(self):
        """GET parameters that keep this choice on links."""
        return {"edition": self.edition.pk} if self.edition is not None else {}


# --- texts with placeholders ------------------------------------------------------------------


class _PlaceholderTextForm(CleanTextModelForm):
    """A report text: title and body; an unknown placeholder is refused beside the body."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "Adskil afsnit med en tom linje; en linje, der begynder med »• «, bliver et punkt. "
            "Skriv en pladsholder som {deltagere}: den bliver til tallet fra data."
        )
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(
            Submit("preview", _("Vis forhåndsvisning"), css_class="btn-outline-primary btn-lg")
        )
        self.helper.add_input(Submit("save", _("Gem"), css_class="btn-lg"))

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Skriv en overskrift."))
        return title

    def clean_body(self):
        body = self.cleaned_data["body"]
        wrong = placeholders.unknown(body)
        if wrong:
            raise forms.ValidationError(
                _(
                    "Aktiv kender ikke pladsholderen %(names)s. Ret stavningen, eller brug en "
                    "af pladsholderne på listen. Skal der stå en tuborgklamme, så skriv {{ "
                    "eller }}."
                )
                % {"names": ", ".join("{" + name + "}" for name in wrong)}
            )
        return body


class ReportTextForm(_PlaceholderTextForm):
    class Meta:
        model = ReportText
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        error_messages = {"title": {"required": _("Skriv en overskrift.")}}


class EditionTextForm(_PlaceholderTextForm):
    class Meta:
        model = EditionText
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        error_messages = {"title": {"required": _("Skriv en overskrift.")}}


# --- the edition -------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _workshop_label(workshop):
    parts = [
        workshop.title,
        str(workshop.get_kind_display()),
        short_date(workshop.held_on),
        workshop.round.name if workshop.round_id else "",
    ]
    return " · ".join(part for part in parts if part)


def _user_label(user):
    return user.get_full_name() or user.get_username()


class EditionForm(CleanTextModelForm):
    """What an edition is built from: its rounds, its workshops and which of them rank
    the domains (their votes added up), its title, date and who signs the preface."""

    class Meta:
        model = Edition
        fields = [
            "title",
            "dated",
            "rounds",
            "ranking_workshops",
            "workshops",
            "signed_by",
            "signer_title",
        ]
        widgets = {
            "dated": DateInput(),
            "rounds": forms.CheckboxSelectMultiple,
            "workshops": forms.CheckboxSelectMultiple,
            "ranking_workshops": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "ranking_workshops": _(
                "Forandringsområderne ordnes efter stemmerne på disse workshops. Vælger du "
                "flere, lægges deres stemmer sammen pr. forandringsområde. Øvelser og åbne "
                "workshops kan ikke vælges."
            ),
            "workshops": _(
                "Citater, antal grupper og udvalgte fortællinger i rapporten kommer kun fra "
                "udgavens workshops: dem, der ordner forandringsområderne, og dem, du vælger her "
                "(fx analyseworkshops med medarbejdere og samarbejdspartnere)."
            ),
            "signed_by": _(
                "Lederen, der skriver under på forordet. Hun eller han kan rette teksterne og "
                "udgive udgaven."
            ),
            "signer_title": _("Fx Leder Aalborg AKTIV og Aalborg FRI-TID."),
        }
        error_messages = {
            "title": {"required": _("Skriv en titel.")},
            "dated": {
                "required": _("Skriv datoen."),
                "invalid": _("Skriv datoen som dd.mm.åååå, fx 01.06.2021."),
            },
            "rounds": {
                "required": _("Vælg mindst én indsamlingsrunde."),
                "invalid_choice": _("Vælg runderne på listen."),
            },
            "ranking_workshops": {"invalid_choice": _("Vælg workshops på listen.")},
            "workshops": {"invalid_choice": _("Vælg workshops på listen.")},
            "signed_by": {"invalid_choice": _("Vælg en af lederne på listen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = list(report_selectors.rounds())
        self.fields["rounds"].queryset = CollectionRound.objects.filter(
            pk__in=[r.pk for r in rounds]
        ).order_by("-starts_on", "-id")
        candidates = report_selectors.candidate_workshops([r.pk for r in rounds])
        if self.instance.pk:  # keep what the edition already uses on the list
            used = list(self.instance.workshops.all()) + list(self.instance.ranking_workshops.all())
            known = {w.pk for w in candidates}
            candidates += [w for w in used if w.pk not in known]
        queryset = Workshop.objects.filter(pk__in=[w.pk for w in candidates]).select_related(
            "round"
        )
        for name in ("ranking_workshops", "workshops"):
            self.fields[name].queryset = queryset.order_by("-held_on", "-id")
            self.fields[name].label_from_instance = _workshop_label
            self.fields[name].required = False
        managers = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=MANAGER)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["signed_by"].queryset = managers.distinct()
        self.fields["signed_by"].label_from_instance = _user_label
        self.fields["signed_by"].empty_label = _("Vælg lederen")
        self.fields["signed_by"].required = False
        self.candidates = candidates
        self.helper = _helper(_("Gem udgaven"))

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Skriv en titel."))
        return title

    def clean(self):
        data = super().clean()
        rounds = {r.pk for r in data.get("rounds") or []}
        if not rounds:
            return data
        for name in ("ranking_workshops", "workshops"):
            outside = [w.title for w in data.get(name) or [] if w.round_id not in rounds]
            if outside:
                self.add_error(
                    name,
                    _("%(titles)s hører ikke til de valgte indsamlingsrunder.")
                    % {"titles": ", ".join(f"»{t}«" for t in outside)},
                )
        return data


def new_edition_initial(round_=None):
    """What a new edition starts from: the newest round (or `round_`), its closed citizens'
    workshops' newest one ranking the domains, and its other closed workshops."""
    round_ = round_ or report_selectors.latest_round()
    initial = {"dated": timezone.localdate(), "title": str(_("Læringsrapport"))}
    if round_ is None:
        return initial, []
    candidates = report_selectors.candidate_workshops([round_.pk])
    citizens = [w for w in candidates if w.kind == Workshop.Kind.CITIZENS]
    initial.update(
        title=f"{_('Læringsrapport')} {round_.name}",
        rounds=[round_.pk],
        ranking_workshops=[citizens[0].pk] if citizens else [],
        workshops=[w.pk for w in candidates if w.kind != Workshop.Kind.CITIZENS],
    )
    return initial, citizens


# --- the organisation's Word template ------------------------------------------------------------


class WordTemplateForm(CleanTextForm):
    file = forms.FileField(
        label=_("Word-skabelon (.dotx eller .docx)"),
        help_text=_(
            "Højst 5 MB. Rapportens Word-fil får skabelonens typografier, sidehoved, sidefod "
            "og logo."
        ),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Vælg en fil."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Brug skabelonen"))
        self.helper.attrs["enctype"] = "multipart/form-data"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        unreadable = _(
            "Filen kan ikke læses som en Word-skabelon. Gem den i Word som "
            "»Word-skabelon (*.dotx)« eller »Word-dokument (*.docx)«, og prøv igen."
        )
        if upload.size > TEMPLATE_MAX_BYTES:
            raise forms.ValidationError(_("Filen er for stor: højst 5 MB."))
        content = upload.read(TEMPLATE_MAX_BYTES + 1)
        if len(content) > TEMPLATE_MAX_BYTES:
            raise forms.ValidationError(_("Filen er for stor: højst 5 MB."))
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise forms.ValidationError(unreadable) from exc
        with archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if (
                len(members) > TEMPLATE_MAX_MEMBERS
                or total > TEMPLATE_MAX_UNCOMPRESSED
                or any(
                    m.file_size / max(m.compress_size, 1) > TEMPLATE_MAX_RATIO
                    for m in members
                    if m.file_size > 1024 * 1024
                )
            ):
                raise forms.ValidationError(unreadable)
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise forms.ValidationError(unreadable)
            try:
                types = archive.read("[Content_Types].xml")
                for member in members:
                    if member.filename.endswith((".xml", ".rels")):
                        with archive.open(member) as part:
                            start = part.read(2048)
                        if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                            raise forms.ValidationError(unreadable)
            except (zipfile.BadZipFile, KeyError, OSError) as exc:
                raise forms.ValidationError(unreadable) from exc
        if not any(kind in types for kind in WORD_MAIN_TYPES):
            raise forms.ValidationError(unreadable)
        from docx import Document

        from .word import as_document

        try:
            Document(io.BytesIO(as_document(content)))
        except Exception as exc:  # python-docx raises many kinds; never a 500
            raise forms.ValidationError(unreadable) from exc
        return content


# --- a domain's texts, written beside the analysis answers ------------------------------------


class DomainTextsForm(CleanTextModelForm):
    class Meta:
        model = Domain
        fields = ["what_changes", "what_creates_change"]
        widgets = {
            "what_changes": forms.Textarea(attrs={"rows": 16}),
            "what_creates_change": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args, learn_label="", **kwargs):
        super().__init__(*args, **kwargs)
        if learn_label:
            self.fields["what_creates_change"].label = learn_label
        self.helper = _helper(_("Gem teksterne"))

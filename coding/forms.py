from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextForm, CleanTextModelForm
from domains.models import Domain

from .models import MEMO_MAX, PASSAGE_MAX, Code

CODING_CHOICE_ERRORS = {
    "invalid_choice": _("Vælg blandt forandringsområderne på listen."),
    "invalid_pk_value": _("Vælg blandt forandringsområderne på listen."),
}


class CodeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.domain.name} › {obj.name}"


def _helper(submit_name, label):
    helper = FormHelper()
    helper.attrs = {"novalidate": ""}
    helper.form_tag = False
    helper.add_input(Submit(submit_name, label))
    return helper


class _CodingFields(CleanTextForm):
    """Domains, sub-codes and the quote mark of an excerpt."""

    domains = forms.ModelMultipleChoiceField(
        label=_("Forandringsområder"),
        queryset=Domain.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CODING_CHOICE_ERRORS,
    )
    codes = CodeChoiceField(
        label=_("Underkoder"),
        queryset=Code.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("En underkode koder også uddraget til sit forandringsområde."),
        error_messages=CODING_CHOICE_ERRORS,
    )
    quote_candidate = forms.BooleanField(
        label=_("Kandidat til citat"),
        required=False,
        help_text=_(
            "Kan vises på forandringsområdets side og i rapporten, kun når fortælleren har "
            "givet samtykke til rapporten."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = Domain.objects.active().order_by("order", "name")
        self.fields["codes"].queryset = Code.objects.select_related("domain").order_by(
            "domain__order", "domain__name", "name"
        )
        if not self.fields["codes"].queryset.exists():
            del self.fields["codes"]

    def clean(self):
        data = super().clean()
        if not data.get("domains") and not data.get("codes") and "domains" not in self.errors:
            self.add_error("domains", _("Vælg mindst ét forandringsområde eller en underkode."))
        return data


class ExcerptForm(_CodingFields):
    """A new excerpt: the passage typed or pasted, or given by its character positions."""

    passage = forms.CharField(
        label=_("Passagen"),
        required=False,
        max_length=PASSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Skriv eller indsæt passagen præcis som i fortællingen. Med JavaScript kan du "
            "også markere den i teksten ovenfor."
        ),
        error_messages={"max_length": _("Passagen må højst være %(limit_value)d tegn.")},
    )
    start = forms.IntegerField(
        label=_("Fra tegn nr."),
        required=False,
        min_value=0,
        help_text=_("Valgfrit. Tegn tælles fra 0."),
        error_messages={
            "invalid": _("Skriv et helt tal."),
            "min_value": _("Tallet må ikke være negativt."),
        },
    )
    end = forms.IntegerField(
        label=_("Til tegn nr."),
        required=False,
        min_value=1,
        help_text=_("Valgfrit, sammen med »Fra tegn nr.«, når passagen ikke er skrevet."),
        error_messages={
            "invalid": _("Skriv et helt tal."),
            "min_value": _("Tallet skal være mindst 1."),
        },
    )

    field_order = ["passage", "start", "end", "domains", "codes", "quote_candidate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("add_excerpt", _("Gem uddraget"))

    def clean(self):
        data = super().clean()
        passage = data.get("passage") or ""
        if passage and not passage.strip():
            passage = data["passage"] = ""
        start, end = data.get("start"), data.get("end")
        if not passage and "passage" not in self.errors:
            if start is None or end is None:
                self.add_error(
                    "passage",
                    _("Skriv passagen, eller angiv både fra og til tegn nr."),
                )
            elif end <= start:
                self.add_error("end", _("»Til tegn nr.« skal være større end »Fra tegn nr.«."))
            elif end - start > PASSAGE_MAX:
                self.add_error(
                    "end",
                    _("Et uddrag må højst være %(limit)d tegn.") % {"limit": PASSAGE_MAX},
                )
        return data


class ExcerptEditForm(_CodingFields):
    passage = forms.CharField(
        label=_("Passagen"),
        max_length=PASSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ret passagen for at flytte uddraget; den skal stå præcis sådan i teksten."),
        error_messages={
            "required": _("Skriv passagen."),
            "max_length": _("Passagen må højst være %(limit_value)d tegn."),
        },
    )

    field_order = ["passage", "domains", "codes", "quote_candidate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("save", _("Gem ændringerne"))


class CodeForm(CleanTextModelForm):
    class Meta:
        model = Code
        fields = ["name", "description"]
        labels = {"name": _("Navn"), "description": _("Beskrivelse")}
        help_texts = {"description": _("Hvornår bruges koden? Gerne med et eksempel.")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": _("Skriv underkodens navn.")}}

    def __init__(self, *args, domain=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domain = domain or getattr(self.instance, "domain", None)
        self.helper = _helper("save_code", _("Gem underkoden"))

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise forms.ValidationError(_("Skriv underkodens navn."))
        taken = Code.objects.filter(domain=self.domain, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Forandringsområdet har allerede en underkode med det navn.")
            )
        return name


class MemoForm(CleanTextForm):
    text = forms.CharField(
        label=_("Memo"),
        required=False,
        max_length=MEMO_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dine analysenoter. Kommer med i REFI-QDA-eksporten som note."),
        error_messages={"max_length": _("Memoet må højst være %(limit_value)d tegn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("save_memo", _("Gem memoet"))


class CodebookImportForm(CleanTextForm):
    file = forms.FileField(
        label=_("Kodebog (.qdc)"),
        help_text=_(
            "En REFI-QDA-kodebog fra fx NVivo, ATLAS.ti, MAXQDA eller QualCoder. Koder på "
            "øverste niveau skal hedde som et forandringsområde; koderne under dem bliver "
            "underkoder. Højst 2 MB."
        ),
        error_messages={
            "required": _("Vælg en fil."),
            "empty": _("Filen er tom."),
            "invalid": _("Vælg en fil."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".qdc,.xml,application/xml"
        self.helper = _helper("import", _("Læs kodebogen ind"))

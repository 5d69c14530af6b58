from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout, Submit
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from aktiv.text import CleanTextModelForm

from .models import Domain
from .readability import EASY_READ_LIMIT, lix


class DomainForm(CleanTextModelForm):
    class Meta:
        model = Domain
        fields = [
            "name",
            "slug",
            "statement",
            "easy_statement",
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
            "slug": {"unique": _("Der findes allerede et forandringsområde med det korte navn.")},
            "name": {"required": _("Skriv forandringsområdets navn.")},
            "statement": {"required": _("Skriv udsagnet i første person.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name",
            "slug",
            "statement",
            "easy_statement",
            HTML(self._lix_output()),
            "what_changes",
            "what_creates_change",
            "order",
            "is_active",
            "icon",
        )
        self.helper.add_input(Submit("save", _("Gem"), css_class="btn-lg"))

    def easy_statement_lix(self):
        """The LIX of the easy-read statement as the form holds it (typed or saved)."""
        if self.is_bound:
            text = self.data.get(self.add_prefix("easy_statement"), "")
        else:
            text = self.initial.get("easy_statement") or self.instance.easy_statement
        return lix(text)

    def _lix_output(self):
        """A live region beside the field; static/domains/lix.js updates it while typing."""
        value = self.easy_statement_lix()
        if value is None:
            text = _("LIX vises, når du skriver udsagnet i let dansk.")
        else:
            text = lix_sentence(value)
        return format_html(
            '<p class="form-text" aria-live="polite"><output id="easy-statement-lix" '
            'for="id_easy_statement" data-lix-for="id_easy_statement" data-lix-text="{}" '
            'data-lix-limit="{}" data-lix-over="{}" data-lix-empty="{}">{}</output></p>',
            _("LIX for udsagnet i let dansk: {n} (sigt efter 25 eller lavere)."),
            EASY_READ_LIMIT,
            _("Brug kortere ord og kortere sætninger."),
            _("LIX vises, når du skriver udsagnet i let dansk."),
            text,
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Skriv forandringsområdets navn."))
        return name


def lix_sentence(value):
    """ "LIX for udsagnet i let dansk: 18 (...)", with advice when it is over the limit."""
    text = _("LIX for udsagnet i let dansk: %(n)s (sigt efter 25 eller lavere).") % {"n": value}
    if value > EASY_READ_LIMIT:
        text += " " + _("Brug kortere ord og kortere sætninger.")
    return text

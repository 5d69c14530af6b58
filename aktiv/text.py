"""The one rule set for free text, used by every app (aktiv is the lowest layer).

Reading (what a person types into a form, the admin or an import file):
- `normalise`: Unicode NFC; line breaks \\r\\n and \\r become \\n.
- control characters other than tab and newline are refused with a message beside the
  field, never dropped silently (`control_problem`);
- CPR numbers are refused (`find_cpr`): DDMMYY and four digits, with any dash, space or
  nothing between, after any prefix ("CPR-", "cpr nr."), when DDMMYY is a real date.

Forms get the rule through `CleanTextMixin` (every form of the project) and
`CleanTextField` (what the mixin turns each plain text field into); the importer calls
`check` on every cell.

Writing (CSV, XLSX, Word): `xml_text` keeps only the characters XML 1.0 allows (XLSX and
DOCX are XML), replacing the others with U+FFFD; `spreadsheet_cell` does that and then
neutralises a formula on the *final* text, so removing a character can never expose one.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- reading ---------------------------------------------------------------------------

# Cc (C0, DEL, C1) except tab and newline.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What may stand between DDMMYY and the four digits: nothing, or up to three of: spaces
# (any Unicode space), dashes of every kind (hyphen-minus, Unicode dashes, minus sign,
# small and fullwidth hyphen-minus), and invisible characters (soft hyphen, zero widths).
_SEPARATORS = (
    r"\s\-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u200b-\u200d\u2060\ufeff\u02d7\u2043"
)
# \d is any Unicode digit (fullwidth digits too); int() reads them all. A digit may not
# come right before or after, so longer numbers (account numbers, EANs) do not match.
CPR_RE = re.compile(rf"(?<!\d)(\d\d)(\d\d)(\d\d)[{_SEPARATORS}]{{0,3}}(\d{{4}})(?!\d)")

CONTROL_MESSAGE = _(
    "Teksten indeholder et usynligt styretegn (tegn nr. %(position)d), som ikke kan gemmes. "
    "Det kommer ofte med, når man kopierer fra et andet program. Slet tegnet, eller skriv "
    "teksten igen."
)
CPR_MESSAGE = _(
    "Teksten ser ud til at indeholde et CPR-nummer (%(match)s). Fjern det: skriv aldrig "
    "CPR-numre i Aktiv."
)


def normalise(value):
    """NFC, and every line break as \\n. Anything that is not a string is left alone."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", value)


def control_position(value):
    """1-based position of the first refused control character, or None."""
    match = CONTROL_RE.search(value or "")
    return match.start() + 1 if match else None


def _real_date(day, month, year):
    for century in (1900, 2000):
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def find_cpr(text):
    """The first CPR-shaped number whose first six digits are a date, or None."""
    if not text:
        return None
    for match in CPR_RE.finditer(text):
        day, month, year = (int(g) for g in match.groups()[:3])
        if _real_date(day, month, year):
            return match.group(0)
    return None


def masked(found):
    """The shape of a found number without its digits (never shown back in full)."""
    return re.sub(r"\d", "x", found)


def problems(value):
    """[ValidationError] for a normalised text: a control character, a CPR number."""
    errors = []
    position = control_position(value)
    if position:
        errors.append(
            ValidationError(
                CONTROL_MESSAGE, code="control_character", params={"position": position}
            )
        )
    found = find_cpr(value)
    if found:
        errors.append(ValidationError(CPR_MESSAGE, code="cpr", params={"match": masked(found)}))
    return errors


def check(value):
    """Normalise `value` and raise ValidationError (every problem) or return it."""
    value = normalise(value)
    errors = problems(value)
    if errors:
        raise ValidationError(errors)
    return value


def validate_text(value):
    """A validator: the value breaks no rule (call on a normalised value)."""
    errors = problems(value)
    if errors:
        raise ValidationError(errors)


class CleanTextField(forms.CharField):
    """A CharField that normalises and refuses control characters *before* stripping
    (str.strip would otherwise drop \\x1f or \\x85 silently) and refuses CPR numbers."""

    def to_python(self, value):
        if isinstance(value, str):
            value = normalise(value)
            position = control_position(value)
            if position:
                raise ValidationError(
                    CONTROL_MESSAGE, code="control_character", params={"position": position}
                )
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        found = find_cpr(value)
        if found:
            raise ValidationError(CPR_MESSAGE, code="cpr", params={"match": masked(found)})


def is_typed_text(field):
    """A text field a person types into: passwords are left as typed, JSON is no text."""
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field, forms.JSONField)
        and not isinstance(field.widget, forms.PasswordInput)
    )


def clean_text_fields(fields):
    """Every text field of a form follows the rule (in place): a plain CharField becomes a
    CleanTextField; a field of its own kind (a username, an e-mail address) keeps its
    class and gets the rule as a validator."""
    for field in fields.values():
        if not is_typed_text(field) or isinstance(field, CleanTextField):
            continue
        if type(field) is forms.CharField:
            field.__class__ = CleanTextField
        elif validate_text not in field.validators:
            field.validators.append(validate_text)
    return fields


def follows_the_rule(field):
    """For tests: the field is cleaned by the rule."""
    return isinstance(field, CleanTextField) or validate_text in field.validators


class CleanTextMixin:
    """Every form of the project: its plain text fields follow the rule set above.

    The fields are converted when the form is cleaned, so fields a form adds in its own
    __init__ (one per group, say) are covered too.
    """

    def full_clean(self):
        clean_text_fields(self.fields)
        super().full_clean()


class CleanTextForm(CleanTextMixin, forms.Form):
    pass


class CleanTextModelForm(CleanTextMixin, forms.ModelForm):
    pass


# --- writing ---------------------------------------------------------------------------

# Characters XML 1.0 does not allow (and so neither XLSX nor DOCX): C0 except tab, LF and
# CR; lone surrogates; U+FFFE and U+FFFF. DEL and C1 are allowed but invisible: replaced too.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"

# A cell a spreadsheet may run as a formula starts with one of these (fullwidth forms
# too: some spreadsheets read them as the ASCII ones).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def xml_text(value):
    """`value` as text holding only characters XML 1.0 allows (others become U+FFFD)."""
    if value is None:
        return ""
    return _NOT_XML_RE.sub(REPLACEMENT, str(value))


def spreadsheet_cell(value):
    """A safe cell for CSV and XLSX: numbers stay numbers; text gets only characters
    the format allows, and then, on that final text, a leading apostrophe when a
    spreadsheet could read it as a formula (also after leading spaces)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = xml_text(value)
    if text.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS):
        return "'" + text
    return text

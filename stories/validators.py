"""Checks on what staff type about citizens: no CPR numbers, no NUL bytes."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ddmmyy-xxxx or ddmmyyxxxx (also with a space instead of the hyphen), not part of a
# longer number.
CPR_PATTERN = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\d-])")

CPR_MESSAGE = _(
    "Teksten ser ud til at indeholde et CPR-nummer (%(match)s). Fjern det: "
    "skriv aldrig CPR-numre i en fortælling."
)


def _plausible_date(day, month, year):
    for century in (1900, 2000):
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def find_cpr(text):
    """The first CPR-shaped number with a plausible birth date in the text, or None."""
    if not text:
        return None
    for match in CPR_PATTERN.finditer(text):
        day, month, year = (int(g) for g in match.groups()[:3])
        if _plausible_date(day, month, year):
            return match.group(0)
    return None


def validate_no_cpr(value):
    found = find_cpr(value)
    if found:
        # Show only the shape, never the number itself, back to the user.
        masked = re.sub(r"\d", "x", found)
        raise ValidationError(CPR_MESSAGE, code="cpr", params={"match": masked})


def validate_no_nul(value):
    if value and "\x00" in value:
        raise ValidationError(
            _("Teksten indeholder et usynligt NUL-tegn, som ikke kan gemmes. Skriv teksten igen."),
            code="null_characters_not_allowed",
        )


STORYTELLER_CODE_PATTERN = re.compile(r"^[A-ZÆØÅ]{1,3}-\d{1,5}$")

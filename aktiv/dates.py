"""Dates in one style: "21. apr. 2020" in Danish, "21 Apr 2020" in English.

Django's date filter looks up the month's translated name on every call; a list of 50
stories asked for it 50 times. Here the names are plain strings per language. Templates
use the filters of aktiv.templatetags.aktiv_dates (`kort_dato`, `kort_tid`,
`kort_maaned`); no template formats a date itself (tests/aktiv/test_dates.py scans them).
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

# Danish abbreviations end with a full stop, except a month whose name is short already.
DANISH_MONTHS = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."
]  # fmt: skip
ENGLISH_MONTHS = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
]  # fmt: skip


def _language(language):
    return (language or get_language() or "da").split("-")[0]


def _local(value):
    """An aware datetime in the site's time zone (as Django's date filter shows it)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value, language=None):
    """The date (or datetime) as "21. apr. 2020"; "" for None."""
    if not value:
        return ""
    value = _local(value)
    if _language(language) == "en":
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day}. {DANISH_MONTHS[value.month - 1]} {value.year}"


def short_datetime(value, language=None):
    """A moment as "21. apr. 2020 kl. 14.05" ("21 Apr 2020, 14:05"); "" for None."""
    if not value:
        return ""
    value = _local(value)
    if _language(language) == "en":
        return f"{short_date(value, 'en')}, {value:%H:%M}"
    return f"{short_date(value, 'da')} kl. {value:%H.%M}"


def short_month(value, language=None):
    """The month of a date as "apr. 2020" ("Apr 2020"); "" for None."""
    if not value:
        return ""
    if _language(language) == "en":
        return f"{ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{DANISH_MONTHS[value.month - 1]} {value.year}"


# The Danish short date read back (an export imported again): "21. apr. 2020".
_MONTH_NUMBERS = {
    name.rstrip(".").casefold(): number
    for months in (DANISH_MONTHS, ENGLISH_MONTHS)
    for number, name in enumerate(months, start=1)
}


def parse_short_date(text):
    """ "21. apr. 2020" (or "21 Apr 2020") -> date; ValueError when it is not one."""
    parts = text.replace(".", ". ").split()
    if len(parts) != 3:
        raise ValueError(text)
    day, month, year = (part.strip(".").casefold() for part in parts)
    number = _MONTH_NUMBERS.get(month)
    if number is None or not day.isdigit() or not year.isdigit() or len(year) != 4:
        raise ValueError(text)
    return datetime.date(int(year), number, int(day))

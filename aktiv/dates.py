"""Dates in one style: "21. apr. 2020" in Danish, "21 Apr 2020" in English.

Django's date filter looks up the month's translated name on every call; a list of 50
stories asked for it 50 times. Here the names are plain strings per language.
"""

from django.utils.translation import get_language

# Danish abbreviations end with a full stop, except a month whose name is short already.
DANISH_MONTHS = [
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."
]  # fmt: skip
ENGLISH_MONTHS = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
]  # fmt: skip


def short_date(value, language=None):
    """The date (or datetime) as "21. apr. 2020"; "" for None."""
    if not value:
        return ""
    language = (language or get_language() or "da").split("-")[0]
    if language == "en":
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day}. {DANISH_MONTHS[value.month - 1]} {value.year}"

"""Number words and the preface's phrases ("Syv er kommet i job med løntilskud").

Danish (and English) number words for 0-20; larger numbers fall back to digits.
"""

import functools

from django.utils.translation import get_language, gettext, ngettext

DANISH = [
    "nul",
    "én",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
    "tyve",
]
ENGLISH = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def number_word(n, capitalize=False, language=None):
    """0-20 as a word in the current language ("syv"), digits above (or below zero)."""
    language = (language or get_language() or "da").split("-")[0]
    words = ENGLISH if language == "en" else DANISH
    if not isinstance(n, int) or n < 0 or n >= len(words):
        return str(n)
    word = words[n]
    return word[:1].upper() + word[1:] if capitalize else word


@functools.lru_cache(maxsize=8)
def _phrases_in(language):
    return _phrases()


def _phrases():
    # employment type -> (singular, plural); "%(n)s" is the capitalised number word.
    return {
        "wage_subsidy": (
            gettext("%(n)s er kommet i job med løntilskud"),
            gettext("%(n)s er kommet i job med løntilskud"),
        ),
        "voluntary": (
            gettext("%(n)s er i frivilligt arbejde"),
            gettext("%(n)s er i frivilligt arbejde"),
        ),
        "unreferred": (
            gettext("%(n)s er i et uvisiteret tilbud"),
            gettext("%(n)s er i uvisiterede tilbud"),
        ),
        "sheltered_103": (
            gettext("%(n)s er i beskyttet beskæftigelse (§103)"),
            gettext("%(n)s er i beskyttet beskæftigelse (§103)"),
        ),
        "activity_104": (
            gettext("%(n)s er i et aktivitets- og samværstilbud (§104)"),
            gettext("%(n)s er i aktivitets- og samværstilbud (§104)"),
        ),
        "ordinary": (
            gettext("%(n)s er kommet i ordinært job"),
            gettext("%(n)s er kommet i ordinært job"),
        ),
        "education": (
            gettext("%(n)s er i gang med en uddannelse"),
            gettext("%(n)s er i gang med en uddannelse"),
        ),
        "other": (
            gettext("%(n)s er i en anden form for beskæftigelse"),
            gettext("%(n)s er i andre former for beskæftigelse"),
        ),
    }


def employment_phrase(employment, n):
    """The preface bullet for one employment type: "Syv er kommet i job med løntilskud"."""
    phrases = _phrases_in(get_language())
    singular, plural = phrases.get(employment, phrases["other"])
    template = singular if n == 1 else plural
    return template % {"n": number_word(n, capitalize=True)}


def stories_collected_sentence(n):
    """ "Vi har indsamlet i alt 20 forandringsfortællinger." (the report prints digits here)."""
    return ngettext(
        "Vi har indsamlet i alt %(n)s forandringsfortælling.",
        "Vi har indsamlet i alt %(n)s forandringsfortællinger.",
        n,
    ) % {"n": n}


def groups_discussed_sentence(n):
    """ "Tre grupper drøftede dette", "Én gruppe drøftede dette"."""
    return ngettext(
        "%(n)s gruppe drøftede dette",
        "%(n)s grupper drøftede dette",
        n,
    ) % {"n": number_word(n, capitalize=True)}

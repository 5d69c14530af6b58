"""Placeholders in the report's texts: what Aktiv knows, filled in from the data.

A text such as the method section says "Der blev i alt indsamlet
{indsamlede_fortællinger} forandringsfortællinger" and "{Grupper_ord} grupper med i alt
{deltagere} borgere"; the report shows the numbers of its edition. The rules:

- `{navn}` is a placeholder; the names are in PLACEHOLDERS (Danish, as the texts are).
- A number also comes as a word: `{grupper_ord}` gives "tre" (0-20; digits above).
- A name written with a capital first letter gives a capital first letter:
  `{Grupper_ord}` gives "Tre", `{Borgerworkshops_tid}` "Foråret 2021".
- `{{` and `}}` are a literal brace.
- An unknown name is refused beside the field when the text is saved (`unknown`), so a
  typo never reaches the report; `fill` leaves an unknown name as it was typed.

The values are Danish whatever the language of the page: the texts are Danish.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from aktiv.dates import short_date

from . import wording

TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}\n]{0,80})\}")
WORD_SUFFIX = "_ord"
MISSING = "–"

# Employment type -> the word after "beskæftigelse_" in its placeholder.
EMPLOYMENT_KEYS = {
    "wage_subsidy": "løntilskud",
    "voluntary": "frivilligt",
    "unreferred": "uvisiteret",
    "sheltered_103": "beskyttet",
    "activity_104": "samvær",
    "ordinary": "ordinært",
    "education": "uddannelse",
    "other": "andet",
}

# name -> (what it is, is a number)
PLACEHOLDERS = {
    "fortællinger": (_("fortællinger med samtykke til rapporten i udgavens runder"), True),
    "indsamlede_fortællinger": (
        _("alle klare fortællinger i runderne, også dem uden samtykke til rapporten"),
        True,
    ),
    "fortællere": (_("fortællere bag fortællingerne med samtykke til rapporten"), True),
    **{
        f"beskæftigelse_{key}": (
            _("fortællinger med samtykke til rapporten fra borgere i: %(kind)s"),
            True,
        )
        for key in EMPLOYMENT_KEYS.values()
    },
    "workshops": (_("udgavens workshops i alt"), True),
    "borgerworkshops": (_("workshops, hvis stemmer ordner forandringsområderne"), True),
    "borgerworkshops_tekst": (_("»en analyseworkshop«, »to analyseworkshops« …"), False),
    "borgerworkshops_tid": (_("årstid og år for dem, fx »foråret 2021«"), False),
    "borgerworkshops_dato": (_("deres datoer"), False),
    "analyseworkshops": (_("udgavens øvrige workshops (medarbejdere, partnere)"), True),
    "analyseworkshops_tekst": (_("»en analyseworkshop«, »to analyseworkshops« …"), False),
    "analyseworkshops_tid": (_("årstid og år for dem, fx »efteråret 2020«"), False),
    "deltagere": (
        _("deltagere (stemmesedler) i de workshops, der ordner forandringsområderne"),
        True,
    ),
    "grupper": (_("grupper, der stemte, i de workshops"), True),
    "stemmer": (_("stemmer i alt i de workshops"), True),
    "stemmer_pr_deltager": (_("stemmer pr. deltager"), True),
    "domæner": (_("forandringsområder på stemmesedlen"), True),
    "ikke_prioriterede": (_("forandringsområder, som ingen stemte på"), True),
    "ikke_prioriteret": (_("sætningen om de forandringsområder, som ingen stemte på"), False),
    "runde": (_("udgavens indsamlingsrunder"), False),
    "dato": (_("udgavens dato"), False),
    "år": (_("udgavens år"), False),
    "underskriver": (_("navnet på den, der underskriver forordet"), False),
    "underskriver_titel": (_("underskriverens titel"), False),
    "organisation": (_("organisationens navn"), False),
}

EMPLOYMENT_LABELS = {
    "løntilskud": "job med løntilskud",
    "frivilligt": "frivilligt arbejde",
    "uvisiteret": "uvisiterede tilbud",
    "beskyttet": "beskyttet beskæftigelse (§103)",
    "samvær": "aktivitets- og samværstilbud (§104)",
    "ordinært": "ordinært job",
    "uddannelse": "uddannelse",
    "andet": "andet",
}


def _base(name):
    """The catalogue name a written name refers to: first letter lower, no _ord."""
    key = name[:1].lower() + name[1:]
    if key.endswith(WORD_SUFFIX) and PLACEHOLDERS.get(key[: -len(WORD_SUFFIX)], ("", False))[1]:
        return key[: -len(WORD_SUFFIX)]
    return key


def is_known(name):
    return _base(name) in PLACEHOLDERS


def unknown(text):
    """The placeholder names in `text` that are not known, in order, each once."""
    found = []
    for match in TOKEN_RE.finditer(text or ""):
        name = match.group(1)
        if name is not None and not is_known(name) and name not in found:
            found.append(name)
    return found


def fill(text, values):
    """`text` with every known placeholder replaced by its value (see the module)."""

    def replace(match):
        written = match.group(0)
        if written in ("{{", "}}"):
            return written[0]
        name = match.group(1)
        if not is_known(name):
            return written
        key = name[:1].lower() + name[1:]
        value = values.get(key)
        if value is None:
            value = values.get(_base(name), MISSING)
        value = str(value)
        if name[:1].isupper():
            value = value[:1].upper() + value[1:]
        return value

    return TOKEN_RE.sub(replace, text or "")


def catalogue():
    """[(name, description, has a word form)] for the editor's list."""
    rows = []
    for name, (description, number) in PLACEHOLDERS.items():
        if name.startswith("beskæftigelse_"):
            description = description % {"kind": EMPLOYMENT_LABELS[name.split("_", 1)[1]]}
        rows.append((name, str(description), number))
    return rows


# --- the values ---------------------------------------------------------------------------

SEASONS = {
    12: "vinteren", 1: "vinteren", 2: "vinteren",
    3: "foråret", 4: "foråret", 5: "foråret",
    6: "sommeren", 7: "sommeren", 8: "sommeren",
    9: "efteråret", 10: "efteråret", 11: "efteråret",
}  # fmt: skip


def season(day):
    """ "foråret 2021"; a winter spans two years: "vinteren 2020–21"."""
    name = SEASONS[day.month]
    if name != "vinteren":
        return f"{name} {day.year}"
    start = day.year if day.month == 12 else day.year - 1
    return f"{name} {start}–{str(start + 1)[-2:]}"


def period(days):
    """The season of the dates, or "perioden foråret 2021–efteråret 2021"; "–" without."""
    days = sorted(days)
    if not days:
        return MISSING
    first, last = season(days[0]), season(days[-1])
    return first if first == last else f"perioden {first}–{last}"


def and_list(items):
    """ "a", "a og b", "a, b og c"."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def not_prioritised_sentence(n, ranked):
    if not ranked:
        return "Domænerne er ikke prioriteret endnu."
    if n == 0:
        return "Alle domæner blev prioriteret af mindst én gruppe."
    if n == 1:
        return "Et enkelt domæne blev ikke prioriteret af nogen grupper og derfor ikke drøftet."
    return (
        f"{wording.number_word(n, capitalize=True, language='da')} domæner blev ikke "
        "prioriteret af nogen grupper og derfor ikke drøftet."
    )


def workshops_phrase(n):
    """ "en analyseworkshop", "to analyseworkshops"."""
    if n == 1:
        return "en analyseworkshop"
    return f"{wording.number_word(n, language='da')} analyseworkshops"


@dataclass
class Facts:
    """What Aktiv knows about an edition, as plain values (reports.builder fills it)."""

    stories: int = 0
    collected: int = 0
    storytellers: int = 0
    employment: dict = field(default_factory=dict)  # employment type -> stories
    rounds: list = field(default_factory=list)  # names
    workshops: int = 0
    ranking_dates: list = field(default_factory=list)
    analysis_dates: list = field(default_factory=list)
    participants: int = 0
    groups: int = 0
    votes: int = 0
    votes_per_participant: int = 0
    domains: int = 0
    not_prioritised: int = 0
    ranked: bool = False
    dated: object = None
    signer: str = ""
    signer_title: str = ""
    organisation: str = ""


def values(facts):
    """{placeholder name (and name_ord): value} for `facts`."""
    numbers = {
        "fortællinger": facts.stories,
        "indsamlede_fortællinger": facts.collected,
        "fortællere": facts.storytellers,
        **{
            f"beskæftigelse_{key}": facts.employment.get(kind, 0)
            for kind, key in EMPLOYMENT_KEYS.items()
        },
        "workshops": facts.workshops,
        "borgerworkshops": len(facts.ranking_dates),
        "analyseworkshops": len(facts.analysis_dates),
        "deltagere": facts.participants,
        "grupper": facts.groups,
        "stemmer": facts.votes,
        "stemmer_pr_deltager": facts.votes_per_participant,
        "domæner": facts.domains,
        "ikke_prioriterede": facts.not_prioritised,
    }
    result = {}
    for name, n in numbers.items():
        result[name] = str(n)
        result[name + WORD_SUFFIX] = wording.number_word(n, language="da")
    result.update(
        {
            "borgerworkshops_tekst": workshops_phrase(len(facts.ranking_dates)),
            "borgerworkshops_tid": period(facts.ranking_dates),
            "borgerworkshops_dato": and_list(
                short_date(d, "da") for d in sorted(facts.ranking_dates)
            )
            or MISSING,
            "analyseworkshops_tekst": workshops_phrase(len(facts.analysis_dates)),
            "analyseworkshops_tid": period(facts.analysis_dates),
            "ikke_prioriteret": not_prioritised_sentence(facts.not_prioritised, facts.ranked),
            "runde": and_list(facts.rounds) or MISSING,
            "dato": short_date(facts.dated, "da") or MISSING,
            "år": str(facts.dated.year) if facts.dated else MISSING,
            "underskriver": facts.signer or MISSING,
            "underskriver_titel": facts.signer_title or MISSING,
            "organisation": facts.organisation or MISSING,
        }
    )
    return result

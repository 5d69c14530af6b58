"""The rules a story must keep, in one place: the story form and the importer both ask
these, so a file cannot bring in what the form refuses.

Each rule takes the cleaned values of one story ({field: value}, dates as dates) and
returns {field: [message]}. The rules that need no clock or other rows are also
CheckConstraints on Story (stories migration 0008), so not even psql can break them.
"""

from django.utils.translation import gettext as _

from .models import Story

# Text fields and their limits (characters).
TEXT_LIMITS = {"title": 200, "text": 50_000, "significance": 20_000}


def _add(problems, field, message):
    problems.setdefault(field, []).append(message)


def date_problems(values, today):
    """Dates: none in the future; read back to the storyteller on or after collection."""
    problems = {}
    collected_on = values.get("collected_on")
    read_back_on = values.get("read_back_on")
    if collected_on and collected_on > today:
        _add(problems, "collected_on", _("Datoen for indsamlingen kan ikke ligge i fremtiden."))
    if read_back_on and read_back_on > today:
        _add(problems, "read_back_on", _("Datoen kan ikke ligge i fremtiden."))
    elif read_back_on and collected_on and read_back_on < collected_on:
        _add(
            problems,
            "read_back_on",
            _("Fortællingen kan ikke være læst op, før den blev indsamlet."),
        )
    for scope in Story.CONSENT_SCOPES:
        given_on = values.get(f"consent_{scope}_on")
        if given_on and given_on > today:
            _add(
                problems,
                f"consent_{scope}_on",
                _("Datoen for samtykket kan ikke ligge i fremtiden."),
            )
    return problems


def ready_problems(values, domains):
    """A ready story (one workshops and the report may use) has at least one domain.
    `domains` is None when they are not known (the field had an error of its own)."""
    if values.get("status") == Story.Status.READY and domains is not None and not domains:
        return {
            "domains": [
                _(
                    "Vælg mindst ét forandringsområde, før fortællingen kan være klar "
                    "(eller gem den som kladde)."
                )
            ]
        }
    return {}


def story_problems(values, domains, today):
    """Every rule that spans more than one field: {field: [message]}."""
    problems = date_problems(values, today)
    for field, messages in ready_problems(values, domains).items():
        problems.setdefault(field, []).extend(messages)
    return problems

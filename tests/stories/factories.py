"""Small builders for stories in tests."""

import datetime
import itertools

from domains.models import Domain
from stories.models import CollectionRound, Story

_n = itertools.count(1)


def make_round(name=None, **kwargs):
    return CollectionRound.objects.create(name=name or f"Runde {next(_n)}", **kwargs)


def make_story(*, domains=("glaede",), consent=(), user=None, **fields):
    """A story; `consent` is a tuple of scopes ("analysis", "report", "publish")."""
    values = {
        "title": f"Fortælling {next(_n)}",
        "text": "Jeg har fået et arbejde, hvor jeg bliver mødt.",
        "significance": "Det betyder meget for mig.",
        "employment_type": Story.Employment.WAGE_SUBSIDY,
        "collected_on": datetime.date(2020, 5, 1),
        "status": Story.Status.READY,
        "collected_by": user,
    }
    values.update(fields)
    for scope in consent:
        values[f"consent_{scope}_on"] = datetime.date(2020, 5, 2)
        values[f"consent_{scope}_by"] = user
    story = Story.objects.create(**values)
    if domains:
        story.domains.set(Domain.objects.filter(slug__in=domains))
    return story


def form_data(**changes):
    """POST data for the story form; None removes a key."""
    data = {
        "title": "Jeg har fået mod på nye ting",
        "text": "Jeg arbejder nu i et køkken og laver mad til mange.",
        "significance": "Jeg tør mere end før.",
        "told_by": "citizen",
        "storyteller_code": "B-101",
        "employment_type": "wage_subsidy",
        "round": "",
        "collected_on": "2021-03-04",
        "collected_by": "",
        "method": "interview",
        "read_back_on": "",
        "domains": [str(Domain.objects.get(slug="glaede").pk)],
        "status": "ready",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}

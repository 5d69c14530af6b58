"""Data for the domain overview (/domains/) and the domain summaries (/domains/<slug>/).

Pages that combine apps live in `reports`: stories are read through `stories.selectors`
(consent applied per reader), workshops through `workshops.selectors` and
`workshops.report_selectors`. A fixed number of queries whatever the data size.
"""

import functools
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from aktiv.charts import bar_chart
from aktiv.roles import FACILITATOR, STAFF, has_role
from domains.models import Domain
from stories import selectors as story_selectors
from stories.models import Story
from workshops import report_selectors
from workshops.models import Workshop
from workshops.selectors import ranking as workshop_ranking
from workshops.selectors import rankings as workshop_rankings

FEW_STORIES = 3
# What the overview shows of a domain (not its long texts).
DOMAIN_SUMMARY_FIELDS = ("id", "name", "slug", "statement", "order", "is_active", "icon")


def story_url(story_id):
    """A story's page: /stories/<id>/ (a stable URL; reversed once, not per story)."""
    return f"{_stories_url()}{story_id}/"


@functools.cache
def _stories_url():
    return reverse("stories:list")


def may_open_stories(user):
    """Staff read every story; facilitators those with analysis consent (their summaries
    list only those). Managers read report-consented stories in the report itself."""
    return has_role(user, STAFF, FACILITATOR)


@dataclass
class OverviewRow:
    domain: Domain
    result: object = None
    stories: int = 0
    comparisons: list = field(default_factory=list)  # [DomainResult or None] per comparison


def ordered(domains, ranking):
    by_id = {d.pk: d for d in domains}
    rows, seen = [], set()
    if ranking is not None:
        for result in ranking.results:
            if result.domain.pk in by_id:
                rows.append((by_id[result.domain.pk], result))
                seen.add(result.domain.pk)
    rows += [(d, None) for d in domains if d.pk not in seen]
    return rows


def overview(user, round, workshop):
    """Everything /domains/ shows, in a fixed number of small queries (counts come from
    the tallies PostgreSQL keeps, see stories.tallies and workshops.tallies)."""
    domains = list(Domain.objects.only(*DOMAIN_SUMMARY_FIELDS))
    others = report_selectors.latest_closed_of_kind(
        round, (Workshop.Kind.STAFF, Workshop.Kind.PARTNERS)
    )
    compared = [
        other
        for other in (others.get(kind) for kind in (Workshop.Kind.STAFF, Workshop.Kind.PARTNERS))
        if other is not None and (workshop is None or other.pk != workshop.pk)
    ]
    ranked = workshop_rankings(([workshop] if workshop is not None else []) + compared)
    ranking = ranked.pop(0) if workshop is not None else None
    comparisons = ranked
    audience = story_selectors.audience_for(user)
    cross = story_selectors.domain_employment_table(audience, round)
    story_counts = {}
    for (domain_id, _employment), n in cross.items():
        story_counts[domain_id] = story_counts.get(domain_id, 0) + n
    pairs = story_selectors.cooccurrence(audience, round)
    feedback = story_selectors.feedback_counts(audience, round)

    rows = []
    for domain, result in ordered(domains, ranking):
        rows.append(
            OverviewRow(
                domain=domain,
                result=result,
                stories=story_counts.get(domain.pk, 0),
                comparisons=[c.rank_of(domain.pk) for c in comparisons],
            )
        )
    employment_columns = [
        (value, label)
        for value, label in Story.Employment.choices
        if any(key[1] == value for key in cross)
    ]
    cross_rows = [
        {
            "domain": row.domain,
            "cells": [cross.get((row.domain.pk, value), 0) for value, _label in employment_columns],
            "total": row.stories,
        }
        for row in rows
    ]
    column_totals = [sum(r["cells"][i] for r in cross_rows) for i in range(len(employment_columns))]
    names = {d.pk: d for d in domains}
    pair_rows = [
        {"a": names[a], "b": names[b], "n": n} for a, b, n in pairs if a in names and b in names
    ]
    charts = []
    if ranking is not None:
        charts.append(
            bar_chart(
                _("Stemmer pr. forandringsområde"),
                _("Søjlerne viser, hvor mange stemmer hvert forandringsområde fik på workshoppen."),
                [(row.domain.name, row.result.votes if row.result else 0) for row in rows],
            )
        )
    charts.append(
        bar_chart(
            _("Fortællinger pr. forandringsområde"),
            _("Søjlerne viser, hvor mange fortællinger der handler om hvert forandringsområde."),
            [(row.domain.name, row.stories) for row in rows],
            css_class="bar-secondary",
        )
    )
    return {
        "rows": rows,
        "ranking": ranking,
        "comparisons": comparisons,
        "employment_columns": employment_columns,
        "cross_rows": cross_rows,
        "column_totals": column_totals,
        "pairs": pair_rows[:15],
        "feedback": feedback,
        "charts": charts,
        "story_total": feedback["stories"],
    }


def summary(user, domain, round, workshop):
    """Everything /domains/<slug>/ shows, in a fixed number of queries."""
    ranking = workshop_ranking(workshop) if workshop is not None else None
    result = ranking.rank_of(domain.pk) if ranking is not None else None
    audience = story_selectors.audience_for(user)
    totals = story_selectors.counts_by_domain(audience, round)
    examples = story_selectors.titles_by_domain(audience, round, [domain.pk], totals)
    examples = examples.get(domain.pk, [])
    link = may_open_stories(user)
    for story in examples:
        story["url"] = story_url(story["id"]) if link else None
    chosen = []
    quotes = {}
    if round is not None:
        chosen = report_selectors.selections(round, audience, [domain.pk]).get(domain.pk, [])
        quotes = report_selectors.citizen_quotes(round, [domain.pk]).get(domain.pk, {})
    for selection in chosen:
        selection.story_url = story_url(selection.story_id) if link else None
    return {
        "ranking": ranking,
        "result": result,
        "not_prioritised": ranking is not None and (result is None or not result.prioritised),
        "examples": examples,
        "selections": chosen,
        "quotes_why": quotes.get("why", []),
        "quotes_role": quotes.get("role", []),
        "groups": quotes.get("groups", 0),
    }


def few_stories(audience, threshold=FEW_STORIES):
    """Active domains with fewer than `threshold` stories the audience sees: [(domain, n)]
    (two queries)."""
    counts = story_selectors.counts_by_domain(audience)
    return [
        (domain, counts.get(domain.pk, 0))
        for domain in Domain.objects.active().only(*DOMAIN_SUMMARY_FIELDS)
        if counts.get(domain.pk, 0) < threshold
    ]

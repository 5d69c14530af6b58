"""Data for the domain overview (/domains/) and the domain summaries (/domains/<slug>/).

Both show one report edition (reports.editions): its rounds' stories, its ranking
(the votes of its ranking workshops added up), the rankings of its other workshops to
compare with, and quotes and selections of its workshops only. Pages that combine apps
live in `reports`: stories are read through `stories.selectors` (consent applied per
reader), workshops through `workshops.selectors` and `workshops.report_selectors`. A
fixed number of queries whatever the data size.
"""

import functools
from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from aktiv.charts import bar_chart
from aktiv.roles import FACILITATOR, STAFF, has_role
from coding import selectors as coding_selectors
from domains.models import Domain
from stories import selectors as story_selectors
from stories.models import Story
from workshops import report_selectors
from workshops.selectors import RANKED_DOMAIN_FIELDS, combined_ranking, ranking_data
from workshops.selectors import rankings as workshop_rankings

from . import editions
from .builder import basis_sentence

FEW_STORIES = 3
# How many of an edition's other workshops the overview compares the ranking with.
MAX_COMPARISONS = 4
# What the overview shows of a domain (not its long texts): what a ranking shows of it.
DOMAIN_SUMMARY_FIELDS = RANKED_DOMAIN_FIELDS


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

    @property
    def numbers(self):
        """The row's numeric cells: votes and groups that voted for the domain (None:
        nothing ranks), its stories, then its place in each compared workshop (None: not
        ranked there)."""
        result = self.result
        return [
            result.votes if result else None,
            result.groups_with_votes if result else None,
            self.stories,
            *((c.rank or None) if c is not None else None for c in self.comparisons),
        ]


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


def _basis(edition, domains):
    # The domain pages show no report text: the edition's texts are not read. A published
    # edition's ranking names the domains the page has read (every one).
    if edition is None:
        return None
    return editions.basis(edition, with_texts=False, domains=domains)


def overview(user, edition):
    """Everything /domains/ shows for an edition (None: no ranking, every round), in a
    fixed number of small queries (counts come from the tallies PostgreSQL keeps, see
    stories.tallies and workshops.tallies)."""
    domains = list(Domain.objects.only(*DOMAIN_SUMMARY_FIELDS))
    basis = _basis(edition, domains)
    rounds = basis.rounds if basis is not None else None
    ranking_ids = {w.pk for w in basis.ranking_workshops} if basis is not None else set()
    compared = (
        [w for w in basis.workshops if w.pk not in ranking_ids][:MAX_COMPARISONS] if basis else []
    )
    # The edition's ranking and the comparisons from one read of the counts (none for a
    # published edition: its counts were frozen with it).
    data = None
    if basis is not None:
        data = basis.ranking_data or ranking_data([*basis.ranking_workshops, *compared])
    ranking = combined_ranking(basis.ranking_workshops, data) if basis is not None else None
    comparisons = workshop_rankings(compared, data)
    audience = story_selectors.audience_for(user)
    cross = story_selectors.domain_employment_table(audience, rounds)
    story_counts = {}
    for (domain_id, _employment), n in cross.items():
        story_counts[domain_id] = story_counts.get(domain_id, 0) + n
    pairs = story_selectors.cooccurrence(audience, rounds)
    feedback = story_selectors.feedback_counts(audience, rounds)

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
                _("Søjlerne viser, hvor mange stemmer hvert forandringsområde fik."),
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
        "basis": basis,
        "basis_sentence": basis_sentence(basis.ranking_workshops) if basis else "",
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


def summary(user, slug, edition):
    """Everything /domains/<slug>/ shows for an edition, in a fixed number of queries
    (Http404: no domain has that slug). Every domain is read, in full: the page shows one,
    a published edition's ranking names them all."""
    domains = list(Domain.objects.all())
    domain = next((d for d in domains if d.slug == slug), None)
    if domain is None:
        raise Http404("No such domain")
    basis = _basis(edition, domains)
    rounds = basis.rounds if basis is not None else None
    ranking = (
        combined_ranking(basis.ranking_workshops, basis.ranking_data) if basis is not None else None
    )
    result = ranking.rank_of(domain.pk) if ranking is not None else None
    audience = story_selectors.audience_for(user)
    examples = story_selectors.domain_titles(audience, rounds, domain.pk)
    link = may_open_stories(user)
    for story in examples:
        story["url"] = story_url(story["id"]) if link else None
    chosen, quotes = [], {}
    if basis is not None:
        ids = [w.pk for w in basis.workshops]
        chosen = report_selectors.selections(ids, audience, [domain.pk]).get(domain.pk, [])
        quotes = report_selectors.citizen_quotes(ids, [domain.pk]).get(domain.pk, {})
    for selection in chosen:
        selection.story_url = story_url(selection.story_id) if link else None
    return {
        "domain": domain,
        "basis": basis,
        "basis_sentence": basis_sentence(basis.ranking_workshops) if basis else "",
        "ranking": ranking,
        "result": result,
        "not_prioritised": ranking is not None and (result is None or not result.prioritised),
        "examples": examples,
        "selections": chosen,
        "quotes_why": quotes.get("why", []),
        "quotes_role": quotes.get("role", []),
        "groups": quotes.get("groups", 0),
        # Passages staff marked in the stories, where the consent covers the report.
        "candidates": coding_selectors.quote_candidates([domain.pk], rounds).get(domain.pk, []),
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

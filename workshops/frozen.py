"""Workshops with their counts as plain JSON values, and back.

A published report edition keeps what its pages read of its workshops (reports'
`Edition.frozen_basis`): the workshops with their participant and group counts, the
domains on their ballots, their groups with ballot counts, and the votes per domain and
group. A workshop opened again later, a late paper ballot or a new head count then
changes nothing in a published edition, and its pages read one stored value instead of
the workshops, groups and counts (eight queries).
"""

import datetime

from domains.models import Domain

from .models import Group, Workshop
from .selectors import RANKED_DOMAIN_FIELDS

# What the report's pages use of a workshop, besides the counts.
FIELDS = (
    "id", "title", "kind", "held_on", "round_id", "expected_participants", "status",
    "is_rehearsal",
)  # fmt: skip
# The counts report_selectors.workshops_with_counts adds.
COUNTS = ("participants", "group_count", "groups_voting")


def freeze(workshops, data):
    """`workshops` (from report_selectors.workshops_with_counts) and their ballots (`data`,
    from selectors.ranking_data) as JSON values."""
    domains, groups, counts = data
    return {
        "workshops": [
            {
                **{name: getattr(w, name) for name in FIELDS + COUNTS},
                "held_on": w.held_on.isoformat(),
            }
            for w in workshops
        ],
        "ballots": [[w, d.pk] for w, on_ballot in domains.items() for d in on_ballot],
        "groups": [
            [g.pk, g.workshop_id, g.number, g.name, g.ballot_count, g.paper_count]
            for in_workshop in groups.values()
            for g in in_workshop
        ],
        "votes": [[w, *row] for w, rows in counts.items() for row in rows],
    }


def thaw(frozen, domains=None):
    """(workshops, ranking data) from what `freeze` made: the workshops as unsaved
    instances with their counts, in the order they were frozen, and the data that
    selectors.rankings and combined_ranking take. The domains on the ballots are shown as
    they are named now (as on every other page): from `domains`, every domain as a page
    has read them (at least RANKED_DOMAIN_FIELDS), else in one query."""
    workshops = []
    for values in frozen["workshops"]:
        fields = {name: values[name] for name in FIELDS}
        fields["held_on"] = datetime.date.fromisoformat(fields["held_on"])
        workshop = Workshop(**fields)
        for name in COUNTS:
            setattr(workshop, name, values[name])
        workshops.append(workshop)
    on_ballots = {domain_id for _w, domain_id in frozen["ballots"]}
    if domains is None:
        by_id = Domain.objects.only(*RANKED_DOMAIN_FIELDS).in_bulk(on_ballots)
    else:
        by_id = {d.pk: d for d in domains if d.pk in on_ballots}
    domains = {}
    for workshop_id, domain_id in frozen["ballots"]:
        if domain_id in by_id:
            domains.setdefault(workshop_id, []).append(by_id[domain_id])
    for on_ballot in domains.values():
        on_ballot.sort(key=lambda d: (d.order, d.name))
    groups = {}
    for pk, workshop_id, number, name, ballots, paper in frozen["groups"]:
        group = Group(id=pk, workshop_id=workshop_id, number=number, name=name)
        group.ballot_count, group.paper_count = ballots, paper
        groups.setdefault(workshop_id, []).append(group)
    counts = {}
    for workshop_id, *row in frozen["votes"]:
        counts.setdefault(workshop_id, []).append(tuple(row))
    return workshops, (domains, groups, counts)

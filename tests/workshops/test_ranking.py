"""workshops.selectors.ranking: competition ranking with ties, groups, not prioritised."""

import pytest

from domains.models import Domain
from tests import factories
from tests.factories import cast
from workshops.demo_data import CITIZEN_GROUPS, ballots_for
from workshops.models import Workshop
from workshops.selectors import ranking

pytestmark = pytest.mark.django_db


def make_workshop(groups=3):
    return factories.make_workshop(
        groups=groups, status=Workshop.Status.CLOSED, domains=Domain.objects.all()
    )


def seed_scenario():
    workshop = make_workshop()
    groups = {g.number: g for g in workshop.groups.all()}
    for number, (count, votes) in CITIZEN_GROUPS.items():
        for slugs in ballots_for(count, votes):
            cast(workshop, groups[number], slugs)
    return workshop


def test_seed_scenario_reproduces_the_reports_order_with_a_tie_and_one_not_prioritised():
    result = ranking(seed_scenario())
    rows = [(r.domain.name, r.votes, r.rank, r.tied, r.groups_with_votes) for r in result.results]
    assert rows == [
        ("GLÆDE", 9, 1, False, 3),
        ("FÆLLESSKAB", 8, 2, False, 3),
        ("MULIGHEDER", 6, 3, False, 2),
        ("SELVTILLID OG SELVRESPEKT", 5, 4, False, 2),
        ("SELVSTÆNDIGHED", 4, 5, True, 2),
        ("LÆRING", 4, 5, True, 2),
        ("TRYGHED OG MOD", 3, 7, False, 1),
        ("INDFLYDELSE", 2, 8, False, 1),
        ("UUNDVÆRLIGHED", 1, 9, False, 1),
        ("VÆRDIGHED OG LIGEVÆRDIGHED", 0, None, False, 0),
    ]
    assert [r.domain.name for r in result.not_prioritised] == ["VÆRDIGHED OG LIGEVÆRDIGHED"]
    assert (result.participants, result.votes, result.paper_ballots) == (14, 42, 0)


def test_per_group_counts_are_hidden_for_groups_with_fewer_than_three_ballots():
    workshop = make_workshop(groups=2)
    g1, g2 = workshop.groups.all()
    for _ in range(3):
        cast(workshop, g1, ["glaede", "laering"])
    cast(workshop, g2, ["glaede"], paper=True)
    result = ranking(workshop)
    glaede = result.rank_of(Domain.objects.get(slug="glaede").pk)
    assert glaede.votes == 4  # the small group's vote still counts
    # Total minus group 1 would give group 2's single ballot: group 1 is hidden too.
    assert glaede.per_group == {g1.pk: None, g2.pk: None}
    assert result.hidden_groups == {g1.pk, g2.pk}
    assert result.paper_ballots == 1


def test_ranking_uses_a_fixed_number_of_queries(django_assert_num_queries):
    workshop = seed_scenario()
    for _ in range(30):
        cast(workshop, workshop.groups.first(), ["glaede", "muligheder", "laering"])
    with django_assert_num_queries(4):  # ballots, their domains, groups with counts, votes
        ranking(workshop)

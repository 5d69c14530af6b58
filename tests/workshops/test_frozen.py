"""workshops.frozen: workshops and their ballots as JSON values give back the same
rankings and counts, and keep them when the workshops change."""

import json

import pytest

from tests.factories import build_scenario, cast
from workshops import frozen
from workshops.report_selectors import workshops_with_counts
from workshops.selectors import combined_ranking, ranking_data, rankings

pytestmark = pytest.mark.django_db


def _shown(ranking):
    return [
        (r.domain.slug, r.votes, r.rank, r.tied, r.groups_with_votes, r.per_group)
        for r in ranking.results
    ] + [ranking.participants, ranking.paper_ballots, ranking.hidden_groups]


def _frozen(workshops):
    """Frozen and read back as the database stores it (JSON text)."""
    return json.loads(json.dumps(frozen.freeze(workshops, ranking_data(workshops))))


def test_thawed_workshops_rank_and_count_as_the_live_ones():
    scenario = build_scenario()
    live = workshops_with_counts([scenario.citizens.pk, scenario.staff.pk, scenario.partners.pk])
    workshops, data = frozen.thaw(_frozen(live))
    assert [(w.pk, w.title, w.held_on, w.get_kind_display()) for w in workshops] == [
        (w.pk, w.title, w.held_on, w.get_kind_display()) for w in live
    ]
    counts = ("participants", "group_count", "groups_voting")
    assert [[getattr(w, c) for c in counts] for w in workshops] == [
        [getattr(w, c) for c in counts] for w in live
    ]
    assert workshops[-1].participants == 14  # the seed's citizens' workshop
    assert _shown(combined_ranking(workshops, data)) == _shown(combined_ranking(live))
    assert [_shown(r) for r in rankings(workshops, data)] == [_shown(r) for r in rankings(live)]


def test_a_frozen_workshop_keeps_its_votes_after_a_late_ballot():
    scenario = build_scenario()
    live = workshops_with_counts([scenario.citizens.pk])
    before, kept = combined_ranking(live), _frozen(live)
    cast(scenario.citizens, scenario.citizens.groups.first(), ["indflydelse"], paper=True)
    workshops, data = frozen.thaw(kept)
    now = combined_ranking(workshops_with_counts([scenario.citizens.pk]))
    assert _shown(combined_ranking(workshops, data)) == _shown(before) != _shown(now)
    assert workshops[0].participants == 14 and now.participants == 15


def test_thawing_reads_only_the_domains(django_assert_num_queries):
    scenario = build_scenario()
    kept = _frozen(workshops_with_counts([scenario.citizens.pk, scenario.staff.pk]))
    with django_assert_num_queries(1):
        workshops, data = frozen.thaw(kept)
        combined_ranking(workshops, data)

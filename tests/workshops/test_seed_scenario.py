"""The seed report's citizens' workshop, voted through the participant pages end to end."""

import pytest
from django.test import Client

from tests.factories import open_workshop
from workshops import services
from workshops.demo_data import CITIZEN_GROUPS, ballots_for
from workshops.selectors import ranking

from .helpers import vote

pytestmark = pytest.mark.django_db


def test_fourteen_citizens_in_three_groups_reproduce_the_reports_ranking(facilitator_client):
    workshop = open_workshop(code="BXRGER")
    for number, (count, votes) in CITIZEN_GROUPS.items():
        for slugs in ballots_for(count, votes):
            response = vote(Client(enforce_csrf_checks=True), workshop, number, slugs)
            assert response.status_code == 302
    services.close_workshop(workshop, user=None)

    result = ranking(workshop)
    assert (result.participants, result.votes, result.paper_ballots) == (14, 42, 0)
    ranks = {r.domain.slug: (r.rank, r.tied, r.votes, r.groups_with_votes) for r in result.results}
    assert ranks["glaede"] == (1, False, 9, 3)
    assert ranks["selvstaendighed"] == (5, True, 4, 2)
    assert ranks["laering"] == (5, True, 4, 2)
    assert ranks["tryghed-og-mod"] == (7, False, 3, 1)
    assert ranks["vaerdighed-og-ligevaerdighed"] == (None, False, 0, 0)
    groups = {g.number: g.pk for g in result.groups}
    glaede = result.rank_of(result.results[0].domain.pk)
    assert glaede.per_group == {groups[1]: 3, groups[2]: 3, groups[3]: 3}
    assert result.hidden_groups == set()  # every group has at least 3 ballots

    html = facilitator_client.get(f"/workshops/{workshop.pk}/results/").content.decode()
    assert html.count("delt 5. plads") == 2
    order = [html.index(name) for name in ("SELVSTÆNDIGHED", "LÆRING", "TRYGHED OG MOD")]
    assert order == sorted(order)
    assert "ikke prioriteret" in html.split("VÆRDIGHED OG LIGEVÆRDIGHED")[0].rsplit("<tr", 1)[1]

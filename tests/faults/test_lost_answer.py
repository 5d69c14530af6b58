"""The worst moment to lose the database: the ballot is committed, the answer is lost.

The participant sees the Danish 503 page, presses "Bekræft" again with the same ticket,
and is counted once: one ballot, three votes, the thank-you page.
"""

import re

import pytest
from django.db import OperationalError

from tests.factories import open_workshop
from workshops import participant_views
from workshops.models import Ballot, Vote

pytestmark = [pytest.mark.postgres, pytest.mark.faults, pytest.mark.django_db(transaction=True)]

CODE = "SVARTB"


def test_ballot_committed_but_answer_lost_then_retried_is_counted_once(client, monkeypatch):
    workshop = open_workshop(code=CODE, groups=2, votes=3)
    slugs = list(workshop.domains.order_by("order").values_list("slug", flat=True)[:3])
    assert client.get(f"/w/{CODE}/").status_code == 200
    assert client.get(f"/w/{CODE}/stem/?gruppe=2").status_code == 200
    response = client.post(f"/w/{CODE}/stem/", {"gruppe": 2, "d": slugs})
    ticket = re.search(r'name="ticket" value="([^"]+)"', response.content.decode()).group(1)

    real_cast = participant_views.services.cast_ballot

    def cast_then_lose_the_connection(*args, **kwargs):
        real_cast(*args, **kwargs)  # committed
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(participant_views.services, "cast_ballot", cast_then_lose_the_connection)
    response = client.post(f"/w/{CODE}/bekraeft/", {"ticket": ticket})
    assert response.status_code == 503
    assert "Prøv igen om lidt" in response.content.decode()
    assert Ballot.objects.filter(workshop=workshop).count() == 1  # it was stored

    monkeypatch.setattr(participant_views.services, "cast_ballot", real_cast)
    response = client.post(f"/w/{CODE}/bekraeft/", {"ticket": ticket})
    assert response.status_code == 302 and response["Location"] == f"/w/{CODE}/tak/"
    response = client.get(f"/w/{CODE}/tak/")
    assert response.status_code == 200 and "Tak for din stemme" in response.content.decode()

    ballot = Ballot.objects.get(workshop=workshop)
    assert ballot.group.number == 2
    assert Vote.objects.filter(ballot__workshop=workshop).count() == 3
    assert set(ballot.votes.values_list("domain__slug", flat=True)) == set(slugs)

"""workshops.demo: the report's citizens' workshop, staff/partner workshops, an open demo."""

import pytest

from aktiv import demo as aktiv_demo
from domains import seed
from tests.factories import make_story
from workshops import demo
from workshops.models import Ballot, Quote, Selection, Vote, Workshop
from workshops.selectors import ranking

pytestmark = pytest.mark.django_db


def load():
    users = aktiv_demo.load()
    demo.load(users)
    return users


def counts():
    return tuple(m.objects.count() for m in (Workshop, Ballot, Vote, Quote, Selection))


def test_demo_is_idempotent():
    make_story(domains=["glaede"], consent=("analysis",))
    load()
    first = counts()
    load()
    assert counts() == first


def test_citizens_workshop_reproduces_the_report():
    users = load()
    workshop = Workshop.objects.get(title="Borgerworkshop")
    assert workshop.status == Workshop.Status.CLOSED and workshop.round.name == "2019–2021"
    assert workshop.facilitator == users["facilitator"]
    result = ranking(workshop)
    assert result.participants == 14 and result.votes == 42
    assert [r.domain.slug for r in result.not_prioritised] == ["vaerdighed-og-ligevaerdighed"]
    assert [r.rank for r in result.results if r.tied] == [5, 5]


def test_quotes_come_from_groups_that_voted_and_match_groups_discussed():
    load()
    workshop = Workshop.objects.get(title="Borgerworkshop")
    result = ranking(workshop)
    for data in seed.domains():
        quotes = Quote.objects.filter(workshop=workshop, domain__slug=data["slug"])
        assert quotes.filter(kind="why").count() == len(data["quotes_why"])
        assert quotes.filter(kind="role").count() == len(data["quotes_role"])
        groups = set(quotes.values_list("group_id", flat=True))
        assert len(groups) == data["groups_discussed"], data["slug"]
        domain_result = next(r for r in result.results if r.domain.slug == data["slug"])
        for group_id in groups:
            assert domain_result.per_group[group_id] > 0


def test_staff_and_partner_workshops_rank_differently_and_select_analysis_stories():
    story = make_story(domains=["glaede", "muligheder"], consent=("analysis",))
    make_story(domains=["glaede"], title="Privat")
    load()
    staff = Workshop.objects.get(kind=Workshop.Kind.STAFF)
    partners = Workshop.objects.get(kind=Workshop.Kind.PARTNERS)
    citizens = Workshop.objects.get(kind=Workshop.Kind.CITIZENS)
    tops = {w.pk: ranking(w).results[0].domain.slug for w in (staff, partners, citizens)}
    assert len(set(tops.values())) == 3
    selections = Selection.objects.filter(workshop__in=[staff, partners])
    assert selections.exists()
    assert set(selections.values_list("story", flat=True)) == {story.pk}
    assert all(s.reason for s in selections)


def test_demo_without_stories_skips_selections():
    load()
    assert Selection.objects.count() == 0
    assert Workshop.objects.filter(kind=Workshop.Kind.STAFF).exists()


def test_open_demo_workshop_has_the_documented_code(client):
    load()
    workshop = Workshop.objects.get(status=Workshop.Status.OPEN)
    assert workshop.join_code == demo.DEMO_CODE == "GRUPPE"
    assert client.get("/w/GRUPPE/").status_code == 200

"""The manager's start page shows no count small enough to point at one person: buckets
of one or two stories by month and collector are hidden, and one more so that the total
minus the others does not give them away."""

import datetime

import pytest

from aktiv import roles
from reports.overview import manager_overview
from tests.factories import make_story, make_user

pytestmark = pytest.mark.django_db


def _stories(collector, n, month):
    for day in range(1, n + 1):
        make_story(user=collector, collected_on=datetime.date(2021, month, day))


def test_buckets_of_one_are_hidden_with_one_more(manager_client, manager_user):
    a, b, c = (make_user(roles.STAFF) for _ in range(3))
    _stories(a, 5, 3)
    _stories(b, 4, 3)
    _stories(c, 1, 4)  # one story by one collector in one month
    overview = manager_overview(manager_user)
    collectors = sorted(row["n"] or 0 for row in overview["collectors"])
    assert [row["n"] for row in overview["collectors"]].count(None) == 2
    assert collectors[-1] == 5  # the largest stays
    months = {row["month"].month: row["n"] for row in overview["months"]}
    assert months == {3: None, 4: None}  # April's 1, and March with it
    assert overview["total"] == 10
    html = manager_client.get("/").content.decode()
    assert "et tal under 3 kunne pege på én person" in html
    assert ">1</a>" not in html and '<td class="num">1</td>' not in html


def test_large_buckets_are_shown(manager_user):
    a, b = (make_user(roles.STAFF) for _ in range(2))
    _stories(a, 3, 3)
    _stories(b, 4, 4)
    overview = manager_overview(manager_user)
    assert sorted(row["n"] for row in overview["collectors"]) == [3, 4]
    assert not overview["any_hidden"]

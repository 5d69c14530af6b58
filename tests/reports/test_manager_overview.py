"""Meta-monitoring on the manager's start page."""

import re

import pytest

from aktiv import roles
from tests.factories import (
    ANALYSIS_ONLY_TITLE,
    COLLECTOR_USERNAME,
    DRAFT_TITLE,
    WITHDRAWN_TITLE,
    bulk_stories,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_manager_start_page_shows_counts_without_names_codes_or_titles(manager_client, scenario):
    body = manager_client.get("/").content.decode()
    assert "Overblik over indsamlingen" in body
    assert "24 fortællinger i alt" in body
    assert re.search(r"<th scope=\"row\">2019–2021</th><td class=\"num\">24</td>", body)
    assert "Indsamler 1" in body
    assert COLLECTOR_USERNAME not in body
    for title in (DRAFT_TITLE, WITHDRAWN_TITLE, ANALYSIS_ONLY_TITLE, "Det rette match"):
        assert title not in body
    assert "B-001" not in body
    # 21 of 24 with analysis consent (not the draft? it has consent too) -> shares in percent
    assert "Samtykke til rapporten" in body
    assert re.search(r"Samtykke trukket tilbage</th><td class=\"num\">1</td>", body)
    # workshops held: citizens (14), staff (6), partners (4); the open one is not held yet
    assert "Afsluttede workshops: 3 med 24 deltagere" in body
    assert "/domains/vaerdighed-og-ligevaerdighed/" not in body  # it has 5 stories


def test_domains_with_few_stories_link_to_their_page(manager_client, scenario):
    from domains.models import Domain

    Domain.objects.create(name="HÅB", slug="haab", statement="Jeg har håb", order=11)
    body = manager_client.get("/").content.decode()
    assert '<a href="/domains/haab/">HÅB</a>: 0' in body


def test_numbers_link_to_filtered_story_lists_for_staff_managers(client, scenario):
    user = make_user(roles.MANAGER, roles.STAFF, username="leder-og-medarbejder")
    client.force_login(user)
    body = client.get("/").content.decode()
    assert f'href="/stories/?round={scenario.round.pk}"' in body
    assert f'href="/stories/?collector={scenario.stories["Det rette match"].collected_by_id}"' in (
        body
    )
    assert 'href="/stories/?consent=report"' in body
    assert "date_from=" in body and "date_to=" in body


def test_other_roles_get_no_overview(staff_client, scenario):
    assert "Overblik over indsamlingen" not in staff_client.get("/").content.decode()


def test_overview_query_count_is_fixed(manager_client, scenario, django_assert_max_num_queries):
    bulk_stories(scenario.round, 10)
    with django_assert_max_num_queries(30) as small:
        manager_client.get("/")
    bulk_stories(scenario.round, 990)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = manager_client.get("/").content.decode()
    assert "1024 fortællinger i alt" in body

"""Domain pages and the report list at most EXAMPLE_LIMIT example titles per domain, and say how
many there are."""

import pytest

from domains.models import Domain
from stories.models import Story
from stories.selectors import EXAMPLE_LIMIT, counts_by_domain, domain_titles, titles_by_domain
from stories.tallies import Audience

pytestmark = pytest.mark.django_db


def make_stories(n, domain):
    stories = Story.objects.bulk_create(
        Story(
            title=f"Fortælling {i:03d}",
            text="x",
            employment_type="other",
            collected_on=f"2020-01-{i % 28 + 1:02d}",
            status="ready",
            consent_analysis_on="2020-02-01",
            consent_report_on="2020-02-01",
        )
        for i in range(n)
    )
    Story.domains.through.objects.bulk_create(
        Story.domains.through(story_id=s.pk, domain_id=domain.pk) for s in stories
    )


def test_titles_by_domain_caps_the_list_and_reports_the_total(django_assert_num_queries):
    glaede, laering = Domain.objects.filter(slug__in=["glaede", "laering"]).order_by("slug")
    make_stories(EXAMPLE_LIMIT + 7, glaede)
    make_stories(3, laering)
    totals = counts_by_domain(Audience.REPORT)
    assert totals == {glaede.pk: EXAMPLE_LIMIT + 7, laering.pk: 3}
    with django_assert_num_queries(1):  # one bounded part per domain, in one query
        examples = titles_by_domain(Audience.REPORT, None, [glaede.pk, laering.pk], totals)
    assert len(examples[laering.pk]) == 3
    assert len(examples[glaede.pk]) == EXAMPLE_LIMIT
    assert {row["total"] for row in examples[glaede.pk]} == {EXAMPLE_LIMIT + 7}


def test_one_domains_titles_come_with_their_number_in_one_query(django_assert_num_queries):
    glaede, laering = Domain.objects.filter(slug__in=["glaede", "laering"]).order_by("slug")
    make_stories(EXAMPLE_LIMIT + 7, glaede)
    make_stories(3, laering)
    Story.objects.filter(title="Fortælling 001").update(consent_report_on=None)
    with django_assert_num_queries(1):
        examples = domain_titles(Audience.REPORT, None, glaede.pk)
    assert len(examples) == EXAMPLE_LIMIT
    assert {row["total"] for row in examples} == {EXAMPLE_LIMIT + 6}  # one without consent
    assert (
        examples
        == titles_by_domain(Audience.REPORT, None, [glaede.pk], counts_by_domain(Audience.REPORT))[
            glaede.pk
        ]
    )
    assert [row["total"] for row in domain_titles(Audience.STAFF, None, laering.pk)] == [3] * 3
    assert domain_titles(Audience.REPORT, None, Domain.objects.get(slug="indflydelse").pk) == []


def test_domain_page_says_how_many_stories_there_are_beyond_the_examples(staff_client):
    make_stories(EXAMPLE_LIMIT + 3, Domain.objects.get(slug="glaede"))
    body = staff_client.get("/domains/glaede/").content.decode()
    assert f"Viser {EXAMPLE_LIMIT} af {EXAMPLE_LIMIT + 3} fortællinger." in body
    assert body.count("Fortælling 0") == min(EXAMPLE_LIMIT, 100)


def test_choice_buttons_are_outline_buttons_with_readable_text(manager_client):
    from tests.factories import make_edition, make_round

    make_edition([make_round("Runden")])
    body = manager_client.get("/domains/").content.decode()
    assert '<button class="btn btn-outline-primary" type="submit">Vis udgaven</button>' in body
    assert "btn-primary btn-outline-primary" not in body

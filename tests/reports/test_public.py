"""The public stories page: publish consent only, nothing identifying, no caching."""

import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import COLLECTOR_USERNAME, PUBLIC_TITLE, make_story

pytestmark = pytest.mark.django_db


def test_only_published_stories_with_title_text_and_domains(client, scenario):
    body = client.get("/public/stories/").content.decode()
    story = scenario.stories[PUBLIC_TITLE]
    assert PUBLIC_TITLE in body
    assert story.text in body
    assert 'href="?domain=faellesskab"' in body
    assert "Nu laver jeg sandwich" not in body  # report consent only, not publish
    assert story.storyteller_code not in body
    assert COLLECTOR_USERNAME not in body
    assert "2019" not in body  # no collection dates


def test_filter_by_domain(client, scenario):
    other = make_story(
        "Kun om læring", ["laering"], scenario.round, consent=("analysis", "report", "publish")
    )
    body = client.get("/public/stories/?domain=laering").content.decode()
    assert other.title in body and PUBLIC_TITLE not in body
    body = client.get("/public/stories/?domain=glaede").content.decode()
    assert PUBLIC_TITLE in body and other.title not in body
    response = client.get("/public/stories/?domain=findes-ikke")
    assert response.status_code == 200
    assert "Vi kender ikke det emne" in response.content.decode()


def test_withdrawing_consent_removes_the_story_at_once(client, scenario):
    assert PUBLIC_TITLE in client.get("/public/stories/").content.decode()
    Story.objects.filter(title=PUBLIC_TITLE).update(
        withdrawn_at=timezone.now(),
        consent_analysis_on=None,
        consent_report_on=None,
        consent_publish_on=None,
    )
    response = client.get("/public/stories/")
    assert PUBLIC_TITLE not in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_public_page_query_count_is_fixed(client, scenario, django_assert_max_num_queries):
    for i in range(3):
        make_story(f"Offentlig {i}", ["glaede"], scenario.round, consent=("report", "publish"))
    with django_assert_max_num_queries(10) as small:
        client.get("/public/stories/")
    for i in range(40):
        make_story(f"Mere {i}", ["laering"], scenario.round, consent=("report", "publish"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/public/stories/?side=2")
    assert response.status_code == 200

"""Cached story aggregates follow every write, whatever code path makes it."""

import pytest

from aktiv.page_cache import data_versions
from domains.models import Domain
from stories.models import Story
from stories.selectors import counts_by_domain, counts_by_employment
from tests.factories import make_story

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def stories_version():
    return data_versions()["stories"]


def test_the_data_version_moves_on_insert_update_delete_and_tag_changes():
    seen = [stories_version()]
    story = make_story(title="A")
    seen.append(stories_version())
    Story.objects.filter(pk=story.pk).update(title="B")  # a bulk update, no signals
    seen.append(stories_version())
    story.domains.add(Domain.objects.get(slug="glaede"))
    seen.append(stories_version())
    Story.objects.filter(pk=story.pk).delete()
    seen.append(stories_version())
    assert seen == sorted(set(seen)), seen


def test_cached_counts_never_outlive_a_consent_withdrawal(django_assert_num_queries):
    story = make_story(title="Med samtykke", domains=("laering",), consent=("analysis", "report"))
    stories = Story.objects.for_report()
    before = counts_by_domain(stories)
    with django_assert_num_queries(1):  # only the version is read: the counts are cached
        assert counts_by_domain(Story.objects.for_report()) == before
    # Withdraw by a plain UPDATE (no model signals): the trigger still moves the version.
    Story.objects.filter(pk=story.pk).update(
        consent_report_on=None, consent_analysis_on=None, consent_publish_on=None
    )
    after = counts_by_domain(Story.objects.for_report())
    assert (
        after.get(Domain.objects.get(slug="laering").pk, 0)
        == before[Domain.objects.get(slug="laering").pk] - 1
    )


def test_cache_keys_follow_the_consent_scope_of_the_queryset():
    make_story(title="Kun analyse", consent=("analysis",), employment_type="voluntary")
    assert counts_by_employment(Story.objects.for_analysis()).get("voluntary") == 1
    assert counts_by_employment(Story.objects.for_report()).get("voluntary") is None


def test_a_vote_in_a_live_workshop_keeps_the_story_counts_cached(django_assert_num_queries):
    from tests.factories import cast, make_workshop

    make_story(title="Talt", domains=("laering",), consent=("analysis", "report"))
    before = counts_by_domain(Story.objects.for_report())
    workshop = make_workshop()
    cast(workshop, workshop.groups.first(), ["glaede"])
    with django_assert_num_queries(1):  # only the versions are read
        assert counts_by_domain(Story.objects.for_report()) == before

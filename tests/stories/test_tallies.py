"""The story counts PostgreSQL keeps (stories.tallies) equal counting the stories.

The property test runs random writes the way the app and an operator make them (ORM
saves, bulk UPDATEs and DELETEs, tag changes, feedback, withdrawing all consent or one
scope), then counts every story from
scratch with the consent rules of StoryQuerySet (stories.selectors.stories_of), and
compares every row.
"""

import datetime
from collections import Counter
from itertools import combinations

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from domains.models import Domain
from stories import selectors, services
from stories.models import Feedback, Story
from stories.tallies import (
    Audience,
    CollectionCount,
    DomainPairCount,
    StoryCount,
    StorytellerCount,
    StorytellerTotal,
)
from tests.factories import make_round, make_user
from tests.hardening.conftest import rolled_back

pytestmark = pytest.mark.django_db

SLUGS = ["glaede", "faellesskab", "laering", "muligheder"]
EMPLOYMENT = ["wage_subsidy", "voluntary", "other"]


def _kept(model, key_fields, value_fields):
    rows = model.objects.values_list(*key_fields, *value_fields)
    kept = {}
    for row in rows:
        values = row[len(key_fields) :]
        if any(values):
            kept[row[: len(key_fields)]] = values if len(values) > 1 else values[0]
    return kept


def _expected_story_counts():
    counts, pairs, tellers = Counter(), Counter(), {}
    for audience in Audience:
        stories = selectors.stories_of(audience).prefetch_related("domains", "feedback")
        for story in stories:
            round_id = story.round_id or 0
            domains = sorted(d.pk for d in story.domains.all())
            for domain_id in [0, *domains]:
                counts[(round_id, audience.value, domain_id, story.employment_type)] += 1
            for a, b in combinations(domains, 2):
                pairs[(round_id, audience.value, a, b)] += 1
            teller = story.storyteller_code or f"#{story.pk}"
            told, heard = tellers.get((round_id, audience.value, teller), (0, 0))
            has_feedback = bool(story.feedback.all())
            tellers[(round_id, audience.value, teller)] = (told + 1, heard + has_feedback)
    return dict(counts), dict(pairs), tellers


def _expected_collection():
    expected = {}
    for story in Story.objects.all():
        key = (story.round_id or 0, story.collected_by_id or 0, story.collected_on.replace(day=1))
        row = expected.setdefault(key, [0] * 7)
        flags = [
            True,
            story.status == Story.Status.READY,
            story.consent_analysis_on is not None,
            story.consent_report_on is not None,
            story.consent_publish_on is not None,
            story.withdrawn_at is not None,
            story.read_back_on is not None,
        ]
        for i, flag in enumerate(flags):
            row[i] += int(flag)
    return {key: tuple(row) for key, row in expected.items()}


def assert_story_tallies_match():
    counts, pairs, tellers = _expected_story_counts()
    assert _kept(StoryCount, ["round_id", "audience", "domain_id", "employment_type"], ["n"]) == (
        counts
    )
    assert _kept(DomainPairCount, ["round_id", "audience", "domain_a", "domain_b"], ["n"]) == pairs
    assert (
        _kept(StorytellerCount, ["round_id", "audience", "teller"], ["stories", "with_feedback"])
        == tellers
    )
    totals = {}
    for (round_id, audience, _teller), (told, heard) in tellers.items():
        row = totals.setdefault((round_id, audience), [0, 0, 0])
        row[0] += told > 0
        row[1] += heard > 0
        row[2] += heard
    assert _kept(
        StorytellerTotal, ["round_id", "audience"], ["tellers", "tellers_heard", "stories_heard"]
    ) == {key: tuple(row) for key, row in totals.items() if any(row)}
    values = ["total", "ready", "analysis", "report", "publish", "withdrawn", "read_back"]
    collection = _kept(CollectionCount, ["round_id", "collector_id", "month"], values)
    assert collection == _expected_collection()


story_values = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["draft", "ready"]),
        "employment_type": st.sampled_from(EMPLOYMENT),
        "storyteller_code": st.sampled_from(["", "B-1", "B-2"]),
        "round": st.integers(0, 2),
        "collector": st.integers(0, 1),
        "month": st.integers(1, 3),
        "consent": st.lists(st.sampled_from(["analysis", "report", "publish"]), unique=True),
        "read_back": st.booleans(),
    }
)

tags = st.lists(st.sampled_from(SLUGS), unique=True)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("create"), story_values, st.lists(st.sampled_from(SLUGS), unique=True)),
        st.tuples(st.just("update"), st.integers(0, 9), story_values),
        st.tuples(
            st.just("tags"), st.integers(0, 9), st.lists(st.sampled_from(SLUGS), unique=True)
        ),
        st.tuples(st.just("withdraw"), st.integers(0, 9)),
        st.tuples(
            st.just("withdraw_scope"),
            st.integers(0, 9),
            st.sampled_from(["analysis", "report", "publish"]),
        ),
        st.tuples(st.just("feedback"), st.integers(0, 9)),
        st.tuples(st.just("unfeedback"), st.integers(0, 9)),
        st.tuples(st.just("delete"), st.integers(0, 9)),
        st.tuples(st.just("bulk"), st.sampled_from(EMPLOYMENT)),
    ),
    max_size=12,
)


@pytest.fixture
def story_world(db):
    return {
        "rounds": [None, make_round("A"), make_round("B")],
        "users": [None, make_user(username="indsamler")],
        "domains": {d.slug: d for d in Domain.objects.filter(slug__in=SLUGS)},
    }


def _fields(world, values):
    fields = {
        "status": values["status"],
        "employment_type": values["employment_type"],
        "storyteller_code": values["storyteller_code"],
        "round": world["rounds"][values["round"]],
        "collected_by": world["users"][values["collector"]],
        "collected_on": datetime.date(2020, values["month"], 3),
        "read_back_on": datetime.date(2020, 6, 1) if values["read_back"] else None,
    }
    for scope in Story.CONSENT_SCOPES:
        fields[f"consent_{scope}_on"] = (
            datetime.date(2020, 5, 2) if scope in values["consent"] else None
        )
    return fields


def _apply(world, operation):
    kind, *args = operation
    stories = list(Story.objects.order_by("pk"))
    if kind == "create":
        values, slugs = args
        story = Story.objects.create(title="T", text="x", **_fields(world, values))
        story.domains.set([world["domains"][s] for s in slugs])
        return
    if kind == "bulk":  # a plain UPDATE of every story, as psql or a data fix would do it
        Story.objects.update(employment_type=args[0])
        return
    if not stories:
        return
    story = stories[args[0] % len(stories)]
    if kind == "update":
        if story.withdrawn_at is None:
            fields = _fields(world, args[1])
            for scope in Story.CONSENT_SCOPES:  # a withdrawn scope keeps no date (constraint)
                if getattr(story, f"consent_{scope}_withdrawn_at") is not None:
                    fields[f"consent_{scope}_on"] = None
            Story.objects.filter(pk=story.pk).update(**fields)
    elif kind == "tags":
        story.domains.set([world["domains"][s] for s in args[1]])
    elif kind == "withdraw" and story.withdrawn_at is None:
        story.withdraw(None, timezone.now())
        story.save()
    elif kind == "withdraw_scope":  # one scope, the others stay (the service, its signal)
        services.withdraw_consent(story.pk, user=None, scope=args[1])
    elif kind == "feedback":
        Feedback.objects.create(story=story, given_on=datetime.date(2021, 1, 1), how="letter")
    elif kind == "unfeedback":
        first = Feedback.objects.filter(story=story).order_by("pk").first()
        if first is not None:
            first.delete()
    elif kind == "delete":
        story.delete()


@given(ops=operations)
def test_story_tallies_equal_counting_after_any_writes(story_world, ops):
    with rolled_back():
        for operation in ops:
            _apply(story_world, operation)
        assert_story_tallies_match()


def test_a_bulk_import_of_tagged_stories_is_counted_once(story_world):
    glaede, laering = story_world["domains"]["glaede"], story_world["domains"]["laering"]
    stories = Story.objects.bulk_create(
        Story(title=f"S{i}", text="x", employment_type="other", collected_on="2020-01-01")
        for i in range(5)
    )
    through = Story.domains.through
    through.objects.bulk_create(  # both tags of a story in one statement
        through(story_id=s.pk, domain_id=d.pk) for s in stories for d in (glaede, laering)
    )
    pair = DomainPairCount.objects.get(audience="all", domain_a=min(glaede.pk, laering.pk))
    assert pair.n == 5
    Story.domains.through.objects.filter(story__in=stories).delete()  # one statement too
    assert DomainPairCount.objects.get(pk=pair.pk).n == 0
    assert_story_tallies_match()


def test_selectors_read_the_tallies_for_each_audience(story_world):
    glaede = story_world["domains"]["glaede"]
    ready = Story.objects.create(
        title="Klar", text="x", employment_type="other", collected_on="2020-01-01", status="ready"
    )
    ready.domains.set([glaede])
    Story.objects.create(
        title="Kladde", text="x", employment_type="other", collected_on="2020-01-01"
    )
    assert selectors.story_total(Audience.ALL) == 2
    assert selectors.story_total(Audience.STAFF) == 1
    assert selectors.story_total(Audience.REPORT) == 0
    assert selectors.counts_by_domain(Audience.STAFF) == {glaede.pk: 1}
    Story.objects.filter(pk=ready.pk).update(consent_report_on="2020-02-01")
    assert selectors.counts_by_domain(Audience.REPORT) == {glaede.pk: 1}

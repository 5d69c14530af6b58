"""Reads of coding that pages (here and in the layers above) need, each a fixed number
of queries whatever the data size."""

from collections import Counter, defaultdict
from itertools import combinations

from django.db.models import Count, Prefetch, Q

from domains.models import Domain
from stories.models import Story, consent_condition

from .models import Code, Excerpt, Memo

QUOTE_CANDIDATES_PER_DOMAIN = 5


def codebook():
    """The domains in their order, each with its sub-codes (`.code_list`) and its memo
    text (`.memo_text`): two queries."""
    domains = list(
        Domain.objects.order_by("order", "name").prefetch_related(
            Prefetch("codes", queryset=Code.objects.order_by("name", "id"), to_attr="code_list")
        )
    )
    memos = dict(Memo.objects.filter(domain__isnull=False).values_list("domain_id", "text"))
    for domain in domains:
        domain.memo_text = memos.get(domain.pk, "")
    return domains


def excerpts_of(story):
    """The story's excerpts in text order, with domains and codes (three queries)."""
    return list(
        Excerpt.objects.filter(story=story)
        .prefetch_related(
            Prefetch("domains", queryset=Domain.objects.order_by("order", "name")),
            Prefetch("codes", queryset=Code.objects.select_related("domain")),
        )
        .order_by("start", "end", "id")
    )


def memo_text(*, story=None, domain=None):
    memo = (
        Memo.objects.filter(story=story)
        if story is not None
        else Memo.objects.filter(domain=domain)
    )
    return memo.values_list("text", flat=True).first() or ""


def coded_stories(limit):
    """The newest `limit` stories with analysis consent, with how many excerpts each has
    and how many need review: [{id, title, collected_on, excerpt_count, review_count}]
    (one query; the newest are chosen before anything is counted)."""
    newest = Story.objects.for_analysis().order_by("-collected_on", "-id").values("pk")[:limit]
    return list(
        Story.objects.filter(pk__in=newest)
        .annotate(
            excerpt_count=Count("excerpts", distinct=True),
            review_count=Count("excerpts", filter=Q(excerpts__needs_review=True), distinct=True),
        )
        .order_by("-collected_on", "-id")
        .values("id", "title", "collected_on", "excerpt_count", "review_count")
    )


def cooccurrence():
    """Which domains are coded together: per pair of domains, in how many stories both
    are coded (in any excerpts) and how many pairs of overlapping passages carry them
    (an excerpt coded to both counts as one). Stories with analysis consent only.

    Returns (domains, {(a_id, b_id): (stories, overlaps)}) with a_id < b_id (three
    queries)."""
    rows = list(
        Excerpt.domains.through.objects.filter(
            excerpt__story__in=Story.objects.for_analysis()
        ).values_list(
            "excerpt_id", "excerpt__story_id", "excerpt__start", "excerpt__end", "domain_id"
        )
    )
    by_story = defaultdict(set)
    excerpts = {}
    for excerpt_id, story_id, start, end, domain_id in rows:
        by_story[story_id].add(domain_id)
        excerpts.setdefault(excerpt_id, (story_id, start, end, set()))[3].add(domain_id)
    stories = Counter()
    for domain_ids in by_story.values():
        stories.update(combinations(sorted(domain_ids), 2))
    overlaps = Counter()
    by_story_excerpts = defaultdict(list)
    for story_id, start, end, domain_ids in excerpts.values():
        by_story_excerpts[story_id].append((start, end, domain_ids))
    for items in by_story_excerpts.values():
        items.sort(key=lambda item: item[0])
        for index, (_start, end, domain_ids) in enumerate(items):
            pairs = set(combinations(sorted(domain_ids), 2))
            for other_start, _other_end, other_ids in items[index + 1 :]:
                if other_start >= end:
                    break
                pairs.update(tuple(sorted((a, b))) for a in domain_ids for b in other_ids if a != b)
            overlaps.update(pairs)
    used = sorted({domain_id for pair in stories for domain_id in pair})
    domains = list(Domain.objects.filter(pk__in=used).order_by("order", "name"))
    table = {pair: (stories[pair], overlaps.get(pair, 0)) for pair in stories}
    return domains, table


def quote_candidates(
    domain_ids, rounds=None, only_ids=None, per_domain=QUOTE_CANDIDATES_PER_DOMAIN
):
    """{domain id: [passage]}: excerpts marked as quote candidates, from stories whose
    consent covers the report (for_report()), in `rounds` and among `only_ids` when
    given, newest story first, at most `per_domain` each; passages flagged for review
    are left out (one query)."""
    # The consent rule as a condition on the joined story (no subquery of stories).
    condition = consent_condition("report", prefix="excerpt__story__")
    if rounds:
        condition &= Q(excerpt__story__round__in=rounds)
    if only_ids is not None:
        condition &= Q(excerpt__story_id__in=only_ids)
    rows = (
        Excerpt.domains.through.objects.filter(
            condition,
            domain_id__in=domain_ids,
            excerpt__quote_candidate=True,
            excerpt__needs_review=False,
        )
        .order_by(
            "domain_id", "-excerpt__story__collected_on", "excerpt__story_id", "excerpt__start"
        )
        .values_list("domain_id", "excerpt__passage")
    )
    found = defaultdict(list)
    for domain_id, passage in rows:
        if len(found[domain_id]) < per_domain:
            found[domain_id].append(passage)
    return dict(found)

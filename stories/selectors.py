"""Query functions other apps use to count and list stories (domain summaries, report).

Every function takes a story queryset that already carries the consent rule for the
reader (`Story.objects.for_report()` for the report and managers, see `visible_to`), and
aggregates in SQL: one query per function whatever the number of stories.
"""

from django.db.models import CharField, Count, F, Q, Value, Window
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, RowNumber, TruncMonth

from aktiv.roles import FACILITATOR, STAFF, has_role

from .aggregate_cache import cached_aggregate
from .models import Story

StoryDomain = Story.domains.through

# How many example titles a domain page or report section lists (the seed report lists
# at most eight); the rest are counted ("og 312 flere").
EXAMPLE_LIMIT = 25


def visible_to(user):
    """The stories a user may see in summaries: staff all ready ones, facilitators those
    with analysis consent, everyone else (managers) only report-consented ones."""
    if has_role(user, STAFF):
        return Story.objects.ready().not_withdrawn()
    if has_role(user, FACILITATOR):
        return Story.objects.for_analysis()
    return Story.objects.for_report()


def may_open_story(user, story_id, readable_ids):
    """Whether to link a story title to the story page for this user."""
    return has_role(user, STAFF) or story_id in readable_ids


@cached_aggregate
def counts_by_employment(stories):
    """{employment type: number of stories}."""
    rows = stories.order_by().values("employment_type").annotate(n=Count("id"))
    return {row["employment_type"]: row["n"] for row in rows}


@cached_aggregate
def counts_by_domain(stories):
    """{domain id: number of stories tagged with it}."""
    rows = (
        StoryDomain.objects.filter(story__in=stories.order_by().values("pk"))
        .values("domain_id")
        .annotate(n=Count("story_id"))
        .order_by()
    )
    return {row["domain_id"]: row["n"] for row in rows}


@cached_aggregate
def domain_employment_table(stories):
    """{(domain id, employment type): number of stories} (the cross table).

    Stories without a domain appear under domain id None, so an empty result means
    there are no stories at all.
    """
    rows = (
        stories.order_by()
        .values("domains", "employment_type")
        .annotate(n=Count("pk", distinct=True))
    )
    return {(row["domains"], row["employment_type"]): row["n"] for row in rows}


@cached_aggregate
def cooccurrence(stories):
    """[(domain id a, domain id b, number of stories tagged with both)], a < b, most first."""
    ids = stories.order_by().values("pk")
    rows = (
        StoryDomain.objects.filter(story__in=ids)
        .annotate(other=F("story__domains"))
        .filter(domain_id__lt=F("other"))
        .values("domain_id", "other")
        .annotate(n=Count("story_id", distinct=True))
        .order_by("-n", "domain_id", "other")
    )
    return [(row["domain_id"], row["other"], row["n"]) for row in rows]


@cached_aggregate
def titles_by_domain(stories, domain_ids=None, limit=EXAMPLE_LIMIT):
    """{domain id: [{"id", "title", "total"}, ...]}: the first `limit` stories of each
    domain in collection order, each row carrying the domain's total (one query)."""
    rows = StoryDomain.objects.filter(story__in=stories.order_by().values("pk"))
    if domain_ids is not None:
        rows = rows.filter(domain_id__in=domain_ids)
    rows = (
        rows.annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("domain_id")],
                order_by=[F("story__collected_on").asc(), F("story_id").asc()],
            ),
            total=Window(Count("story_id"), partition_by=[F("domain_id")]),
        )
        .filter(position__lte=limit)
        .values("domain_id", "story_id", "story__title", "total")
        .order_by("domain_id", "position")
    )
    result = {}
    for row in rows:
        result.setdefault(row["domain_id"], []).append(
            {"id": row["story_id"], "title": row["story__title"], "total": row["total"]}
        )
    return result


def _storyteller():
    """A storyteller key: the pseudonymous code, or the story itself when it has none."""
    return Coalesce(
        NullIf("storyteller_code", Value("")),
        Concat(Value("#"), Cast("pk", CharField())),
        output_field=CharField(),
    )


@cached_aggregate
def feedback_counts(stories):
    """{"stories", "storytellers", "with_feedback", "stories_with_feedback"}: counts."""
    return (
        stories.order_by()
        .annotate(teller=_storyteller())
        .aggregate(
            stories=Count("pk", distinct=True),
            storytellers=Count("teller", distinct=True),
            with_feedback=Count("teller", distinct=True, filter=Q(feedback__isnull=False)),
            stories_with_feedback=Count("pk", distinct=True, filter=Q(feedback__isnull=False)),
        )
    )


@cached_aggregate
def collection_counts(stories):
    """Meta-monitoring in four queries: per round, per collector, per month, and shares."""
    base = stories.order_by()
    per_round = list(
        base.values("round_id", "round__name")
        .annotate(n=Count("id"))
        .order_by(F("round__starts_on").desc(nulls_last=True), "-round_id")
    )
    per_collector = list(
        base.values("collected_by_id").annotate(n=Count("id")).order_by("-n", "collected_by_id")
    )
    per_month = list(
        base.annotate(month=TruncMonth("collected_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-month")[:12]
    )
    shares = base.aggregate(
        total=Count("id"),
        ready=Count("id", filter=Q(status=Story.Status.READY)),
        analysis=Count("id", filter=Q(consent_analysis_on__isnull=False)),
        report=Count("id", filter=Q(consent_report_on__isnull=False)),
        publish=Count("id", filter=Q(consent_publish_on__isnull=False)),
        withdrawn=Count("id", filter=Q(withdrawn_at__isnull=False)),
        read_back=Count("id", filter=Q(read_back_on__isnull=False)),
    )
    return {
        "per_round": per_round,
        "per_collector": per_collector,
        "per_month": per_month,
        "shares": shares,
    }

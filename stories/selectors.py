"""Query functions other apps use to count and list stories (domain summaries, report).

Counts come from the tallies PostgreSQL keeps (stories.tallies): a few dozen rows per
page, whatever the number of stories. Each count is for an *audience*, the consent rule
of the reader (audience_for), and a collection round (None: every round). Lists of
titles read the stories themselves, a bounded number per domain.
"""

from django.db.models import CharField, Count, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat, NullIf

from aktiv.roles import FACILITATOR, STAFF, has_role

from .models import Story, consent_condition
from .tallies import (
    Audience,
    CollectionCount,
    DomainPairCount,
    StoryCount,
    StorytellerCount,
    StorytellerTotal,
)

StoryDomain = Story.domains.through

# How many example titles a domain page or report section lists (the seed report lists
# at most eight); the rest are counted ("Viser 25 af 312").
EXAMPLE_LIMIT = 25


def audience_for(user):
    """Which stories a user may see in summaries: staff every ready one, facilitators
    those with analysis consent, everyone else (managers) only report-consented ones."""
    if has_role(user, STAFF):
        return Audience.STAFF
    if has_role(user, FACILITATOR):
        return Audience.ANALYSIS
    return Audience.REPORT


def round_ids(round):
    """None (every round), or the ids of one round or of a list of rounds."""
    if round is None:
        return None
    if isinstance(round, (list, tuple, set, frozenset)):
        return sorted(r.pk for r in round)
    return [round.pk]


def audience_condition(audience, round=None, prefix=""):
    """The stories an audience sees, in a round or a list of rounds (None: every round),
    as a condition (stories.models.consent_condition; `prefix` puts it on a related
    story)."""
    if audience == Audience.ALL:
        condition = Q()
    else:
        scope = None if audience == Audience.STAFF else audience.value
        condition = consent_condition(scope, prefix)
    ids = round_ids(round)
    if ids is not None:
        condition &= Q(**{f"{prefix}round_id__in": ids})
    return condition


def stories_of(audience, round=None):
    """The stories an audience sees, in a round (None: every round), as a queryset."""
    return Story.objects.filter(audience_condition(audience, round))


def visible_to(user):
    return stories_of(audience_for(user))


def _rows(model, audience, round):
    rows = model.objects.filter(audience=audience)
    ids = round_ids(round)
    if ids is not None:
        rows = rows.filter(round_id__in=ids)
    return rows


def counts_of_ids(audience, round, ids):
    """The counts of a report (employment types, domains, storytellers) over the stories
    with these ids that the audience still sees, counted from the stories themselves
    (three queries; for a rebuild from a manifest, never per view):
    {"employment": {type: n}, "domains": {domain id: n}, "storytellers": n}."""
    stories = Story.objects.filter(audience_condition(audience, round), pk__in=list(ids))
    employment = {
        row["employment_type"]: row["n"]
        for row in stories.values("employment_type").annotate(n=Count("id"))
    }
    domains = {
        row["domain_id"]: row["n"]
        for row in StoryDomain.objects.filter(story__in=stories)
        .values("domain_id")
        .annotate(n=Count("story_id", distinct=True))
    }
    tellers = (
        stories.annotate(
            teller=Coalesce(
                NullIf("storyteller_code", Value("")),
                Concat(Value("#"), "id", output_field=CharField()),
                output_field=CharField(),
            )
        )
        .values("teller")
        .distinct()
        .count()
    )
    return {"employment": employment, "domains": domains, "storytellers": tellers}


def story_total(audience, round=None):
    """How many stories the audience sees (one query)."""
    rows = _rows(StoryCount, audience, round).filter(domain_id=0)
    return rows.aggregate(n=Sum("n"))["n"] or 0


def counts_by_employment(audience, round=None):
    """{employment type: number of stories}."""
    rows = (
        _rows(StoryCount, audience, round)
        .filter(domain_id=0)
        .values("employment_type")
        .annotate(total=Sum("n"))
    )
    return {row["employment_type"]: row["total"] for row in rows if row["total"]}


def domain_employment_table(audience, round=None):
    """{(domain id, employment type): number of stories} (the cross table)."""
    rows = (
        _rows(StoryCount, audience, round)
        .exclude(domain_id=0)
        .values("domain_id", "employment_type")
        .annotate(total=Sum("n"))
    )
    return {
        (row["domain_id"], row["employment_type"]): row["total"] for row in rows if row["total"]
    }


def counts_by_domain(audience, round=None):
    """{domain id: number of stories tagged with it}."""
    counts = {}
    for (domain_id, _employment), n in domain_employment_table(audience, round).items():
        counts[domain_id] = counts.get(domain_id, 0) + n
    return counts


def cooccurrence(audience, round=None):
    """[(domain id a, domain id b, number of stories tagged with both)], a < b, most first."""
    rows = (
        _rows(DomainPairCount, audience, round)
        .values("domain_a", "domain_b")
        .annotate(total=Sum("n"))
        .filter(total__gt=0)
        .order_by("-total", "domain_a", "domain_b")
    )
    return [(row["domain_a"], row["domain_b"], row["total"]) for row in rows]


def feedback_counts(audience, round=None):
    """{"stories", "storytellers", "with_feedback", "stories_with_feedback"}: counts, in
    a round, a list of rounds or every round (None)."""
    ids = round_ids(round)
    if ids is not None and len(ids) == 1:  # kept per round by the triggers: one row
        total = _rows(StorytellerTotal, audience, round).first()
        return {
            "stories": story_total(audience, round),
            "storytellers": total.tellers if total else 0,
            "with_feedback": total.tellers_heard if total else 0,
            "stories_with_feedback": total.stories_heard if total else 0,
        }
    # Several rounds: a storyteller with stories in two of them counts once.
    rows = _rows(StorytellerCount, audience, round).filter(stories__gt=0)
    tellers = rows.values("teller").annotate(told=Sum("stories"), heard=Sum("with_feedback"))
    return tellers.aggregate(
        stories=Sum("told", default=0),
        storytellers=Count("teller"),
        with_feedback=Count("teller", filter=Q(heard__gt=0)),
        stories_with_feedback=Sum("heard", default=0),
    )


def _tagged_in_order(audience, round):
    """The (story, domain) tags of the stories the audience sees, in collection order."""
    return StoryDomain.objects.filter(
        audience_condition(audience, round, prefix="story__")
    ).order_by("story__collected_on", "story_id")


def titles_by_domain(audience, round, domain_ids, totals, limit=EXAMPLE_LIMIT, only_ids=None):
    """{domain id: [{"id", "title", "total"}, ...]}: the first `limit` stories of each
    domain that the audience sees, in collection order, in one query made of one bounded
    part per domain; `totals` ({domain id: n}) comes from counts_by_domain. `only_ids`
    restricts the stories to those ids (a report edition rebuilt from its manifest)."""
    wanted = [d for d in domain_ids if totals.get(d)]
    if not wanted:
        return {}
    tagged = _tagged_in_order(audience, round)
    if only_ids is not None:
        tagged = tagged.filter(story_id__in=list(only_ids))
    tagged = tagged.values_list("domain_id", "story_id", "story__title")
    parts = [tagged.filter(domain_id=domain_id)[:limit] for domain_id in wanted]
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    result = {}
    for domain_id, story_id, title in rows:
        result.setdefault(domain_id, []).append(
            {"id": story_id, "title": title, "total": totals[domain_id]}
        )
    return result


def domain_titles(audience, round, domain_id, limit=EXAMPLE_LIMIT):
    """The first `limit` stories tagged with one domain that the audience sees, in
    collection order, as [{"id", "title", "total"}]: "total" is how many there are in all,
    from the counts PostgreSQL keeps (stories.tallies), read by the same statement as a
    scalar subquery (one query; a domain page). No story: an empty list."""
    total = (
        _rows(StoryCount, audience, round)
        .filter(domain_id=domain_id)
        .values("domain_id")
        .annotate(n=Sum("n"))
        .values("n")
    )
    rows = (
        _tagged_in_order(audience, round)
        .filter(domain_id=domain_id)
        .annotate(total=Subquery(total))
        .values_list("story_id", "story__title", "total")[:limit]
    )
    return [{"id": story_id, "title": title, "total": n} for story_id, title, n in rows]


def collection_counts():
    """Meta-monitoring of every story, in three queries: per round, per collector, per
    month (the latest twelve), and the shares (ready, each consent, withdrawn, read back)."""
    per_round = list(
        CollectionCount.objects.values("round_id")
        .annotate(n=Sum("total"))
        .filter(n__gt=0)
        .order_by("round_id")
    )
    per_collector = list(
        CollectionCount.objects.values("collector_id")
        .annotate(n=Sum("total"))
        .filter(n__gt=0)
        .order_by("-n", "collector_id")
    )
    per_month = list(
        CollectionCount.objects.values("month")
        .annotate(n=Sum("total"))
        .filter(n__gt=0)
        .order_by("-month")[:12]
    )
    shares = CollectionCount.objects.aggregate(
        total=Sum("total", default=0),
        ready=Sum("ready", default=0),
        analysis=Sum("analysis", default=0),
        report=Sum("report", default=0),
        publish=Sum("publish", default=0),
        withdrawn=Sum("withdrawn", default=0),
        read_back=Sum("read_back", default=0),
    )
    return {
        "per_round": per_round,
        "per_collector": per_collector,
        "per_month": per_month,
        "shares": shares,
    }

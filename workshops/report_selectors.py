"""Query functions the domain summaries, the report and the feedback letter read.

Rankings come from `workshops.selectors.ranking`; this module adds which workshop ranks
by default, the quotes and selections per domain, and the workshops of a round. Each
function runs a fixed number of queries whatever the number of ballots or quotes.
"""

from django.db.models import Count, F

from stories.models import CollectionRound
from stories.selectors import audience_condition

from .models import Quote, Selection, Workshop
from .selectors import participants

CLOSED = Workshop.Status.CLOSED
READING_KINDS = (Workshop.Kind.STAFF, Workshop.Kind.PARTNERS, Workshop.Kind.MIXED)


def rounds():
    """Collection rounds, newest first (rounds without a start date last)."""
    return CollectionRound.objects.order_by(F("starts_on").desc(nulls_last=True), "-id")


def latest_round():
    return rounds().first()


def closed_workshops():
    """Closed workshops (those that can rank the domains), newest first."""
    return (
        Workshop.objects.filter(status=CLOSED).select_related("round").order_by("-held_on", "-id")
    )


def closed_workshops_plain():
    """Closed workshops, newest first, without joins (for choice lists)."""
    return Workshop.objects.filter(status=CLOSED).order_by("-held_on", "-id")


def default_ranking_workshop(round=None):
    """The latest closed citizens' workshop of the round (default: the latest round).

    Falls back to the latest closed citizens' workshop anywhere, then any closed workshop.
    """
    citizens = closed_workshops().filter(kind=Workshop.Kind.CITIZENS)
    if round is None:
        round = latest_round()
    if round is not None:
        found = citizens.filter(round=round).first()
        if found is not None:
            return found
    return citizens.first() or closed_workshops().first()


def latest_closed_of_kind(round, kinds):
    """{kind: latest closed workshop of that kind in the round} (one query)."""
    if round is None:
        return {}
    result = {}
    for workshop in closed_workshops().filter(round=round, kind__in=kinds):
        result.setdefault(workshop.kind, workshop)
    return result


def _citizen_quotes(round, domain_ids=None):
    quotes = Quote.objects.filter(
        workshop__kind=Workshop.Kind.CITIZENS, workshop__status=CLOSED, workshop__round=round
    )
    if domain_ids is not None:
        quotes = quotes.filter(domain_id__in=domain_ids)
    return quotes


def citizen_quotes(round, domain_ids=None):
    """{domain id: {"why": [text], "role": [text], "groups": n}} from the round's closed
    citizens' workshops; "groups" counts the distinct groups the quotes came from."""
    result = {}
    for quote in _citizen_quotes(round, domain_ids).order_by("domain_id", "kind", "id"):
        entry = result.setdefault(quote.domain_id, {"why": [], "role": [], "groups": set()})
        entry[quote.kind if quote.kind in ("why", "role") else "why"].append(quote.text)
        if quote.group_id:
            entry["groups"].add(quote.group_id)
    for entry in result.values():
        entry["groups"] = len(entry["groups"])
    return result


def selections(round, audience, domain_ids=None):
    """{domain id: [Selection]} of the round's closed workshops, only for stories the
    audience may see (stories.selectors.audience_condition); the story's title and the
    workshop loaded in the same query."""
    rows = Selection.objects.filter(
        audience_condition(audience, prefix="story__"),
        workshop__round=round,
        workshop__status=CLOSED,
    )
    if domain_ids is not None:
        rows = rows.filter(domain_id__in=domain_ids)
    rows = rows.select_related("story", "workshop").only(
        "id",
        "domain_id",
        "reason",
        "dissent",
        "story_id",
        "story__title",
        "workshop_id",
        "workshop__title",
        "workshop__kind",
        "workshop__held_on",
    )
    result = {}
    for selection in rows.order_by("workshop__held_on", "workshop_id", "id"):
        result.setdefault(selection.domain_id, []).append(selection)
    return result


def round_workshops(round):
    """The round's workshops (not drafts) in date order, with participant (ballot) and
    group counts (one query; the ballots are counted by PostgreSQL, workshops.tallies)."""
    if round is None:
        return []
    return list(
        Workshop.objects.filter(round=round)
        .exclude(status=Workshop.Status.DRAFT)
        .annotate(participants=participants(), group_count=Count("groups"))
        .order_by("held_on", "id")
    )


def workshops_per_round():
    """[{"round_id", "round__name", "held", "participants"}] for closed workshops."""
    rows = (
        Workshop.objects.filter(status=CLOSED)
        .annotate(participants=participants())
        .values_list("round_id", "round__name", "participants")
        .order_by(F("round__starts_on").desc(nulls_last=True), "-round_id")
    )
    per_round = {}
    for round_id, name, count in rows:
        entry = per_round.setdefault(
            round_id, {"round_id": round_id, "round__name": name, "held": 0, "participants": 0}
        )
        entry["held"] += 1
        entry["participants"] += count
    return list(per_round.values())


def workshops_that_read(story, analysis_consent):
    """Which workshops read the story, for the feedback letter (two queries).

    Read: the closed staff, partners' and mixed workshops of the story's round held on or
    after the story was collected, while the story has analysis consent. Selected: the
    closed workshops that chose it as the most significant story for a domain.
    Returns {"read": [Workshop], "selected": [Selection]}.
    """
    read = []
    if analysis_consent and story.round_id:
        read = list(
            Workshop.objects.filter(
                round_id=story.round_id,
                status=CLOSED,
                kind__in=READING_KINDS,
                held_on__gte=story.collected_on,
            ).order_by("held_on", "id")
        )
    selected = list(
        Selection.objects.filter(story=story, workshop__status=CLOSED)
        .select_related("workshop", "domain")
        .order_by("workshop__held_on", "id")
    )
    read_ids = {w.pk for w in read}
    for selection in selected:
        if selection.workshop_id not in read_ids:
            read.append(selection.workshop)
            read_ids.add(selection.workshop_id)
    read.sort(key=lambda w: (w.held_on, w.pk))
    return {"read": read, "selected": selected}

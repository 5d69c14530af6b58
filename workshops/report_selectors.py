"""Query functions the domain summaries, the report and the feedback letter read.

Rankings come from `workshops.selectors` (`ranking`, `combined_ranking`); this module
adds the workshops a report edition may use, the quotes and selections of given
workshops per domain, and the analysis workshops' answers. A rehearsal workshop counts
nowhere here. Each function runs a fixed number of queries whatever the number of
ballots or quotes.
"""

from django.db.models import F

from stories.models import CollectionRound
from stories.selectors import audience_condition

from .models import AnalysisNote, Group, Quote, Selection, Workshop
from .selectors import participants

CLOSED = Workshop.Status.CLOSED
READING_KINDS = (Workshop.Kind.STAFF, Workshop.Kind.PARTNERS, Workshop.Kind.MIXED)
# How many closed workshops a report edition's form offers (newest first).
CANDIDATE_LIMIT = 40
# How many analysis workshops' answers the page for writing a domain's texts shows.
ANALYSIS_WORKSHOPS = 12


def rounds():
    """Collection rounds, newest first (rounds without a start date last)."""
    return CollectionRound.objects.order_by(F("starts_on").desc(nulls_last=True), "-id")


def latest_round():
    return rounds().first()


def closed_workshops():
    """Closed workshops that may count (never a rehearsal), newest first."""
    return (
        Workshop.objects.filter(status=CLOSED, is_rehearsal=False)
        .select_related("round")
        .order_by("-held_on", "-id")
    )


def candidate_workshops(round_ids, limit=CANDIDATE_LIMIT):
    """The closed workshops of the rounds that a report edition may be built from (never a
    rehearsal), newest first, at most `limit` (one query)."""
    return list(closed_workshops().filter(round_id__in=list(round_ids))[:limit])


def workshops_with_counts(workshop_ids):
    """The workshops in date order with participant (ballot) and group counts: how many
    groups there are (`group_count`) and how many cast a ballot (`groups_voting`). Two
    plain queries: the workshops, and their groups' ballots from the tallies PostgreSQL
    keeps (workshops.tallies), added up here (cheaper to build than three subqueries)."""
    if not workshop_ids:
        return []
    ids = list(workshop_ids)
    workshops = list(
        Workshop.objects.filter(pk__in=ids).select_related("round").order_by("held_on", "id")
    )
    counts = {w.pk: [0, 0, 0] for w in workshops}  # participants, groups, groups voting
    groups = Group.objects.filter(workshop_id__in=ids).values_list("workshop_id", "count__ballots")
    for workshop_id, ballots in groups:
        count = counts[workshop_id]
        count[0] += ballots or 0
        count[1] += 1
        count[2] += 1 if ballots else 0
    for workshop in workshops:
        workshop.participants, workshop.group_count, workshop.groups_voting = counts[workshop.pk]
    return workshops


def _quotes_of(workshop_ids, domain_ids=None):
    quotes = Quote.objects.filter(
        workshop_id__in=list(workshop_ids),
        workshop__kind=Workshop.Kind.CITIZENS,
    )
    if domain_ids is not None:
        quotes = quotes.filter(domain_id__in=domain_ids)
    return quotes


def citizen_quotes(workshop_ids, domain_ids=None):
    """{domain id: {"why": [text], "role": [text], "groups": n}} from the given workshops
    (a report edition's basis: closed, no rehearsal, or as they were when it was
    published) that are citizens' workshops (one query); "groups" counts the distinct
    groups the quotes came from."""
    result = {}
    if not workshop_ids:
        return result
    rows = _quotes_of(workshop_ids, domain_ids).order_by(
        "domain_id", "kind", "workshop__held_on", "workshop_id", "id"
    )
    for domain_id, kind, text, group_id in rows.values_list(
        "domain_id", "kind", "text", "group_id"
    ):
        entry = result.setdefault(domain_id, {"why": [], "role": [], "groups": set()})
        entry[kind if kind in ("why", "role") else "why"].append(text)
        if group_id:
            entry["groups"].add(group_id)
    for entry in result.values():
        entry["groups"] = len(entry["groups"])
    return result


def selections(workshop_ids, audience, domain_ids=None, full_text=False):
    """{domain id: [Selection]} of the given workshops (a report edition's basis), for
    stories the audience may see (stories.selectors.audience_condition); the story's
    title (and with `full_text` its text) and the workshop loaded in the same query."""
    if not workshop_ids:
        return {}
    rows = Selection.objects.filter(
        audience_condition(audience, prefix="story__"), workshop_id__in=list(workshop_ids)
    )
    if domain_ids is not None:
        rows = rows.filter(domain_id__in=domain_ids)
    fields = [
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
    ]
    if full_text:
        fields.append("story__text")
    rows = rows.select_related("story", "workshop").only(*fields)
    result = {}
    for selection in rows.order_by("workshop__held_on", "workshop_id", "id"):
        result.setdefault(selection.domain_id, []).append(selection)
    return result


def analysis_notes(domain_id, workshop_limit=ANALYSIS_WORKSHOPS):
    """The groups' answers to the two analysis questions about a domain, from the newest
    `workshop_limit` analysis workshops that answered them (never a rehearsal):
    [(workshop, {"changes": [note], "creates": [note]})], newest first (two queries)."""
    workshops = list(
        Workshop.objects.filter(is_rehearsal=False, analysis_notes__domain_id=domain_id)
        .distinct()
        .order_by("-held_on", "-id")[:workshop_limit]
    )
    if not workshops:
        return []
    by_workshop = {w.pk: (w, {"changes": [], "creates": []}) for w in workshops}
    notes = (
        AnalysisNote.objects.filter(domain_id=domain_id, workshop_id__in=list(by_workshop))
        .select_related("group")
        .order_by("question", "group__number", "id")
    )
    for note in notes:
        by_workshop[note.workshop_id][1].setdefault(note.question, []).append(note)
    return [by_workshop[w.pk] for w in workshops]


def workshops_per_round():
    """[{"round_id", "round__name", "held", "participants"}] for closed workshops (not
    rehearsals)."""
    rows = (
        Workshop.objects.filter(status=CLOSED, is_rehearsal=False)
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
                is_rehearsal=False,
                kind__in=READING_KINDS,
                held_on__gte=story.collected_on,
            ).order_by("held_on", "id")
        )
    selected = list(
        Selection.objects.filter(story=story, workshop__status=CLOSED, workshop__is_rehearsal=False)
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

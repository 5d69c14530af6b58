"""Reads of workshop data: the participant's lookups, rankings and the console's counts."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from aktiv.disclosure import MIN_COUNT, hidden_keys
from domains.models import Domain

from .models import Ballot, Group, Selection, Workshop
from .tallies import GroupCount, VoteCount

# Per-group counts of a group with fewer ballots than this are hidden (they would
# reveal how a person voted); its votes still count in the totals. Hiding must survive
# differencing (total minus the shown groups): see hidden_groups().
MIN_BALLOTS_TO_SHOW_GROUP = MIN_COUNT
# What a ranking shows of a domain (not its long texts).
RANKED_DOMAIN_FIELDS = (
    "id", "name", "slug", "statement", "easy_statement", "order", "is_active", "icon"
)  # fmt: skip


@dataclass
class DomainResult:
    domain: Domain
    votes: int = 0
    rank: int | None = None
    tied: bool = False
    groups_with_votes: int = 0
    # group id -> votes, or None when the group is too small to show
    per_group: dict = field(default_factory=dict)

    @property
    def prioritised(self):
        return self.votes > 0


@dataclass
class Ranking:
    workshop: Workshop  # the first of `workshops`
    groups: list
    results: list  # DomainResult, best first; not prioritised ones last
    workshops: list = field(default_factory=list)  # more than one: their votes added up
    participants: int = 0
    paper_ballots: int = 0
    votes: int = 0
    hidden_groups: set = field(default_factory=set)
    # More ballots than the head count the facilitator entered: shown as a mark.
    over_head_count: bool = False
    groups_with_ballots: int = 0

    @property
    def combined(self):
        return len(self.workshops) > 1

    @property
    def prioritised(self):
        return [r for r in self.results if r.prioritised]

    @property
    def not_prioritised(self):
        return [r for r in self.results if not r.prioritised]

    def rank_of(self, domain_id):
        for result in self.results:
            if result.domain.pk == domain_id:
                return result
        return None


def participants(workshop="pk"):
    """An annotation: the workshop's ballots, from the tallies (a small subquery)."""
    ballots = (
        GroupCount.objects.filter(workshop=OuterRef(workshop))
        .values("workshop")
        .annotate(n=Sum("ballots"))
        .values("n")
    )
    return Coalesce(Subquery(ballots), 0)


def _with_counts(groups):
    for group in groups:
        tally = getattr(group, "count", None)
        group.ballot_count = tally.ballots if tally else 0
        group.paper_count = tally.paper if tally else 0
    return groups


def groups_with_counts(workshop):
    """The workshop's groups in order, each with `ballot_count` and `paper_count` from the
    tallies PostgreSQL keeps (one query)."""
    return _with_counts(
        list(Group.objects.filter(workshop=workshop).select_related("count").order_by("number"))
    )


def hidden_groups(groups, minimum=MIN_BALLOTS_TO_SHOW_GROUP):
    """The ids of the groups whose per-group counts are not shown: aktiv.disclosure's
    rule on their ballot counts (groups under `minimum` ballots, and more until the
    hidden groups together hold none or at least `minimum`), so total minus the shown
    groups never gives away one person's choices. `groups` have pk and ballot_count."""
    return hidden_keys({g.pk: g.ballot_count for g in groups}, minimum, hide_zero=True)


def ranking(workshop):
    """Domains on the workshop's ballot ranked by votes (see rankings)."""
    return rankings([workshop])[0]


def _ranking_data(ids):
    """{workshop id: domains on its ballot}, {workshop id: groups with ballot counts},
    {workshop id: [(domain id, group id, votes)]}: four small queries, whatever the
    number of workshops or ballots (the counts are kept by PostgreSQL, workshops.tallies)."""
    # Which domains are on which ballot as plain pairs, then each domain once: for an
    # edition's eleven workshops this is less than half the time of one query that
    # builds a (deferred) domain object for every pair.
    pairs = set(
        Workshop.domains.through.objects.filter(workshop_id__in=ids).values_list(
            "workshop_id", "domain_id"
        )
    )
    by_id = Domain.objects.only(*RANKED_DOMAIN_FIELDS).in_bulk({pk for _w, pk in pairs})
    in_order = sorted(by_id.values(), key=lambda d: (d.order, d.name))
    domains = {w: [d for d in in_order if (w, d.pk) in pairs] for w in {w for w, _d in pairs}}
    groups, counts = {}, {}
    grouped = Group.objects.filter(workshop_id__in=ids).select_related("count")
    for group in _with_counts(list(grouped.order_by("number"))):
        groups.setdefault(group.workshop_id, []).append(group)
    for row in VoteCount.objects.filter(workshop_id__in=ids, n__gt=0).values_list(
        "workshop_id", "domain_id", "group_id", "n"
    ):
        counts.setdefault(row[0], []).append(row[1:])
    return domains, groups, counts


def ranking_data(workshops):
    """What rankings and combined_ranking read (four small queries), for a page that
    needs both for different workshops: read once for all of them, pass it to each."""
    return _ranking_data([w.pk for w in workshops])


def rankings(workshops, data=None):
    """The rankings of several workshops, each on its own, in four small queries
    whatever the number of workshops or ballots (_ranking_data; none with `data` from
    ranking_data). Competition ranking (1-2-2-4); within a tie, more groups with votes
    first, then the domains' display order.
    """
    domains, groups, counts = data or _ranking_data([w.pk for w in workshops])
    return [
        _rank([w], domains.get(w.pk, []), groups.get(w.pk, []), counts.get(w.pk, []))
        for w in workshops
    ]


def combined_ranking(workshops, data=None):
    """One ranking from several workshops: each domain's votes are the sum of its votes
    on every workshop, read from the counts PostgreSQL keeps (four queries, as
    rankings, or none with `data`). The domains are those on any of the ballots; the
    groups are all the workshops' groups, each workshop's small groups hidden by its own
    rule; ties are broken as in rankings. None without workshops."""
    workshops = list(workshops)
    if not workshops:
        return None
    domains, groups, counts = data or _ranking_data([w.pk for w in workshops])
    seen, all_domains, all_groups, all_counts = set(), [], [], []
    for workshop in workshops:
        for domain in domains.get(workshop.pk, []):
            if domain.pk not in seen:
                seen.add(domain.pk)
                all_domains.append(domain)
        all_groups += groups.get(workshop.pk, [])
        all_counts += counts.get(workshop.pk, [])
    all_domains.sort(key=lambda d: (d.order, d.name))
    return _rank(workshops, all_domains, all_groups, all_counts)


def _rank(workshops, domains, groups, counts):
    """The Ranking of one workshop, or of several added up, from their ballots'
    domains, their groups (with ballot counts) and their vote counts
    [(domain id, group id, n)]."""
    hidden = set()
    for workshop in workshops:  # each workshop's small groups, by its own rule
        hidden |= hidden_groups([g for g in groups if g.workshop_id == workshop.pk])

    by_domain = {d.pk: DomainResult(domain=d) for d in domains}
    hidden_votes = {}  # domain id -> votes in the hidden groups together
    for domain_id, group_id, n in counts:
        result = by_domain.get(domain_id)
        if result is None:  # a domain later removed from the ballot: still counted
            continue
        result.votes += n
        if group_id in hidden:
            hidden_votes[domain_id] = hidden_votes.get(domain_id, 0) + n
        else:
            result.groups_with_votes += 1
            result.per_group[group_id] = n
    for result in by_domain.values():
        # "Groups with votes" counts the hidden groups as one: what the shown numbers
        # tell anyway (total minus the shown groups), so it gives away nothing more.
        if hidden_votes.get(result.domain.pk):
            result.groups_with_votes += 1
        for group in groups:
            if group.pk in hidden:
                result.per_group[group.pk] = None
            else:
                result.per_group.setdefault(group.pk, 0)

    results = sorted(
        by_domain.values(),
        key=lambda r: (-r.votes, -r.groups_with_votes, r.domain.order, r.domain.name),
    )
    previous_votes, previous_rank = None, 0
    for position, result in enumerate(results, start=1):
        if not result.votes:
            continue
        result.rank = previous_rank if result.votes == previous_votes else position
        previous_votes, previous_rank = result.votes, result.rank
    rank_counts = {}
    for result in results:
        if result.rank:
            rank_counts[result.rank] = rank_counts.get(result.rank, 0) + 1
    for result in results:
        result.tied = bool(result.rank) and rank_counts[result.rank] > 1

    participants = sum(g.ballot_count for g in groups)
    return Ranking(
        workshop=workshops[0],
        workshops=list(workshops),
        groups=groups,
        results=results,
        participants=participants,
        paper_ballots=sum(g.paper_count for g in groups),
        votes=sum(r.votes for r in results),
        hidden_groups=hidden,
        over_head_count=any(
            w.over_head_count(sum(g.ballot_count for g in groups if g.workshop_id == w.pk))
            for w in workshops
        ),
        groups_with_ballots=sum(1 for g in groups if g.ballot_count),
    )


# --- the participant flow -----------------------------------------------------------------


def open_workshop_by_code(code):
    """The newest open workshop with this join code, or None."""
    return (
        Workshop.objects.filter(join_code=code, status=Workshop.Status.OPEN).order_by("-id").first()
    )


def group_by_number(workshop, number):
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    if not 0 <= number <= 32767:  # a smallint column
        return None
    return Group.objects.filter(workshop=workshop, number=number).first()


def ballot_domains(workshop):
    """The domains on the workshop's ballot, in the ballot's order."""
    return list(workshop.domains.order_by("order", "name"))


def ballot_for(workshop, hashed_token):
    """The participant's ballot with its chosen domains (2 queries), or None (also when
    the facilitator deleted it)."""
    if not hashed_token:
        return None
    return (
        Ballot.objects.filter(workshop=workshop, token=hashed_token, deleted_at__isnull=True)
        .select_related("group")
        .prefetch_related("votes__domain")
        .first()
    )


def group_ballot_counts(workshop):
    """Ballots per group (one query) for the live console."""
    return groups_with_counts(workshop)


def selections(workshop):
    """The workshop's story selections whose story may still be read in analysis.

    A story whose consent was withdrawn (or no longer has analysis consent) disappears.
    """
    from stories.models import Story

    from .models import Selection

    return (
        Selection.objects.filter(workshop=workshop, story__in=Story.objects.for_analysis())
        .select_related("domain", "story")
        .order_by("domain__order", "domain__name")
    )


# Workshops that read stories (for the feedback letter and the storytellers waiting for
# feedback): staff, partners' and mixed workshops, as workshops.report_selectors.
READING_KINDS = (Workshop.Kind.STAFF, Workshop.Kind.PARTNERS, Workshop.Kind.MIXED)
WAITING_LIMIT = 20


def storytellers_waiting_for_feedback(limit=WAITING_LIMIT):
    """The storytellers (pseudonymous code, or "#<story id>" without one) still waiting
    for feedback, the longest waiting first, from the counts PostgreSQL keeps
    (stories.tallies): two small queries whatever the number of stories.
    Returns ([{"teller", "stories", "since"}], total).

    The feedback letter's rule (report_selectors.workshops_that_read) at the level of
    rounds: a story with analysis consent, in a round where a staff, partners' or mixed
    workshop has closed, and no feedback on it. `since` is the date of the round's first
    such workshop; `stories` how many of the storyteller's stories wait. (The letter also
    counts a workshop of another round that selected the story, and reads a story only
    from workshops held after it was collected: per round and storyteller the counts
    cannot tell, so a story collected after its round's workshops waits too.)
    """
    from django.db.models import F, Min, Window
    from django.db.models.functions import Greatest

    from stories.tallies import Audience, StorytellerCount

    reading = Workshop.objects.filter(
        round_id=OuterRef("round_id"), status=Workshop.Status.CLOSED, kind__in=READING_KINDS
    ).order_by("held_on")
    waiting = (
        StorytellerCount.objects.filter(
            audience=Audience.ANALYSIS, round_id__in=_reading_rounds(), stories__gt=0
        )
        .annotate(since_round=Subquery(reading.values("held_on")[:1]))
        .values("teller")
        .annotate(
            stories=Sum(Greatest(F("stories") - F("with_feedback"), 0)),
            since=Min("since_round"),
        )
        .filter(stories__gt=0)
    )
    ranked = waiting.annotate(total=Window(Count("teller"))).order_by("since", "teller")
    rows = list(ranked[:limit])
    total = rows[0]["total"] if rows else 0
    return [{k: row[k] for k in ("teller", "stories", "since")} for row in rows], total


def _reading_rounds():
    return (
        Workshop.objects.filter(
            status=Workshop.Status.CLOSED, kind__in=READING_KINDS, round_id__isnull=False
        )
        .values("round_id")
        .distinct()
    )


def round_rankings(collection_round):
    """The round's latest closed workshop of each kind with its ranking, citizens first
    (rehearsals never count).

    A fixed number of queries: one for the workshops, four for their rankings.
    """
    kinds = Workshop.Kind
    order = [kinds.CITIZENS, kinds.STAFF, kinds.PARTNERS, kinds.MIXED]
    latest = {}
    for workshop in Workshop.objects.filter(
        round=collection_round, status=Workshop.Status.CLOSED, is_rehearsal=False
    ).order_by("-held_on", "-id"):
        latest.setdefault(workshop.kind, workshop)
    return rankings([latest[kind] for kind in order if kind in latest])


def selection_notes(sender, story_ids, **kwargs):
    """The workshops' reasons for selecting these stories, as notes for the REFI-QDA
    export: [(story id, name, text)] (one query). Connected to coding.signals.project_notes."""
    rows = (
        Selection.objects.filter(story_id__in=story_ids)
        .select_related("workshop", "domain")
        .order_by("story_id", "workshop__held_on", "id")
    )
    notes = []
    for selection in rows:
        name = f"Udvalgt: {selection.domain.name} ({selection.workshop.title})"
        text = selection.reason
        if selection.dissent:
            text = f"{text}\n\nUenighed: {selection.dissent}"
        notes.append((selection.story_id, name, text))
    return notes

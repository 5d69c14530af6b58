"""Demo workshops for round "2019–2021" (runs after stories.demo). Idempotent.

- A closed citizens' workshop reproducing the seed report: 14 ballots in three groups
  (workshops.demo_data), the report's ranking with a shared 5th place and VÆRDIGHED OG
  LIGEVÆRDIGHED not prioritised, and the report's quotes attributed to groups that voted
  for the domain (as many distinct groups as the report says discussed it).
- A closed staff workshop and a closed partners' workshop with other rankings and a few
  selections of the most significant story (only stories with analysis consent).
- An open workshop with the fixed join code DEMO_CODE ("GRUPPE"): try /w/GRUPPE/.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from domains import seed
from domains.models import Domain
from stories.models import CollectionRound, Story

from .demo_data import CITIZEN_GROUPS, VOTES_PER_PARTICIPANT, ballots_for
from .models import Ballot, Group, Quote, Selection, Vote, Workshop
from .services import DEMO_CODE

ROUND_NAME = "2019–2021"

STAFF_BALLOTS = {
    1: [
        ["selvtillid-og-selvrespekt", "muligheder", "faellesskab"],
        ["selvtillid-og-selvrespekt", "laering", "selvstaendighed"],
        ["muligheder", "selvtillid-og-selvrespekt", "glaede"],
        ["laering", "muligheder", "indflydelse"],
    ],
    2: [
        ["selvtillid-og-selvrespekt", "selvstaendighed", "vaerdighed-og-ligevaerdighed"],
        ["muligheder", "laering", "faellesskab"],
        ["selvstaendighed", "selvtillid-og-selvrespekt", "tryghed-og-mod"],
        ["muligheder", "glaede", "laering"],
    ],
}

PARTNER_BALLOTS = {
    1: [
        ["uundvaerlighed", "muligheder", "faellesskab"],
        ["uundvaerlighed", "vaerdighed-og-ligevaerdighed", "glaede"],
        ["muligheder", "uundvaerlighed", "selvstaendighed"],
    ],
    2: [
        ["faellesskab", "uundvaerlighed", "muligheder"],
        ["vaerdighed-og-ligevaerdighed", "faellesskab", "laering"],
        ["glaede", "uundvaerlighed", "tryghed-og-mod"],
    ],
}

SELECTION_REASONS = [
    "Fortællingen viser en forandring, som mange af borgerne kan genkende. Det er "
    "borgerens egne ord, og forandringen rækker ud over arbejdet.",
    "Vi valgte den, fordi den viser, hvad tilbuddet konkret gjorde, og hvad det betød "
    "for borgeren. Den giver os noget at lære af.",
    "Den er den tydeligste fortælling om området: før og efter står klart, og "
    "forandringen har holdt over tid.",
]
SELECTION_DISSENT = "To i gruppen pegede hellere på en anden fortælling om samme område."


def _workshop(title, kind, held_on, round_, facilitator, groups, status, code=""):
    workshop, created = Workshop.objects.get_or_create(
        title=title,
        round=round_,
        defaults={
            "kind": kind,
            "held_on": held_on,
            "facilitator": facilitator,
            "votes_per_participant": VOTES_PER_PARTICIPANT,
            "status": status,
            "join_code": code,
            "opened_at": timezone.now() if status != Workshop.Status.DRAFT else None,
            "closed_at": timezone.now() if status == Workshop.Status.CLOSED else None,
        },
    )
    if created:
        workshop.domains.set(Domain.objects.filter(is_active=True))
        Group.objects.bulk_create(
            Group(workshop=workshop, number=n, name=f"Gruppe {n}") for n in range(1, groups + 1)
        )
    return workshop


def _cast(workshop, ballots_by_group, prefix):
    if workshop.ballots.exists():
        return
    groups = {g.number: g for g in workshop.groups.all()}
    domains = {d.slug: d for d in Domain.objects.all()}
    votes = []
    for number, ballots in ballots_by_group.items():
        for index, slugs in enumerate(ballots, start=1):
            ballot = Ballot.objects.create(
                workshop=workshop, group=groups[number], token=f"demo-{prefix}-{number}-{index}"
            )
            votes += [
                Vote(ballot=ballot, slot=slot, domain=domains[slug])
                for slot, slug in enumerate(slugs, start=1)
            ]
    # The votes are cast while the workshop is open (the database takes votes only then),
    # and it closes after them, as it would in a real workshop.
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.OPEN)
    Vote.objects.bulk_create(votes)
    Workshop.objects.filter(pk=workshop.pk).update(status=workshop.status, closed_at=timezone.now())


def citizen_quotes(groups):
    """(group, domain slug, kind, text) for the report's quotes.

    Each domain's quotes are spread round-robin over the first `groups_discussed` groups
    that voted for it, so the distinct groups quoting a domain equal the report's number.
    """
    voted = {}
    for number, (_count, votes) in sorted(CITIZEN_GROUPS.items()):
        for slug in votes:
            voted.setdefault(slug, []).append(number)
    rows = []
    for data in seed.domains():
        slug = data["slug"]
        used = voted.get(slug, [])[: data["groups_discussed"]]
        if not used:
            continue
        texts = [(Quote.Kind.WHY, t) for t in data["quotes_why"]]
        texts += [(Quote.Kind.ROLE, t) for t in data["quotes_role"]]
        for index, (kind, text) in enumerate(texts):
            rows.append((groups[used[index % len(used)]], slug, kind, text))
    return rows


def _quotes(workshop, facilitator):
    if workshop.quotes.exists():
        return
    groups = {g.number: g for g in workshop.groups.all()}
    domains = {d.slug: d for d in Domain.objects.all()}
    Quote.objects.bulk_create(
        Quote(
            workshop=workshop,
            group=group,
            domain=domains[slug],
            kind=kind,
            text=text,
            created_by=facilitator,
        )
        for group, slug, kind, text in citizen_quotes(groups)
    )


def _selections(workshop, facilitator, pick_last=False, limit=4):
    stories = Story.objects.for_analysis()
    if not stories.exists():
        return
    made = 0
    for index, domain in enumerate(workshop.domains.order_by("order")):
        candidates = list(stories.filter(domains=domain).order_by("collected_on", "id"))
        if not candidates:
            continue
        story = candidates[-1] if pick_last else candidates[0]
        Selection.objects.get_or_create(
            workshop=workshop,
            domain=domain,
            defaults={
                "story": story,
                "reason": SELECTION_REASONS[index % len(SELECTION_REASONS)],
                "dissent": SELECTION_DISSENT if index % 3 == 1 else "",
                "created_by": facilitator,
            },
        )
        made += 1
        if made >= limit:
            break


@transaction.atomic
def load(users):
    facilitator = users.get("facilitator")
    round_, _ = CollectionRound.objects.get_or_create(
        name=ROUND_NAME,
        defaults={"starts_on": datetime.date(2019, 1, 1), "ends_on": datetime.date(2021, 12, 31)},
    )
    closed = Workshop.Status.CLOSED

    citizens = _workshop(
        "Borgerworkshop", Workshop.Kind.CITIZENS, datetime.date(2021, 4, 20),
        round_, facilitator, len(CITIZEN_GROUPS), closed,
    )  # fmt: skip
    _cast(
        citizens,
        {n: ballots_for(count, votes) for n, (count, votes) in CITIZEN_GROUPS.items()},
        "citizens",
    )
    _quotes(citizens, facilitator)

    staff = _workshop(
        "Medarbejderworkshop", Workshop.Kind.STAFF, datetime.date(2020, 10, 6),
        round_, facilitator, len(STAFF_BALLOTS), closed,
    )  # fmt: skip
    _cast(staff, STAFF_BALLOTS, "staff")
    _selections(staff, facilitator)

    partners = _workshop(
        "Workshop med samarbejdspartnere", Workshop.Kind.PARTNERS, datetime.date(2020, 11, 10),
        round_, facilitator, len(PARTNER_BALLOTS), closed,
    )  # fmt: skip
    _cast(partners, PARTNER_BALLOTS, "partners")
    _selections(partners, facilitator, pick_last=True)

    _workshop(
        "Prøv at stemme (demo)", Workshop.Kind.MIXED, datetime.date(2026, 1, 15),
        None, facilitator, 3, Workshop.Status.OPEN, code=DEMO_CODE,
    )  # fmt: skip

"""The seed report's scenario as ORM objects (what stories/demo.py + workshops/demo.py load).

20 ready stories of `domains.seed.stories()` with analysis and report consent, employment
7 wage subsidy / 4 voluntary / 2 unreferred / 5 §103 / 2 §104, round "2019–2021"; extra
stories that must not reach the report (a draft, a withdrawn one, one with analysis
consent only); the closed citizens' workshop of `workshops.demo_data` with the quotes of
`domains.seed.domains()` spread over groups so that distinct groups per domain equal the
report's "groups discussed"; closed staff and partners' workshops with selections; an
open workshop.
"""

import datetime
import itertools
import secrets
from dataclasses import dataclass, field

from django.utils import timezone

from domains import seed
from domains.models import Domain
from stories.models import CollectionRound, Story
from workshops.demo_data import CITIZEN_GROUPS, VOTES_PER_PARTICIPANT, ballots_for
from workshops.models import Ballot, Group, Quote, Selection, Vote, Workshop

EMPLOYMENT = (
    ["wage_subsidy"] * 7
    + ["voluntary"] * 4
    + ["unreferred"] * 2
    + ["sheltered_103"] * 5
    + ["activity_104"] * 2
)

DRAFT_TITLE = "Kladde der aldrig må vises"
WITHDRAWN_TITLE = "Trukket tilbage og skjult"
ANALYSIS_ONLY_TITLE = "Kun til analyse, ikke rapport"
PUBLIC_TITLE = "Det rette match"
COLLECTOR_USERNAME = "kirsten-indsamler"

_tokens = itertools.count(1)


@dataclass
class Scenario:
    round: CollectionRound
    stories: dict = field(default_factory=dict)  # title -> Story
    citizens: Workshop = None
    staff: Workshop = None
    partners: Workshop = None
    open: Workshop = None
    hidden: list = field(default_factory=list)  # Stories that must not be in the report


def make_story(title, domains, round, *, employment="wage_subsidy", collector=None, **kwargs):
    defaults = {
        "text": f"Fortællingen om {title}.",
        "significance": "Det betyder meget.",
        "employment_type": employment,
        "round": round,
        "collected_on": datetime.date(2019, 10, 1),
        "collected_by": collector,
        "status": Story.Status.READY,
        "consent_analysis_on": datetime.date(2019, 10, 1),
        "consent_report_on": datetime.date(2019, 10, 1),
    }
    defaults.update(kwargs)
    story = Story.objects.create(title=title, **defaults)
    story.domains.set(Domain.objects.filter(slug__in=domains))
    return story


def make_workshop(title, kind, held_on, round, groups=3, status=Workshop.Status.CLOSED):
    workshop = Workshop.objects.create(
        title=title,
        kind=kind,
        held_on=held_on,
        round=round,
        status=status,
        votes_per_participant=VOTES_PER_PARTICIPANT,
    )
    workshop.domains.set(Domain.objects.all())
    for n in range(1, groups + 1):
        Group.objects.create(workshop=workshop, number=n, name=f"Gruppe {n}")
    return workshop


def cast(workshop, group, slugs):
    ballot = Ballot.objects.create(
        workshop=workshop, group=group, token=f"t{next(_tokens)}-{secrets.token_hex(8)}"
    )
    domains = {d.slug: d for d in Domain.objects.filter(slug__in=slugs)}
    Vote.objects.bulk_create(
        Vote(ballot=ballot, slot=i, domain=domains[s]) for i, s in enumerate(slugs, 1)
    )
    return ballot


def add_quotes(workshop):
    """Each domain's quotes spread round-robin over as many groups as discussed it."""
    groups = list(workshop.groups.order_by("number"))
    domains = {d.slug: d for d in Domain.objects.all()}
    for data in seed.domains():
        wanted = data["groups_discussed"]
        texts = [("why", t) for t in data["quotes_why"]] + [
            ("role", t) for t in data["quotes_role"]
        ]
        for index, (kind, text) in enumerate(texts):
            Quote.objects.create(
                workshop=workshop,
                group=groups[index % wanted],
                domain=domains[data["slug"]],
                kind=kind,
                text=text,
            )


def build_scenario(collector=None):
    round_ = CollectionRound.objects.create(
        name="2019–2021", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2021, 12, 31)
    )
    scenario = Scenario(round=round_)
    for index, (data, employment) in enumerate(zip(seed.stories(), EMPLOYMENT, strict=True)):
        scenario.stories[data["title"]] = make_story(
            data["title"],
            data["domains"],
            round_,
            employment=employment,
            collector=collector,
            storyteller_code=f"B-{index + 1:03d}",
            collected_on=datetime.date(2019, 9, 1) + datetime.timedelta(days=10 * index),
            consent_publish_on=(
                datetime.date(2019, 10, 1) if data["title"] == PUBLIC_TITLE else None
            ),
        )
    scenario.hidden = [
        make_story(
            DRAFT_TITLE,
            ["glaede", "vaerdighed-og-ligevaerdighed"],
            round_,
            status=Story.Status.DRAFT,
            collector=collector,
            storyteller_code="K-001",
        ),
        make_story(
            WITHDRAWN_TITLE,
            ["glaede", "faellesskab"],
            round_,
            consent_analysis_on=None,
            consent_report_on=None,
            withdrawn_at=timezone.now(),
            collector=collector,
            storyteller_code="K-002",
        ),
        make_story(
            ANALYSIS_ONLY_TITLE,
            ["glaede", "faellesskab", "laering"],
            round_,
            consent_report_on=None,
            collector=collector,
            storyteller_code="K-003",
        ),
    ]

    citizens = make_workshop(
        "Borgerworkshop", Workshop.Kind.CITIZENS, datetime.date(2021, 4, 20), round_
    )
    groups = {g.number: g for g in citizens.groups.all()}
    for number, (count, votes) in CITIZEN_GROUPS.items():
        for slugs in ballots_for(count, votes):
            cast(citizens, groups[number], slugs)
    add_quotes(citizens)
    scenario.citizens = citizens

    staff = make_workshop(
        "Analyseworkshop for medarbejdere", Workshop.Kind.STAFF, datetime.date(2020, 10, 1), round_
    )
    staff_groups = list(staff.groups.all())
    for i in range(6):
        cast(staff, staff_groups[i % 3], ["faellesskab", "muligheder", "glaede"][: 1 + i % 3])
    domains = {d.slug: d for d in Domain.objects.all()}
    Selection.objects.create(
        workshop=staff,
        domain=domains["glaede"],
        story=scenario.stories["Det rette match"],
        reason="Den viser, hvordan det rette match giver arbejdsglæde.",
    )
    Selection.objects.create(
        workshop=staff,
        domain=domains["laering"],
        story=scenario.hidden[2],
        reason="Valgt ud fra en fortælling uden rapportsamtykke.",
    )
    scenario.staff = staff

    partners = make_workshop(
        "Analyseworkshop for samarbejdspartnere",
        Workshop.Kind.PARTNERS,
        datetime.date(2020, 10, 15),
        round_,
    )
    partner_groups = list(partners.groups.all())
    for i in range(4):
        cast(partners, partner_groups[i % 3], ["muligheder", "indflydelse"])
    Selection.objects.create(
        workshop=partners,
        domain=domains["faellesskab"],
        story=scenario.stories["Jeg har fået mere ansvar…"],
        reason="Fællesskabet på arbejdspladsen bærer forandringen.",
    )
    scenario.partners = partners

    scenario.open = make_workshop(
        "Åben demo-workshop",
        Workshop.Kind.MIXED,
        datetime.date(2021, 6, 1),
        round_,
        status=Workshop.Status.OPEN,
    )
    return scenario


def bulk_stories(round, count, domains=("glaede", "laering"), **kwargs):
    """`count` report-consented stories tagged with `domains`, in a few queries."""
    stories = Story.objects.bulk_create(
        Story(
            title=f"Massefortælling {i}",
            text="Tekst",
            employment_type=EMPLOYMENT[i % len(EMPLOYMENT)],
            round=round,
            collected_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 300),
            status=Story.Status.READY,
            consent_analysis_on=datetime.date(2020, 1, 1),
            consent_report_on=datetime.date(2020, 1, 1),
            storyteller_code=f"M-{i}",
            **kwargs,
        )
        for i in range(count)
    )
    through = Story.domains.through
    domain_ids = list(Domain.objects.filter(slug__in=domains).values_list("pk", flat=True))
    through.objects.bulk_create(
        through(story_id=s.pk, domain_id=d) for s in stories for d in domain_ids
    )
    return stories

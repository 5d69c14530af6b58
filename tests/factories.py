"""Builders for test data: users, stories, workshops, ballots, and the seed report's scenario.

One module for the whole suite. Builders write through the ORM (fast, any state a test
needs); tests of the rules themselves go through the services and views.
"""

import datetime
import itertools
import secrets
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as RoleGroup
from django.utils import timezone

from domains import seed
from domains.models import Domain
from stories.models import CollectionRound, Story
from workshops.demo_data import CITIZEN_GROUPS, VOTES_PER_PARTICIPANT, ballots_for
from workshops.models import Ballot, Group, Quote, Selection, Vote, Workshop

_n = itertools.count(1)


# Users --------------------------------------------------------------------------------


# The TOTP secret of users made with mfa=True (the default for administrators).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_user(
    *role_names, superuser=False, username=None, password="correct-horse-9", mfa=None, email=""
):
    """A user holding the given roles (group names from aktiv.roles). Administrators get
    a TOTP authenticator (secret TOTP_SECRET) unless mfa=False: they must have one."""
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_n)}",
        password=password,
        is_superuser=superuser,
        is_staff=superuser,
        email=email,
    )
    if role_names:
        user.groups.set(RoleGroup.objects.filter(name__in=role_names))
    if superuser if mfa is None else mfa:
        from allauth.mfa.totp.internal.auth import TOTP

        TOTP.activate(user, TOTP_SECRET)
    return user


def totp_code(secret=TOTP_SECRET, offset=0, margin=4):
    """The current TOTP code for `secret` (offset in periods of 30 s). In the last
    `margin` seconds of a period it first waits for the next one: allauth takes a code
    only in its own period (no tolerance), and on a busy machine a code typed into a
    browser at 28 s is checked after the period has turned."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


# Stories ------------------------------------------------------------------------------


def make_round(name=None, **kwargs):
    return CollectionRound.objects.create(name=name or f"Runde {next(_n)}", **kwargs)


def make_story(
    title=None, domains=("glaede",), round=None, *, consent=(), user=None, withdrawn=False, **fields
):
    """A ready story tagged to `domains` (slugs); `consent` is a tuple of scopes
    ("analysis", "report", "publish"), each given on 2 May 2020 by `user`."""
    values = {
        "title": title or f"Fortælling {next(_n)}",
        "text": "Jeg har fået et arbejde, hvor jeg bliver mødt.",
        "significance": "Det betyder meget for mig.",
        "employment_type": Story.Employment.WAGE_SUBSIDY,
        "round": round,
        "collected_on": datetime.date(2020, 5, 1),
        "status": Story.Status.READY,
        "collected_by": user,
    }
    for scope in consent:
        values[f"consent_{scope}_on"] = datetime.date(2020, 5, 2)
        values[f"consent_{scope}_by"] = user
    values.update(fields)
    if withdrawn:
        for scope in Story.CONSENT_SCOPES:
            values[f"consent_{scope}_on"] = values[f"consent_{scope}_by"] = None
        values["withdrawn_at"] = timezone.now()
    story = Story.objects.create(**values)
    if domains:
        story.domains.set(Domain.objects.filter(slug__in=domains))
    return story


def story_form_data(**changes):
    """POST data for the story form; None removes a key."""
    data = {
        "title": "Jeg har fået mod på nye ting",
        "text": "Jeg arbejder nu i et køkken og laver mad til mange.",
        "significance": "Jeg tør mere end før.",
        "told_by": "citizen",
        "storyteller_code": "B-101",
        "employment_type": "wage_subsidy",
        "round": "",
        "collected_on": "2021-03-04",
        "collected_by": "",
        "method": "interview",
        "read_back_on": "",
        "domains": [str(Domain.objects.get(slug="glaede").pk)],
        "status": "ready",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# Workshops and ballots ----------------------------------------------------------------


def make_workshop(
    title="Borgerworkshop",
    kind=Workshop.Kind.CITIZENS,
    held_on=datetime.date(2021, 4, 20),
    round=None,
    *,
    groups=3,
    status=Workshop.Status.DRAFT,
    votes=3,
    domains=None,
    code="",
    **extra,
):
    """A workshop with groups "Gruppe 1".."Gruppe n" and the active domains on its ballot."""
    workshop = Workshop.objects.create(
        title=title,
        kind=kind,
        held_on=held_on,
        round=round,
        status=status,
        votes_per_participant=votes,
        join_code=code,
        **extra,
    )
    workshop.domains.set(domains if domains is not None else Domain.objects.filter(is_active=True))
    Group.objects.bulk_create(
        Group(workshop=workshop, number=n, name=f"Gruppe {n}") for n in range(1, groups + 1)
    )
    return workshop


def open_workshop(code=None, **kwargs):
    """An open workshop (join code `code`, or a new one)."""
    from workshops import services

    return services.open_workshop(make_workshop(**kwargs), user=None, code=code)


def cast(workshop, group, slugs, *, paper=False):
    """A ballot with votes for `slugs`, stored as if the vote was open at the time.

    The database takes votes only while a workshop is open (workshops 0004), so a
    workshop in another state is opened for the moment and put back.
    """
    status, code = Workshop.objects.values_list("status", "join_code").get(pk=workshop.pk)
    if status != Workshop.Status.OPEN:  # an open workshop needs a code of its own
        Workshop.objects.filter(pk=workshop.pk).update(
            status=Workshop.Status.OPEN, join_code=f"TMP{workshop.pk}"
        )
    ballot = Ballot.objects.create(
        workshop=workshop, group=group, token=secrets.token_hex(16), is_paper=paper
    )
    domains = {d.slug: d for d in Domain.objects.filter(slug__in=slugs)}
    Vote.objects.bulk_create(
        Vote(ballot=ballot, slot=i, domain=domains[s]) for i, s in enumerate(slugs, 1)
    )
    if status != Workshop.Status.OPEN:
        Workshop.objects.filter(pk=workshop.pk).update(status=status, join_code=code)
    return ballot


# The seed report's scenario -----------------------------------------------------------
# What stories/demo.py + workshops/demo.py load: 20 ready stories of `domains.seed` with
# analysis and report consent, employment 7 wage subsidy / 4 voluntary / 2 unreferred /
# 5 §103 / 2 §104, round "2019–2021"; stories that must not reach the report (a draft, a
# withdrawn one, one with analysis consent only); the closed citizens' workshop of
# `workshops.demo_data` with the quotes of `domains.seed` spread over groups so that
# distinct groups per domain equal the report's "groups discussed"; closed staff and
# partners' workshops with selections; an open workshop.

EMPLOYMENT = (
    ["wage_subsidy"] * 7
    + ["voluntary"] * 4
    + ["unreferred"] * 2
    + ["sheltered_103"] * 5
    + ["activity_104"] * 2
)
REPORT_CONSENT = ("analysis", "report")

DRAFT_TITLE = "Kladde der aldrig må vises"
NO_CONSENT_TITLE = "Klar, men uden samtykke endnu"
WITHDRAWN_TITLE = "Trukket tilbage og skjult"
ANALYSIS_ONLY_TITLE = "Kun til analyse, ikke rapport"
PUBLIC_TITLE = "Det rette match"
COLLECTOR_USERNAME = "kirsten-indsamler"


@dataclass
class Scenario:
    round: CollectionRound
    stories: dict = field(default_factory=dict)  # title -> Story
    citizens: Workshop = None
    staff: Workshop = None
    partners: Workshop = None
    open: Workshop = None
    hidden: list = field(default_factory=list)  # Stories that must not be in the report
    edition: object = None  # the report edition being prepared (reports.models.Edition)


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


def _scenario_workshop(title, kind, held_on, round_):
    workshop = make_workshop(
        title,
        kind,
        held_on,
        round_,
        status=Workshop.Status.CLOSED,
        votes=VOTES_PER_PARTICIPANT,
        domains=Domain.objects.all(),
    )
    return workshop, list(workshop.groups.order_by("number"))


def build_scenario(collector=None, signer=None):
    round_ = CollectionRound.objects.create(
        name="2019–2021", starts_on=datetime.date(2019, 1, 1), ends_on=datetime.date(2021, 12, 31)
    )
    scenario = Scenario(round=round_)
    for index, (data, employment) in enumerate(zip(seed.stories(), EMPLOYMENT, strict=True)):
        scenario.stories[data["title"]] = make_story(
            data["title"],
            data["domains"],
            round_,
            consent=REPORT_CONSENT,
            employment_type=employment,
            collected_by=collector,
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
            consent=REPORT_CONSENT,
            status=Story.Status.DRAFT,
            collected_by=collector,
            storyteller_code="K-001",
        ),
        make_story(
            WITHDRAWN_TITLE,
            ["glaede", "faellesskab"],
            round_,
            withdrawn=True,
            collected_by=collector,
            storyteller_code="K-002",
        ),
        make_story(
            ANALYSIS_ONLY_TITLE,
            ["glaede", "faellesskab", "laering"],
            round_,
            consent=("analysis",),
            collected_by=collector,
            storyteller_code="K-003",
        ),
        make_story(
            NO_CONSENT_TITLE,
            ["glaede"],
            round_,
            collected_by=collector,
            storyteller_code="K-004",
        ),
    ]

    citizens, groups = _scenario_workshop(
        "Borgerworkshop", Workshop.Kind.CITIZENS, datetime.date(2021, 4, 20), round_
    )
    for number, (count, votes) in CITIZEN_GROUPS.items():
        for slugs in ballots_for(count, votes):
            cast(citizens, groups[number - 1], slugs)
    add_quotes(citizens)
    scenario.citizens = citizens

    staff, staff_groups = _scenario_workshop(
        "Analyseworkshop for medarbejdere", Workshop.Kind.STAFF, datetime.date(2020, 10, 1), round_
    )
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

    partners, partner_groups = _scenario_workshop(
        "Analyseworkshop for samarbejdspartnere",
        Workshop.Kind.PARTNERS,
        datetime.date(2020, 10, 15),
        round_,
    )
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
        votes=VOTES_PER_PARTICIPANT,
        domains=Domain.objects.all(),
    )
    scenario.edition = make_edition(
        [round_], ranking=[citizens], workshops=[staff, partners], signed_by=signer
    )
    return scenario


def make_edition(
    rounds,
    *,
    ranking=(),
    workshops=(),
    title="Læringsrapport 2019–2021",
    dated=datetime.date(2021, 6, 1),
    signed_by=None,
    signer_title="Leder Aalborg AKTIV og Aalborg FRI-TID",
    user=None,
):
    """A report edition being prepared, with copies of the standard texts (written
    straight to the database, without an audit event; the rules are tested through
    reports.services)."""
    from reports.models import Edition, EditionText, ReportText

    edition = Edition.objects.create(
        title=title, dated=dated, signed_by=signed_by, signer_title=signer_title, created_by=user
    )
    edition.rounds.set(rounds)
    edition.ranking_workshops.set(ranking)
    edition.workshops.set([*ranking, *workshops])
    EditionText.objects.bulk_create(
        EditionText(edition=edition, key=t.key, title=t.title, body=t.body)
        for t in ReportText.objects.all()
    )
    return edition


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


# Realistic data for the accessibility crawl -------------------------------------------
# Long names and more than 25 rows in every list: what an outside audit found pages to
# break with (sideways scrolling at 320 px, unreachable scroll regions).

LONG_TITLE = (
    "Jeg har fået en fast plads i køkkenet på plejehjemmet og ansvar for morgenmaden "
    "til beboerne på anden sal hver eneste hverdag"
)
LONG_USERNAME = "kirsten-margrethe-oestergaard-indsamler"


def build_crawl_data(rows=26):
    """The seed report's scenario plus `rows` of everything with long names."""
    collector = make_user("Medarbejder", username=LONG_USERNAME)
    scenario = build_scenario(collector=collector)
    rounds = [
        make_round(f"Indsamlingsrunde {i} i beskæftigelsesindsatsen for borgere med handicap")
        for i in range(1, rows + 1)
    ]
    domain_slugs = list(Domain.objects.order_by("order").values_list("slug", flat=True))
    for i in range(rows):
        make_story(
            f"{LONG_TITLE} ({i + 1})",
            [domain_slugs[i % len(domain_slugs)], domain_slugs[(i + 3) % len(domain_slugs)]],
            rounds[i % 3],
            consent=("analysis", "report", "publish") if i % 2 else ("analysis",),
            user=collector,
            collected_by=collector,
            storyteller_code=f"B-{200 + i}",
            text=("Jeg kom ind ad døren første dag og vidste ikke, hvad jeg skulle sige. " * 6),
            significance="Det betyder, at jeg har en grund til at stå op om morgenen.",
        )
    for i in range(rows):
        workshop = make_workshop(
            f"Borgerworkshop om arbejdsglæde og fællesskab på arbejdspladsen nr. {i + 1}",
            Workshop.Kind.CITIZENS if i % 2 else Workshop.Kind.PARTNERS,
            datetime.date(2021, 1, 1) + datetime.timedelta(days=7 * i),
            rounds[0],
            status=Workshop.Status.CLOSED,
            groups=2,
        )
        if i == 0:
            groups = list(workshop.groups.order_by("number"))
            for n in range(rows + 4):
                cast(workshop, groups[n % 2], domain_slugs[n % 5 : n % 5 + 3])
    # Quotes and ballots on the citizens' workshop: more than 25 rows on its pages.
    groups = list(scenario.citizens.groups.order_by("number"))
    domains = list(Domain.objects.order_by("order"))
    for i in range(rows):
        Quote.objects.create(
            workshop=scenario.citizens,
            group=groups[i % len(groups)],
            domain=domains[i % len(domains)],
            kind="why" if i % 2 else "role",
            text="Det betyder noget, at nogen spørger til, hvordan jeg har det, også de dage, "
            "hvor jeg ikke kan komme.",
        )
    return scenario


# Agreement: coding rounds and a tagged corpus for domain suggestions ------------------

SUGGESTION_TEXTS = {
    "glaede": "Jeg griner hver dag og glæder mig til at komme på arbejde, det er sjovt.",
    "laering": "Jeg har lært at bruge maskinen og lærer nye ting på kurset hver uge.",
    "faellesskab": "Vi spiser frokost sammen i pausen, og kollegerne er mine venner nu.",
}


def tagged_corpus(per_domain=8, round=None):
    """Stories with analysis consent, each tagged to one domain and written in words of
    that domain (SUGGESTION_TEXTS): enough for the suggestions to learn from."""
    stories = []
    for slug, text in SUGGESTION_TEXTS.items():
        for i in range(per_domain):
            stories.append(
                make_story(
                    f"Korpus {slug} {i}",
                    domains=(slug,),
                    round=round,
                    consent=("analysis",),
                    text=f"{text} Dag {i}.",
                    significance="",
                )
            )
    return stories

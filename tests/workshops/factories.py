"""Factories for workshop tests."""

import datetime
import secrets

from domains.models import Domain
from stories.models import Story
from workshops import services
from workshops.models import Ballot, Group, Vote, Workshop


def make_workshop(
    groups=3,
    kind=Workshop.Kind.CITIZENS,
    status=Workshop.Status.DRAFT,
    votes=3,
    domains=None,
    code="",
    title="Borgerworkshop",
    **extra,
):
    workshop = Workshop.objects.create(
        title=title,
        kind=kind,
        held_on=datetime.date(2021, 4, 20),
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
    workshop = make_workshop(**kwargs)
    return services.open_workshop(workshop, code=code)


def cast(workshop, group, slugs, paper=False):
    ballot = Ballot.objects.create(
        workshop=workshop, group=group, token=secrets.token_hex(16), is_paper=paper
    )
    domains = {d.slug: d for d in Domain.objects.filter(slug__in=slugs)}
    Vote.objects.bulk_create(
        Vote(ballot=ballot, slot=i, domain=domains[s]) for i, s in enumerate(slugs, 1)
    )
    return ballot


def make_story(domains=(), analysis=True, withdrawn=False, title="En fortælling", **extra):
    story = Story.objects.create(
        title=title,
        text="Før sad jeg derhjemme. Nu går jeg på arbejde hver dag.",
        significance="Jeg føler mig som en del af noget.",
        employment_type=Story.Employment.WAGE_SUBSIDY,
        collected_on=datetime.date(2020, 5, 1),
        status=Story.Status.READY,
        consent_analysis_on=datetime.date(2020, 5, 1) if analysis and not withdrawn else None,
        **extra,
    )
    if withdrawn:
        from django.utils import timezone

        Story.objects.filter(pk=story.pk).update(withdrawn_at=timezone.now())
    story.domains.set(Domain.objects.filter(slug__in=domains))
    return story

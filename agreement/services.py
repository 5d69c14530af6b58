"""Every change in the agreement app: one function each, plain values in, one
transaction, its audit event. Changes to a story's domains go through the stories
service (stories.services.tag_story), which audits them on the story."""

import random

from django.db import transaction
from django.utils import timezone

from aktiv import audit
from domains.models import Domain
from stories import services as story_services
from stories.models import Story

from .models import Coding, CodingRound, Resolution


class RoundClosed(Exception):
    """The round is closed: codings can no longer change."""


class NotACoder(Exception):
    """The user is not one of the round's coders."""


def sample_stories(story_ids, size, *, seed=None):
    """A random sample of `size` from `story_ids` (all of them when fewer), in id order."""
    ids = sorted(story_ids)
    if size >= len(ids):
        return ids
    return sorted(random.Random(seed).sample(ids, size))  # noqa: S311 (a sample, not a secret)


def _round_story(round_, story_id):
    """A story of the round that still has analysis consent (else Story.DoesNotExist)."""
    return Story.objects.for_analysis().filter(pk__in=round_.stories.values("pk")).get(pk=story_id)


def create_round(*, user, title, story_ids, coder_ids, domain_ids):
    """A new blind coding round. Only stories with analysis consent are taken."""
    with transaction.atomic():
        stories = list(
            Story.objects.for_analysis().filter(pk__in=story_ids).values_list("pk", flat=True)
        )
        round_ = CodingRound.objects.create(title=title, created_by=user)
        round_.stories.set(stories)
        round_.coders.set(coder_ids)
        round_.domains.set(domain_ids)
        audit.record(
            user,
            audit.Action.CREATE,
            round_,
            fortaellinger=len(stories),
            kodere=len(set(coder_ids)),
        )
    return round_


def save_coding(round_id, *, user, story_id, domain_ids):
    """The coder's domains for one story of the round (replacing an earlier answer)."""
    with transaction.atomic():
        round_ = CodingRound.objects.select_for_update().get(pk=round_id)
        if round_.closed_at is not None:
            raise RoundClosed
        if not round_.coders.filter(pk=user.pk).exists():
            raise NotACoder
        story = _round_story(round_, story_id)
        coding, created = Coding.objects.get_or_create(round=round_, coder=user, story=story)
        coding.domains.set(round_.domains.filter(pk__in=domain_ids))
        coding.save()
        audit.record(
            user,
            audit.Action.CREATE if created else audit.Action.EDIT,
            coding,
            runde=round_.pk,
            fortaelling=story.pk,
        )
    return coding


def close_round(round_id, *, user):
    with transaction.atomic():
        round_ = CodingRound.objects.select_for_update().get(pk=round_id)
        if round_.closed_at is None:
            round_.closed_at = timezone.now()
            round_.save(update_fields=["closed_at"])
            audit.record(user, audit.Action.CLOSE, round_)
    return round_


def resolve(round_id, *, user, story_id, domain_ids, note, apply):
    """Record how a disagreement on one story was settled; with `apply`, the agreed
    domains become the story's domains among the round's domains (others stay)."""
    with transaction.atomic():
        round_ = CodingRound.objects.get(pk=round_id)
        story = _round_story(round_, story_id)
        agreed = list(round_.domains.filter(pk__in=domain_ids))
        resolution, created = Resolution.objects.get_or_create(round=round_, story=story)
        resolution.domains.set(agreed)
        resolution.note = note
        resolution.applied = resolution.applied or apply
        resolution.resolved_by = user
        resolution.save()
        audit.record(
            user,
            audit.Action.CREATE if created else audit.Action.EDIT,
            resolution,
            runde=round_.pk,
            fortaelling=story.pk,
            sat_paa_fortaellingen=apply,
        )
        if apply:
            round_domains = set(round_.domains.values_list("pk", flat=True))
            outside = Domain.objects.filter(stories=story).exclude(pk__in=round_domains)
            story_services.tag_story(
                story.pk,
                user=user,
                domains=[*outside, *agreed],
                replace=True,
                source="kodningsrunde",
            )
    return resolution


def accept_suggestions(story_id, *, user, domain_ids):
    """Add suggested domains to a story (the staff member clicked "Tilføj")."""
    domains = list(Domain.objects.filter(pk__in=domain_ids, is_active=True))
    return story_services.tag_story(story_id, user=user, domains=domains, source="forslag")

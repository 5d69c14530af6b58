"""Database invariants that must hold whatever the tests (or users) did.

`assert_invariants()` is called at the end of the property tests and the privacy scan,
and on the demo data, and at the end of the ballot property tests.

Voting: a ballot exists only in a workshop that has been opened; after closing only paper
ballots may be entered or changed (`workshops.services.cast_ballot(paper=True)` accepts
a closed workshop, a participant's ballot is refused); at most N votes per ballot; every
vote is for a domain on the workshop's ballot (else the results would silently drop it);
no ballot without votes.
"""

from django.db.models import Count, Exists, F, OuterRef, Q

from stories.models import Erasure, Story
from workshops.models import Ballot, Selection, Vote, Workshop


def invariant_violations():
    """A list of human-readable problems; empty when the database is consistent."""
    problems = []

    withdrawn_with_consent = Story.objects.filter(withdrawn_at__isnull=False).filter(
        Q(consent_analysis_on__isnull=False)
        | Q(consent_report_on__isnull=False)
        | Q(consent_publish_on__isnull=False)
        | Q(consent_analysis_by__isnull=False)
        | Q(consent_report_by__isnull=False)
        | Q(consent_publish_by__isnull=False)
    )
    for pk in withdrawn_with_consent.values_list("pk", flat=True):
        problems.append(f"Fortælling #{pk} er trukket tilbage, men har stadig et samtykke.")

    for scope in Story.CONSENT_SCOPES:
        orphan = Story.objects.filter(
            **{f"consent_{scope}_on__isnull": True, f"consent_{scope}_by__isnull": False}
        )
        for pk in orphan.values_list("pk", flat=True):
            problems.append(f"Fortælling #{pk}: samtykke '{scope}' har en registrant uden dato.")

    withdrawn_selected = Selection.objects.filter(story__withdrawn_at__isnull=False)
    for story_id, workshop_id in withdrawn_selected.values_list("story_id", "workshop_id"):
        problems.append(
            f"Fortælling #{story_id} er trukket tilbage, men er udvalgt i workshop {workshop_id}."
        )

    too_many = (
        Ballot.objects.annotate(n=Count("votes"))
        .filter(n__gt=F("workshop__votes_per_participant"))
        .values_list("pk", "n", "workshop__votes_per_participant")
    )
    for pk, n, cap in too_many:
        problems.append(f"Stemmeseddel {pk} har {n} stemmer (højst {cap}).")

    slot_over_cap = Vote.objects.filter(slot__gt=F("ballot__workshop__votes_per_participant"))
    for pk in slot_over_cap.values_list("ballot_id", flat=True).distinct():
        problems.append(f"Stemmeseddel {pk} har en stemme ud over workshoppens antal.")

    wrong_group = Ballot.objects.exclude(group__workshop_id=F("workshop_id"))
    for pk in wrong_group.values_list("pk", flat=True):
        problems.append(f"Stemmeseddel {pk} hører til en gruppe i en anden workshop.")

    in_draft = Ballot.objects.filter(workshop__status=Workshop.Status.DRAFT)
    for pk, workshop_id in in_draft.values_list("pk", "workshop_id"):
        problems.append(f"Stemmeseddel {pk} er i workshop {workshop_id}, som ikke er åbnet.")

    after_close = Ballot.objects.filter(
        is_paper=False,
        workshop__status=Workshop.Status.CLOSED,
        workshop__closed_at__isnull=False,
        updated_at__gt=F("workshop__closed_at"),
    )
    for pk, workshop_id in after_close.values_list("pk", "workshop_id"):
        problems.append(
            f"Stemmeseddel {pk} er afgivet eller ændret, efter workshop {workshop_id} lukkede."
        )

    on_ballot = Workshop.domains.through.objects.filter(
        workshop_id=OuterRef("ballot__workshop_id"), domain_id=OuterRef("domain_id")
    )
    off_ballot = Vote.objects.exclude(Exists(on_ballot))
    for ballot_id, domain_id in off_ballot.values_list("ballot_id", "domain_id"):
        problems.append(
            f"Stemmeseddel {ballot_id} har en stemme på område {domain_id}, "
            "som ikke er på workshoppens stemmeseddel."
        )

    empty = Ballot.objects.filter(votes__isnull=True)
    for pk in empty.values_list("pk", flat=True):
        problems.append(f"Stemmeseddel {pk} har ingen stemmer.")

    # An erased story must stay erased (a story with a reused id, created later, is fine).
    erased_ids = dict(Erasure.objects.values_list("story_id", "erased_at"))
    for pk, created_at in Story.objects.filter(pk__in=list(erased_ids)).values_list(
        "pk", "created_at"
    ):
        if created_at <= erased_ids[pk]:
            problems.append(f"Fortælling #{pk} er slettet, men findes igen.")

    return problems


def assert_invariants():
    problems = invariant_violations()
    assert not problems, "Database invariants broken:\n" + "\n".join(problems)

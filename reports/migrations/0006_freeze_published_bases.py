"""A published edition keeps its basis: rounds, workshops with their counts, ballots.

From now on publishing stores them in `frozen_basis["basis"]` (reports.editions.
frozen_basis, workshops.frozen) and the edition's domain pages show them, as its frozen
report does. Editions published before are given theirs here, as the workshops hold
them now (the best there is: the counts at publication were not kept). A frozen copy of
what the two functions write, in the same shape.
"""

from django.db import migrations

WORKSHOP_FIELDS = (
    "id", "title", "kind", "held_on", "round_id", "expected_participants", "status",
    "is_rehearsal",
)  # fmt: skip


def _basis(apps, edition):
    Workshop = apps.get_model("workshops", "Workshop")
    Group = apps.get_model("workshops", "Group")
    GroupCount = apps.get_model("workshops", "GroupCount")
    VoteCount = apps.get_model("workshops", "VoteCount")
    ranking_ids = set(edition.ranking_workshops.values_list("id", flat=True))
    ids = ranking_ids | set(edition.workshops.values_list("id", flat=True))
    workshops = list(
        Workshop.objects.filter(pk__in=ids, status="closed", is_rehearsal=False)
        .order_by("held_on", "id")
        .values(*WORKSHOP_FIELDS)
    )
    ids = [w["id"] for w in workshops]
    tallies = {
        c["group_id"]: (c["ballots"], c["paper"])
        for c in GroupCount.objects.filter(workshop_id__in=ids).values("group_id", "ballots", "paper")
    }
    groups = [
        [g["id"], g["workshop_id"], g["number"], g["name"], *tallies.get(g["id"], (0, 0))]
        for g in Group.objects.filter(workshop_id__in=ids)
        .order_by("number")
        .values("id", "workshop_id", "number", "name")
    ]
    for workshop in workshops:
        ballots = [g[4] for g in groups if g[1] == workshop["id"]]
        workshop["held_on"] = workshop["held_on"].isoformat()
        workshop["participants"] = sum(ballots)
        workshop["group_count"] = len(ballots)
        workshop["groups_voting"] = sum(1 for n in ballots if n)
    return {
        "rounds": [
            {
                "id": r.pk,
                "name": r.name,
                "starts_on": r.starts_on and r.starts_on.isoformat(),
                "ends_on": r.ends_on and r.ends_on.isoformat(),
            }
            for r in edition.rounds.order_by("starts_on", "id")
        ],
        "ranking": [pk for pk in ids if pk in ranking_ids],
        "workshops": workshops,
        "ballots": [
            list(pair)
            for pair in Workshop.domains.through.objects.filter(workshop_id__in=ids).values_list(
                "workshop_id", "domain_id"
            )
        ],
        "groups": groups,
        "votes": [
            list(row)
            for row in VoteCount.objects.filter(workshop_id__in=ids, n__gt=0).values_list(
                "workshop_id", "domain_id", "group_id", "n"
            )
        ],
    }


def forwards(apps, schema_editor):
    Edition = apps.get_model("reports", "Edition")
    for edition in Edition.objects.filter(status="published"):
        if "basis" not in (edition.frozen_basis or {}):
            edition.frozen_basis = {**(edition.frozen_basis or {}), "basis": _basis(apps, edition)}
            edition.save(update_fields=["frozen_basis"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_text_placeholders"),
        ("stories", "0010_consent_per_scope_and_who_gave_it"),
        ("workshops", "0008_rehearsal_and_analysis_notes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

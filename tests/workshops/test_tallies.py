"""The ballot and vote counts PostgreSQL keeps (workshops.tallies) equal counting the votes.

The property test casts, changes, moves and deletes ballots (participants, paper ballots
after closing, the admin moving a ballot to another group, the facilitator deleting a
ballot and restoring it), then counts every ballot and vote that counts (not deleted)
from scratch and compares; deleting the workshop takes its counts along.
"""

import pytest
from django.db.models import Count, Q
from hypothesis import given
from hypothesis import strategies as st

from domains.models import Domain
from tests.factories import make_workshop
from tests.hardening.conftest import rolled_back
from workshops import services
from workshops.models import Ballot, Vote, Workshop
from workshops.tallies import GroupCount, VoteCount

pytestmark = pytest.mark.django_db

SLUGS = ["glaede", "faellesskab", "laering", "muligheder"]


def _kept(model, key_fields, value_fields):
    kept = {}
    for row in model.objects.values_list(*key_fields, *value_fields):
        values = row[len(key_fields) :]
        if any(values):
            kept[row[: len(key_fields)]] = values if len(values) > 1 else values[0]
    return kept


def assert_ballot_tallies_match():
    counted = Ballot.objects.filter(deleted_at__isnull=True)
    groups = {
        (group_id,): (ballots, paper)
        for group_id, ballots, paper in counted.values("group_id")
        .annotate(b=Count("id"), p=Count("id", filter=Q(is_paper=True)))
        .values_list("group_id", "b", "p")
    }
    votes = {
        (group_id, domain_id): n
        for group_id, domain_id, n in Vote.objects.filter(ballot__deleted_at__isnull=True)
        .values("ballot__group_id", "domain_id")
        .annotate(n=Count("id"))
        .values_list("ballot__group_id", "domain_id", "n")
    }
    assert _kept(GroupCount, ["group_id"], ["ballots", "paper"]) == groups
    assert _kept(VoteCount, ["group_id", "domain_id"], ["n"]) == votes


ballot_operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("cast"),
            st.integers(0, 4),  # which browser (token)
            st.integers(0, 2),  # group
            st.lists(st.sampled_from(SLUGS), min_size=1, max_size=3, unique=True),
            st.booleans(),  # paper
        ),
        st.tuples(st.just("delete"), st.integers(0, 4)),
        st.tuples(st.just("soft_delete"), st.integers(0, 4)),
        st.tuples(st.just("restore"), st.integers(0, 4)),
        st.tuples(st.just("move"), st.integers(0, 4), st.integers(0, 2)),
        st.tuples(st.just("paper_after_closing"), st.integers(0, 2)),
    ),
    max_size=10,
)


@given(ops=ballot_operations)
def test_ballot_tallies_equal_counting_after_any_writes(db, ops):
    with rolled_back():
        workshop = services.open_workshop(
            make_workshop(domains=Domain.objects.filter(slug__in=SLUGS)), user=None
        )
        groups = list(workshop.groups.order_by("number"))
        domains = {d.slug: d for d in Domain.objects.filter(slug__in=SLUGS)}
        for kind, *args in ops:
            if kind == "cast":
                token, group, slugs, paper = args
                chosen = sorted((domains[s] for s in slugs), key=lambda d: (d.order, d.name))
                try:
                    services.cast_ballot(
                        workshop, groups[group], chosen, token=f"t{token}", paper=paper
                    )
                except services.VoteRefused:  # a deleted ballot takes no new choices
                    assert Ballot.objects.get(token=f"t{token}").deleted_at is not None
            elif kind == "delete":
                Ballot.objects.filter(token=f"t{args[0]}").delete()
            elif kind in ("soft_delete", "restore"):
                for ballot in Ballot.objects.filter(token=f"t{args[0]}"):
                    write = (
                        services.delete_ballot
                        if kind == "soft_delete"
                        else (services.restore_ballot)
                    )
                    write(ballot, user=None)
            elif kind == "move":  # as the admin could: the ballot keeps its votes
                Ballot.objects.filter(token=f"t{args[0]}").update(group=groups[args[1]])
            elif kind == "paper_after_closing":
                Workshop.objects.filter(pk=workshop.pk).update(status="closed")
                services.cast_ballot(
                    workshop,
                    groups[args[0]],
                    [domains["glaede"]],
                    token=services.paper_token(),
                    paper=True,
                )
                Workshop.objects.filter(pk=workshop.pk).update(status="open")
        assert_ballot_tallies_match()
        Workshop.objects.filter(pk=workshop.pk).delete()
        assert not GroupCount.objects.exists()
        assert not VoteCount.objects.exists()

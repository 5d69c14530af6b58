"""The database enforces the ballot rules; concurrency cannot break them (PostgreSQL)."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from domains.models import Domain
from tests.factories import cast, make_workshop, open_workshop
from workshops import services
from workshops.models import Ballot, Vote, Workshop

SLUGS = [
    "glaede",
    "faellesskab",
    "muligheder",
    "selvtillid-og-selvrespekt",
    "selvstaendighed",
    "laering",
    "tryghed-og-mod",
    "indflydelse",
    "uundvaerlighed",
    "vaerdighed-og-ligevaerdighed",
]


def domain(slug):
    return Domain.objects.get(slug=slug)


@pytest.mark.django_db
class TestDatabaseRules:
    def test_a_domain_at_most_once_per_ballot(self):
        workshop = make_workshop()
        ballot = cast(workshop, workshop.groups.first(), ["glaede"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(ballot=ballot, slot=2, domain=domain("glaede"))

    def test_a_slot_at_most_once_per_ballot(self):
        workshop = make_workshop()
        ballot = cast(workshop, workshop.groups.first(), ["glaede"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(ballot=ballot, slot=1, domain=domain("laering"))

    def test_slot_beyond_this_workshops_limit_is_refused_by_the_database(self):
        workshop = make_workshop(votes=2)
        ballot = cast(workshop, workshop.groups.first(), ["glaede", "laering"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(ballot=ballot, slot=3, domain=domain("indflydelse"))
        assert ballot.votes.count() == 2

    def test_slot_outside_the_global_range_is_refused(self):
        workshop = make_workshop(votes=3)
        ballot = cast(workshop, workshop.groups.first(), ["glaede"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(ballot=ballot, slot=0, domain=domain("laering"))

    def test_moving_a_vote_to_a_slot_beyond_the_limit_is_refused(self):
        workshop = make_workshop(votes=2)
        ballot = cast(workshop, workshop.groups.first(), ["glaede"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.filter(ballot=ballot).update(slot=5)

    def test_lowering_the_limit_below_used_slots_is_refused(self):
        workshop = make_workshop(votes=3)
        cast(workshop, workshop.groups.first(), ["glaede", "laering", "indflydelse"])
        with pytest.raises(IntegrityError), transaction.atomic():
            Workshop.objects.filter(pk=workshop.pk).update(votes_per_participant=2)
        Workshop.objects.filter(pk=workshop.pk).update(votes_per_participant=5)  # raising is fine

    def test_a_ballot_in_a_group_of_another_workshop_is_refused(self):
        one, other = make_workshop(), make_workshop(title="Anden")
        with pytest.raises(IntegrityError), transaction.atomic():
            Ballot.objects.create(workshop=one, group=other.groups.first(), token="x" * 40)
            connection.check_constraints()  # the composite key is deferred to commit
        assert Ballot.objects.count() == 0

    def test_only_one_open_workshop_per_join_code(self):
        open_workshop(code="ABCDEF")
        with pytest.raises(IntegrityError), transaction.atomic():
            make_workshop(status=Workshop.Status.OPEN, code="ABCDEF")
        make_workshop(status=Workshop.Status.CLOSED, code="ABCDEF")  # closed may share it

    def test_a_first_submission_over_the_limit_stores_nothing(self):
        # Past validate_choices (as a bug would be): the votes meet the vote-limit
        # trigger, and nothing of the ballot stays.
        workshop = open_workshop(code="LIMITT", votes=3)
        group = workshop.groups.first()
        with pytest.raises(services.VoteRefused):
            services.cast_ballot(workshop, group, [domain(s) for s in SLUGS[:4]], token="x" * 64)
        assert not Ballot.objects.filter(token="x" * 64).exists()
        assert not Vote.objects.exists()
        ballot, created = services.cast_ballot(
            workshop, group, [domain(s) for s in SLUGS[:3]], token="x" * 64
        )
        assert created
        assert (
            list(ballot.votes.order_by("slot").values_list("domain__slug", flat=True))
            == (SLUGS[:3])
        )

    def test_replacing_choices_is_atomic(self, monkeypatch):
        workshop = open_workshop(code="ATMCCC")
        group = workshop.groups.first()
        services.cast_ballot(workshop, group, [domain("glaede")], token="t" * 64)

        def broken(*args, **kwargs):
            raise IntegrityError("disk full")

        monkeypatch.setattr(Vote.objects, "bulk_create", broken)
        with pytest.raises(services.VoteRefused):
            services.cast_ballot(workshop, group, [domain("laering")], token="t" * 64)
        assert list(Vote.objects.values_list("domain__slug", flat=True)) == ["glaede"]


def test_join_codes_use_an_alphabet_without_look_alikes():
    for _ in range(200):
        code = services.new_code()
        assert len(code) == 6
        assert not set(code) & set("0O1IL")
    assert services.normalise_code(" gr-uppe ") == "GRUPPE"
    assert services.normalise_code("GRUPP0") is None


# --- concurrency: threads released together, each on its own connection -------------


def run_together(count, work):
    """Run work(i) in `count` threads released by a barrier; return every outcome."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def target(i):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = ("ok", work(i))
        except Exception as exc:  # noqa: BLE001 - every outcome is checked by the test
            outcomes[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(not t.is_alive() for t in threads)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_naive_count_then_insert_cannot_exceed_the_limit():
    """Even code that ignores the rules cannot put more than N votes on a ballot."""
    workshop = open_workshop(code="NAIVEE", votes=3)
    ballot = cast(workshop, workshop.groups.first(), [])
    domains = list(Domain.objects.order_by("order"))
    assert len(domains) == 10

    def naive(i):
        with transaction.atomic():
            taken = Vote.objects.filter(ballot=ballot).count()
            Vote.objects.create(ballot=ballot, slot=taken + 1 + (i % 4), domain=domains[i % 10])
        return True

    outcomes = run_together(12, naive)
    assert all(o is not None for o in outcomes)
    ok = [o for o in outcomes if o[0] == "ok"]
    errors = [o for o in outcomes if o[0] == "error"]
    assert all(isinstance(e, IntegrityError) for _, e in errors), errors
    votes = list(Vote.objects.filter(ballot=ballot).values_list("slot", "domain_id"))
    assert 1 <= len(votes) == len(ok) <= 3
    assert len({s for s, _ in votes}) == len(votes)
    assert len({d for _, d in votes}) == len(votes)
    assert all(1 <= s <= 3 for s, _ in votes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_of_the_same_first_ballot_leave_one_valid_ballot():
    workshop = open_workshop(code="SAMEBB", votes=3)
    groups = list(workshop.groups.order_by("number"))
    choices = [[SLUGS[(i + k) % 10] for k in range(3)] for i in range(10)]
    token = services.token_hash(workshop, "one-browser")

    def submit(i):
        domains = sorted(Domain.objects.filter(slug__in=choices[i]), key=lambda d: d.order)
        assert len(domains) == 3
        services.cast_ballot(workshop, groups[i % 3], domains, token=token)
        return i

    outcomes = run_together(10, submit)
    assert all(o is not None and o[0] == "ok" for o in outcomes), outcomes
    assert Ballot.objects.count() == 1
    ballot = Ballot.objects.get()
    stored = sorted(ballot.votes.values_list("domain__slug", flat=True))
    assert len(stored) == 3
    assert stored in [sorted(c) for c in choices]  # exactly one submission, whole
    assert sorted(ballot.votes.values_list("slot", flat=True)) == [1, 2, 3]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_participants_voting_at_once_lose_and_duplicate_nothing():
    workshop = open_workshop(code="FIFTYY", votes=3, groups=5)
    groups = list(workshop.groups.order_by("number"))
    domains = list(Domain.objects.order_by("order"))
    assert len(domains) == 10

    def submit(i):
        chosen = [domains[i % 10], domains[(i + 3) % 10], domains[(i + 7) % 10]]
        services.cast_ballot(
            workshop, groups[i % 5], chosen, token=services.token_hash(workshop, f"p{i}")
        )
        return i

    outcomes = run_together(50, submit)
    assert [o[0] for o in outcomes] == ["ok"] * 50, [o for o in outcomes if o[0] != "ok"]
    assert Ballot.objects.filter(workshop=workshop).count() == 50
    assert Vote.objects.filter(ballot__workshop=workshop).count() == 150
    for i in range(50):
        ballot = Ballot.objects.get(token=services.token_hash(workshop, f"p{i}"))
        assert ballot.group == groups[i % 5]
        assert ballot.votes.count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_votes_arriving_while_the_close_is_committing_are_refused():
    """A voter who reads "open" while the close is in flight must wait, then be refused."""
    workshop = open_workshop(code="CLXSEQ", votes=3)
    group = workshop.groups.first()
    glaede = domain("glaede")
    closing = threading.Event()

    def work(i):
        if i == 0:
            with transaction.atomic():
                Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CLOSED)
                closing.set()
                time.sleep(0.5)  # voters now run against the uncommitted close
            return "closed"
        assert closing.wait(timeout=10)
        try:
            services.cast_ballot(
                workshop, group, [glaede], token=services.token_hash(workshop, f"c{i}")
            )
        except services.VoteRefused:
            return "refused"
        return "stored"

    outcomes = run_together(8, work)
    assert outcomes[0] == ("ok", "closed")
    assert outcomes[1:] == [("ok", "refused")] * 7, outcomes
    assert Ballot.objects.count() == 0

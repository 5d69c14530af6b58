"""Property-based tests of the ballot and the facilitator's forms (Hypothesis).

Participant: POST /w/<code>/stem/ and /w/<code>/bekraeft/ with any list of slugs
(duplicates, unknown, more than N, none), any group, a valid, missing, forged or tampered
token cookie, and valid, forged, garbled, replayed or foreign tickets. Facilitator:
workshop create/edit, group names, paper ballot, quote, story selection.

Every example: never a 5xx; either stored exactly as sent (read back equal) or refused
with a visible message and nothing stored. The database invariants hold after each one.
"""

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from domains.models import Domain
from stories.models import CollectionRound, Story
from tests.factories import cast, make_story, make_workshop, open_workshop
from tests.hardening.conftest import assert_no_server_error, rolled_back
from tests.hardening.strategies import (
    any_text,
    as_stored,
    date_text,
    drop_some,
    either,
    iso_date,
)
from tests.invariants import assert_invariants
from workshops import services
from workshops.models import MAX_VOTES, Ballot, Group, Quote, Selection, Vote, Workshop

pytestmark = pytest.mark.django_db

CODE = "PRQSTU"
N = 3


def _ballot_domains():
    return list(Domain.objects.filter(is_active=True).order_by("order", "name")[:5])


@pytest.fixture
def voting(db):
    """An open workshop (3 groups, 5 domains on the ballot, N=3) and the slugs around it."""
    on_ballot = _ballot_domains()
    workshop = open_workshop(code=CODE, votes=N, domains=on_ballot)
    off_ballot = list(Domain.objects.exclude(pk__in=[d.pk for d in on_ballot]))
    return workshop, [d.slug for d in on_ballot], [d.slug for d in off_ballot]


def slug_lists(on_ballot, off_ballot):
    one = st.one_of(
        st.sampled_from(on_ballot),
        st.sampled_from(on_ballot),  # weighted: valid ballots are common enough
        st.sampled_from(off_ballot),
        st.just("findes-ikke"),
        any_text.map(lambda s: s[:200]),
    )
    well_formed = st.lists(st.sampled_from(on_ballot), min_size=1, max_size=N, unique=True)
    return st.one_of(well_formed, st.lists(one, max_size=MAX_VOTES + 4))


COOKIES = ("valid", "valid", "valid", "missing", "forged", "tampered")


def _participant(client, token, cookie):
    signed = services.sign_token(token)
    value = {
        "valid": signed,
        "missing": None,
        "forged": "x" + token,
        "tampered": signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"),
    }[cookie]
    client.cookies.pop(services.TOKEN_COOKIE, None)
    if value is not None:
        client.cookies[services.TOKEN_COOKIE] = value


def _valid_choice(slugs, on_ballot):
    return (
        bool(slugs)
        and len(set(slugs)) == len(slugs)
        and len(slugs) <= N
        and all(s in on_ballot for s in slugs)
    )


def _as_int(value):
    """What int() makes of a posted number (the views and Django's fields use int())."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _snapshot():
    return sorted(Vote.objects.values_list("ballot__token", "ballot__group_id", "domain__slug"))


# --- /w/<code>/stem/ ----------------------------------------------------------------------------


@given(data=st.data())
def test_ballot_post_with_any_choices(anon_c, voting, data):
    workshop, on_ballot, off_ballot = voting
    slugs = data.draw(slug_lists(on_ballot, off_ballot), "slugs")
    group = data.draw(
        st.one_of(
            st.sampled_from(["1", "2", "3"]),
            st.sampled_from(["1", "2", "3"]),
            st.none(),
            st.sampled_from(["4", "0", "-1", " 2 ", "٣"]),
            any_text,
        ),
        "group",
    )
    cookie = data.draw(st.sampled_from(COOKIES), "cookie")
    with rolled_back():
        token = services.new_token()
        _participant(anon_c, token, cookie)
        before = _snapshot()
        post = {"d": slugs}
        if group is not None:
            post["gruppe"] = group
        response = anon_c.post(f"/w/{CODE}/stem/", post)
        assert_no_server_error(response, "stem")
        assert _snapshot() == before, "the ballot page stored something"
        html = response.content.decode()

        if not 1 <= (_as_int(group) or 0) <= 3:
            assert response.status_code == 302
            assert response["Location"] == f"/w/{CODE}/"
        elif cookie != "valid":
            assert response.status_code == 400
            assert "Vi kan ikke genkende din stemmeseddel" in html
        elif _valid_choice(slugs, on_ballot):
            event("confirmation page")
            assert response.status_code == 200
            assert 'name="ticket"' in html
            number, ticketed = services.read_ticket(
                workshop,
                services.token_hash(workshop, token),
                response.context["ticket"],
            )
            assert (number, ticketed) == (int(group), sorted(slugs))
        else:
            assert response.status_code == 400
            assert response.context["error"]
            assert 'role="alert"' in html and 'name="ticket"' not in html
        assert_invariants()


# --- /w/<code>/bekraeft/ ------------------------------------------------------------------------

TICKETS = (
    *["valid"] * 4,
    "other-token",
    "other-workshop",
    "garbled",
    "truncated",
    "text",
    "missing",
)


# A quarter of the profile's examples (50 under CI): each example runs a whole join,
# choose and confirm; at 200 it was the slowest test of the suite (3.5 minutes).
@settings(max_examples=max(25, settings.default.max_examples // 4))
@given(data=st.data())
def test_confirm_post_with_any_ticket(anon_c, voting, data):
    workshop, on_ballot, off_ballot = voting
    slugs = data.draw(slug_lists(on_ballot, off_ballot), "slugs")
    number = data.draw(st.one_of(st.sampled_from([1, 2, 3]), st.integers(-5, 10)), "group")
    kind = data.draw(st.sampled_from(TICKETS), "ticket")
    cookie = data.draw(st.sampled_from(COOKIES), "cookie")
    state = data.draw(st.sampled_from(["open", "open", "open", "locked", "closed"]), "state")
    earlier = data.draw(st.one_of(st.none(), st.sampled_from([["glaede"], on_ballot[:N]])))
    with rolled_back():
        token = services.new_token()
        hashed = services.token_hash(workshop, token)
        if earlier is not None:
            services.cast_ballot(
                workshop,
                workshop.groups.get(number=1),
                list(Domain.objects.filter(slug__in=earlier).order_by("order", "name")),
                token=hashed,
            )
        if state == "locked":
            Workshop.objects.filter(pk=workshop.pk).update(joining_locked=True)
        elif state == "closed":
            services.close_workshop(Workshop.objects.get(pk=workshop.pk), user=None)
        group = Group(number=number)
        ticket = {
            "valid": services.make_ticket(workshop, hashed, group, slugs),
            "other-token": services.make_ticket(
                workshop, services.token_hash(workshop, "another"), group, slugs
            ),
            "other-workshop": services.make_ticket(
                Workshop(pk=workshop.pk + 1000), hashed, group, slugs
            ),
            "text": data.draw(any_text, "ticket text"),
            "missing": None,
        }.get(kind)
        if kind in ("garbled", "truncated"):
            valid = services.make_ticket(workshop, hashed, group, slugs)
            # The ticket's length varies (it holds a timestamp): draw a position independently.
            at = data.draw(st.integers(0, 10_000), "position") % len(valid)
            if kind == "truncated":
                ticket = valid[:at]
            else:
                swap = "A" if valid[at] != "A" else "B"
                ticket = valid[:at] + swap + valid[at + 1 :]
        _participant(anon_c, token, cookie)
        before = _snapshot()
        response = anon_c.post(f"/w/{CODE}/bekraeft/", {} if ticket is None else {"ticket": ticket})
        assert_no_server_error(response, "bekraeft")
        html = response.content.decode()

        accepted = (
            state != "closed"
            and cookie == "valid"
            and kind == "valid"
            and 1 <= number <= 3
            and not (state == "locked" and earlier is None)
            and _valid_choice(slugs, on_ballot)
        )
        event("accepted" if accepted else f"refused ({state})")
        if accepted:
            assert response.status_code == 302, html[:3000]
            assert response["Location"] == f"/w/{CODE}/tak/"
            ballot = Ballot.objects.get(token=hashed)
            assert ballot.group.number == number and not ballot.is_paper
            stored = sorted(ballot.votes.values_list("domain__slug", flat=True))
            assert stored == sorted(slugs)
            assert Ballot.objects.count() == len({t for t, _g, _d in before} | {hashed})
        else:
            assert _snapshot() == before, "a refused ballot changed the votes"
            if state == "closed":
                # A vote closed just now says it has ended; the result only to a browser
                # that voted in it.
                voted = earlier is not None and cookie == "valid"
                assert response.status_code == 200 and "Afstemningen er lukket" in html
                ended = "Tak fordi du var med" if voted else "Afstemningen er slut."
                assert ended in html
            else:
                assert response.status_code == 400
                assert 'role="alert"' in html
                # The refusal page's message, or the ballot again with the error (an
                # unreadable ticket of a browser that has a ballot keeps its choices).
                assert response.context.get("message") or response.context.get("error")
        assert_invariants()


# --- facilitator: workshop create and edit -------------------------------------------------------


@pytest.fixture
def fac_c(facilitator_user):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(facilitator_user)
    return client


def _domain_ids():
    return [str(pk) for pk in Domain.objects.filter(is_active=True).values_list("pk", flat=True)]


@st.composite
def workshop_post(draw):
    round_ids = [str(pk) for pk in CollectionRound.objects.values_list("pk", flat=True)]
    ids = _domain_ids()
    if draw(st.booleans()):
        # A well-formed form with hostile text: stored or refused on the text alone.
        return {
            "save": "1",
            "title": draw(any_text),
            "kind": draw(st.sampled_from(Workshop.Kind.values)),
            "held_on": draw(iso_date),
            "round": draw(st.sampled_from(["", *round_ids])),
            "votes_per_participant": str(draw(st.sampled_from([N, N, 1, MAX_VOTES]))),
            "domains": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids))),
            "results_visible": draw(st.sampled_from(["", "on"])),
            "group_count": str(draw(st.integers(1, 6))),
        }
    data = {
        "title": draw(either(st.just("Medarbejderworkshop"))),
        "kind": draw(either(st.sampled_from(Workshop.Kind.values))),
        "held_on": draw(st.one_of(iso_date, date_text)),
        "round": draw(either(st.sampled_from(["", *round_ids]))),
        "votes_per_participant": draw(either(st.integers(-2, 12).map(str))),
        "domains": draw(
            st.lists(st.one_of(st.sampled_from(ids), st.just("999999"), any_text), max_size=12)
        ),
        "results_visible": draw(st.sampled_from(["", "on"])),
        "group_count": draw(either(st.integers(-1, 35).map(str))),
    }
    return drop_some(draw, data)


def _assert_workshop_stored(workshop, data):
    assert workshop.title == as_stored(data["title"])
    assert workshop.kind == data["kind"].strip()
    assert workshop.held_on.isoformat() == data["held_on"].strip()
    assert workshop.votes_per_participant == int(data["votes_per_participant"])
    assert set(workshop.domains.values_list("pk", flat=True)) == {
        _as_int(pk) for pk in data["domains"]
    }
    assert workshop.round_id == _as_int(data.get("round") or None)
    assert workshop.groups.count() == int(data["group_count"])
    assert workshop.results_visible == (data.get("results_visible") == "on")


@given(data=workshop_post())
def test_workshop_create_with_any_input(fac_c, data):
    with rolled_back():
        before = Workshop.objects.count()
        response = fac_c.post("/workshops/new/", data)
        assert_no_server_error(response, "workshop create")
        if response.status_code == 302:
            workshop = Workshop.objects.latest("id")
            _assert_workshop_stored(workshop, data)
            assert workshop.status == Workshop.Status.DRAFT
        else:
            form = response.context["form"]
            assert form.errors
            assert Workshop.objects.count() == before
            if "title" in data and as_stored(data["title"]) is None:
                assert "title" in form.errors
        assert_invariants()


@pytest.fixture
def voted_workshop(db):
    workshop = open_workshop(code="EDTWKS", votes=N, domains=_ballot_domains())
    cast(workshop, workshop.groups.get(number=2), ["glaede", "faellesskab"])
    return workshop


@given(data=workshop_post())
def test_workshop_edit_with_votes_and_any_input(fac_c, voted_workshop, data):
    with rolled_back():
        workshop = Workshop.objects.get(pk=voted_workshop.pk)
        snapshot = (
            Workshop.objects.filter(pk=workshop.pk).values().get(),
            sorted(workshop.domains.values_list("pk", flat=True)),
            workshop.groups.count(),
            _snapshot(),
        )
        response = fac_c.post(f"/workshops/{workshop.pk}/edit/", data)
        assert_no_server_error(response, "workshop edit")
        event(f"status {response.status_code}")
        if response.status_code == 302:
            workshop.refresh_from_db()
            _assert_workshop_stored(workshop, data)
            assert workshop.votes_per_participant == N
            assert _snapshot() == snapshot[3]
        else:
            assert response.context["form"].errors
            after = (
                Workshop.objects.filter(pk=workshop.pk).values().get(),
                sorted(workshop.domains.values_list("pk", flat=True)),
                workshop.groups.count(),
                _snapshot(),
            )
            assert after == snapshot
        assert_invariants()


def test_a_domain_with_votes_cannot_be_taken_off_the_ballot(facilitator_client):
    """Found by the property test: the votes for it vanished from the results."""
    workshop = open_workshop(code="EDTWKS", votes=N, domains=_ballot_domains())
    cast(workshop, workshop.groups.get(number=1), ["glaede"])
    keep = [str(d.pk) for d in _ballot_domains() if d.slug != "glaede"]
    response = facilitator_client.post(
        f"/workshops/{workshop.pk}/edit/",
        {
            "title": "Ny titel",
            "kind": workshop.kind,
            "held_on": "2021-04-20",
            "votes_per_participant": str(N),
            "domains": keep,
            "group_count": "3",
        },
    )
    assert response.status_code == 200
    name = Domain.objects.get(slug="glaede").name
    assert name in str(response.context["form"].errors["domains"])
    assert workshop.domains.filter(slug="glaede").exists()
    assert Workshop.objects.get(pk=workshop.pk).title == "Borgerworkshop"
    assert_invariants()


# --- facilitator: group names, paper ballot, quote --------------------------------------------


@given(names=st.lists(any_text, min_size=3, max_size=3), drop=st.sets(st.integers(0, 2)))
def test_group_names_with_any_input(fac_c, voted_workshop, names, drop):
    with rolled_back():
        workshop = voted_workshop
        groups = list(workshop.groups.order_by("number"))
        before = [g.name for g in groups]
        data = {"save": "1"}
        for index, (group, name) in enumerate(zip(groups, names, strict=True)):
            if index not in drop:
                data[f"group_{group.pk}"] = name
        response = fac_c.post(f"/workshops/{workshop.pk}/groups/", data)
        assert_no_server_error(response, "group names")
        after = [g.name for g in workshop.groups.order_by("number")]
        if response.status_code == 302:
            assert after == [as_stored(names[i]) for i in range(3)]
        else:
            assert response.context["form"].errors
            assert after == before
        assert_invariants()


@pytest.fixture
def paper_workshops(db):
    workshops = {}
    for state in ("draft", "open", "closed"):
        workshop = make_workshop(votes=N, domains=_ballot_domains())
        if state != "draft":
            services.open_workshop(workshop, user=None, code=f"PAPR{state[0].upper()}W")
        if state == "closed":
            services.close_workshop(workshop, user=None)
        workshops[state] = workshop
    workshops["other"] = make_workshop(groups=1)
    return workshops


@given(data=st.data())
def test_paper_ballot_with_any_input(fac_c, paper_workshops, data):
    state = data.draw(st.sampled_from(["open", "closed", "draft"]), "state")
    with rolled_back():
        on_ballot = _ballot_domains()
        workshop = paper_workshops[state]
        other = paper_workshops["other"]
        group_ids = [str(g.pk) for g in workshop.groups.all()]
        ids = [str(d.pk) for d in on_ballot]
        well_formed = st.lists(st.sampled_from(ids), min_size=1, max_size=N)
        post = {
            "save": "1",
            "group": data.draw(
                st.one_of(
                    st.sampled_from(group_ids),
                    st.sampled_from(group_ids),
                    st.just(str(other.groups.get().pk)),
                    any_text,
                ),
                "group",
            ),
            "domains": data.draw(
                st.one_of(
                    well_formed,
                    st.lists(
                        st.one_of(st.sampled_from(ids), st.sampled_from(_domain_ids()), any_text),
                        max_size=MAX_VOTES + 2,
                    ),
                ),
                "domains",
            ),
        }
        before = _snapshot()
        response = fac_c.post(f"/workshops/{workshop.pk}/ballots/new/", post)
        assert_no_server_error(response, "paper ballot")
        valid = (
            state != "draft"
            and post["group"] in group_ids
            and 1 <= len(set(post["domains"])) <= N
            and set(post["domains"]) <= set(ids)
        )
        event("stored" if valid else "refused")
        if valid:
            assert response.status_code == 302
            ballot = Ballot.objects.latest("id")
            assert ballot.is_paper and str(ballot.group_id) == post["group"]
            assert {str(pk) for pk in ballot.votes.values_list("domain_id", flat=True)} == set(
                post["domains"]
            )
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert _snapshot() == before
        assert_invariants()


@given(data=st.data())
def test_quote_with_any_input(fac_c, voted_workshop, data):
    with rolled_back():
        workshop = voted_workshop
        groups = [str(g.pk) for g in workshop.groups.all()]
        ids = [str(d.pk) for d in _ballot_domains()]
        post = {
            "group": data.draw(st.one_of(st.sampled_from(["", *groups]), any_text)),
            "domain": data.draw(st.one_of(st.sampled_from(ids), st.sampled_from(_domain_ids()))),
            "kind": data.draw(either(st.sampled_from(Quote.Kind.values))),
            "text": data.draw(either(st.just("Vi blev hørt."))),
        }
        post = drop_some(data.draw, post)
        response = fac_c.post(f"/workshops/{workshop.pk}/quotes/", post)
        assert_no_server_error(response, "quote")
        if response.status_code == 302:
            quote = Quote.objects.get(workshop=workshop)
            assert quote.text == as_stored(post["text"])
            assert str(quote.domain_id) == post["domain"] and quote.kind == post["kind"]
            assert str(quote.group_id or "") == post.get("group", "")
        else:
            assert response.context["form"].errors
            assert not Quote.objects.filter(workshop=workshop).exists()
        assert_invariants()


# --- facilitator: story selection (consent) ----------------------------------------------------


@pytest.fixture
def selection_setup(db):
    glaede = Domain.objects.get(slug="glaede")
    workshop = make_workshop(kind=Workshop.Kind.STAFF, domains=[glaede])
    stories = {
        "analysis": make_story(domains=["glaede"], consent=("analysis",)),
        "none": make_story(domains=["glaede"]),
        "withdrawn": make_story(domains=["glaede"], withdrawn=True),
        "draft": make_story(domains=["glaede"], consent=("analysis",)),
        "other-domain": make_story(domains=["faellesskab"], consent=("analysis",)),
    }
    Story.objects.filter(pk=stories["draft"].pk).update(status=Story.Status.DRAFT)
    return glaede, workshop, stories


@given(data=st.data())
def test_selection_with_any_story_and_text(fac_c, selection_setup, data):
    with rolled_back():
        glaede, workshop, stories = selection_setup
        which = data.draw(st.sampled_from(["analysis", *stories, "text", "missing"]), "story")
        prefix = f"d{glaede.pk}"
        post = {f"{prefix}-reason": data.draw(either(st.just("Den viser forandringen tydeligt.")))}
        if data.draw(st.booleans(), "dissent?"):
            post[f"{prefix}-dissent"] = data.draw(any_text, "dissent")
        if which == "text":
            post[f"{prefix}-story"] = data.draw(any_text, "story id")
        elif which != "missing":
            post[f"{prefix}-story"] = str(stories[which].pk)
        response = fac_c.post(f"/workshops/{workshop.pk}/selection/{glaede.pk}/", post)
        assert_no_server_error(response, "selection")
        chosen = Selection.objects.filter(workshop=workshop).first()
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert which in ("analysis", "text")
            assert chosen.story == stories["analysis"]
            assert chosen.reason == as_stored(post[f"{prefix}-reason"])
            assert chosen.dissent == as_stored(post.get(f"{prefix}-dissent", ""))
            assert Story.objects.for_analysis().filter(pk=chosen.story_id).exists()
        else:
            assert response.context["form"].errors
            assert chosen is None
            if which not in ("analysis", "missing", "text"):
                assert "story" in response.context["form"].errors
        assert_invariants()
